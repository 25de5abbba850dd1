package org.recourse.strategy;

import java.util.List;

import org.recourse.shared.Problem;

/** Why an adjustment of a case's path was refused; each with a stable code. */
public final class PathAdjustmentProblem extends Problem {

    /** Field codes of this prefix are refusals by the rules (422); any other code is a malformed field (400). */
    private static final String RULE = "path_adjustment.";

    private PathAdjustmentProblem(Kind kind, String code, List<FieldError> fields) {
        super(kind, code, fields);
    }

    static PathAdjustmentProblem refused(List<FieldError> fields) {
        Refusal refusal = refusal(fields, RULE);
        return new PathAdjustmentProblem(refusal.kind(), refusal.code(), fields);
    }

    static PathAdjustmentProblem refused(String field, String code) {
        return refused(List.of(new FieldError(field, code)));
    }

    /** The case is not one the caller may adjust (another tenant's, not assigned to the collector): 404. */
    public static PathAdjustmentProblem caseNotFound() {
        return new PathAdjustmentProblem(Kind.NOT_FOUND, "path_adjustment.case_not_found", List.of());
    }
}
