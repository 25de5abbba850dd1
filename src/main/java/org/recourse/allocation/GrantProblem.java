package org.recourse.allocation;

import java.util.List;

import org.recourse.shared.Problem;

/** Why a request about a collector's grant was refused; each with a stable code. */
public final class GrantProblem extends Problem {

    /** Field codes of this prefix are refusals by the rules (422); any other code is a malformed field (400). */
    private static final String RULE = "grant.";

    private GrantProblem(Kind kind, String code, List<FieldError> fields) {
        super(kind, code, fields);
    }

    static GrantProblem refused(List<FieldError> fields) {
        Refusal refusal = refusal(fields, RULE);
        return new GrantProblem(refusal.kind(), refusal.code(), fields);
    }

    static GrantProblem refused(String field, String code) {
        return refused(List.of(new FieldError(field, code)));
    }

    /** A named case is not placed with the agency now (or is another tenant's): nothing is granted. */
    static GrantProblem caseNotFound() {
        return new GrantProblem(Kind.NOT_FOUND, "grant.case_not_found", List.of());
    }

    /** No grant of the caller's agency has this id. */
    static GrantProblem notFound() {
        return new GrantProblem(Kind.NOT_FOUND, "grant.not_found", List.of());
    }

    static GrantProblem alreadyRevoked() {
        return new GrantProblem(Kind.CONFLICT, "grant.already_revoked", List.of());
    }
}
