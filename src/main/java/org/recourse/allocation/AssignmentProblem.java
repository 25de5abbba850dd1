package org.recourse.allocation;

import java.util.List;

import org.recourse.shared.Problem;

/** Why a request to assign cases to collectors was refused; each with a stable code. */
public final class AssignmentProblem extends Problem {

    /** Field codes of this prefix are refusals by the rules (422); any other code is a malformed field (400). */
    private static final String RULE = "assignment.";

    private AssignmentProblem(Kind kind, String code, List<FieldError> fields) {
        super(kind, code, fields);
    }

    /** Malformed fields make a 400 {@code validation_failed}; well-formed ones the rules refuse a 422 under the first. */
    static AssignmentProblem refused(List<FieldError> fields) {
        Refusal refusal = refusal(fields, RULE);
        return new AssignmentProblem(refusal.kind(), refusal.code(), fields);
    }

    static AssignmentProblem refused(String field, String code) {
        return refused(List.of(new FieldError(field, code)));
    }

    /** A named case is not placed with the agency now (or is another tenant's): nothing is assigned. */
    static AssignmentProblem caseNotFound() {
        return new AssignmentProblem(Kind.NOT_FOUND, "assignment.case_not_found", List.of());
    }
}
