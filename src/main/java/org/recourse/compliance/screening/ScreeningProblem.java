package org.recourse.compliance.screening;

import java.util.List;

import org.recourse.shared.Problem;

/** Why a text could not be screened at all; each with a stable code. */
public final class ScreeningProblem extends Problem {

    private ScreeningProblem(Kind kind, String code, List<FieldError> fields) {
        super(kind, code, fields);
    }

    /**
     * The request was well-formed JSON but its content cannot be screened: 422, as the API promises for text
     * that is missing or too long and for channels and recipients it does not know.
     */
    static ScreeningProblem invalid(List<FieldError> fields) {
        return new ScreeningProblem(Kind.UNPROCESSABLE, "validation_failed", fields);
    }

    static ScreeningProblem organisationInactive() {
        return new ScreeningProblem(Kind.FORBIDDEN, "screening.organisation_inactive", List.of());
    }
}
