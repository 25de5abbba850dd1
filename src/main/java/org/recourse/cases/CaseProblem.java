package org.recourse.cases;

import java.util.List;

import org.recourse.shared.Problem;

/** Why a request about a case was refused; each with a stable code. */
public final class CaseProblem extends Problem {

    private CaseProblem(Kind kind, String code, List<FieldError> fields, Object... arguments) {
        super(kind, code, fields, arguments);
    }

    private CaseProblem(Kind kind, String code, Object... arguments) {
        this(kind, code, List.of(), arguments);
    }

    static CaseProblem caseNotFound() {
        return new CaseProblem(Kind.NOT_FOUND, "case.not_found");
    }

    static CaseProblem holdNotFound() {
        return new CaseProblem(Kind.NOT_FOUND, "case.hold_not_found");
    }

    static CaseProblem holdAlreadyLifted() {
        return new CaseProblem(Kind.CONFLICT, "case.hold_already_lifted");
    }

    static CaseProblem transitionForbidden(CaseStatus from, CaseStatus to) {
        return new CaseProblem(Kind.CONFLICT, "case.transition_forbidden", from.name(), to.name());
    }

    static CaseProblem changedMeanwhile() {
        return new CaseProblem(Kind.CONFLICT, "case.changed_meanwhile");
    }

    static CaseProblem invalid(List<FieldError> fields) {
        return new CaseProblem(Kind.INVALID, "validation_failed", fields);
    }

    static CaseProblem invalidBands(List<String> fields) {
        return new CaseProblem(Kind.UNPROCESSABLE, "case.bands_invalid",
                fields.stream().map(field -> new FieldError(field, "case.bands_invalid")).toList());
    }

    static CaseProblem badCursor() {
        return new CaseProblem(Kind.INVALID, "case.cursor_invalid");
    }
}
