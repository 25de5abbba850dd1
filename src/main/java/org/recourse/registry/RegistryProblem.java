package org.recourse.registry;

import java.util.List;

import org.recourse.shared.Problem;

/** Why a registry request was refused; each code is a key in the message bundle. */
public final class RegistryProblem extends Problem {

    private RegistryProblem(Kind kind, String code, List<FieldError> fieldErrors, Object... arguments) {
        super(kind, code, fieldErrors, arguments);
    }

    static RegistryProblem invalid(List<FieldError> fieldErrors) {
        return new RegistryProblem(Kind.INVALID, "validation_failed", fieldErrors);
    }

    static RegistryProblem creditCodeTaken() {
        return new RegistryProblem(Kind.CONFLICT, "registration.credit_code_taken",
                List.of(new FieldError("unifiedSocialCreditCode", "credit_code.taken")));
    }

    static RegistryProblem usernameTaken(String field) {
        return new RegistryProblem(Kind.CONFLICT, "user.username_taken", List.of(new FieldError(field, "username.taken")));
    }

    static RegistryProblem registrationNotFound() {
        return new RegistryProblem(Kind.NOT_FOUND, "registration.not_found", List.of());
    }

    static RegistryProblem alreadyDecided(OrganisationStatus status) {
        return new RegistryProblem(Kind.CONFLICT, "registration.already_decided", List.of(), status.name());
    }

    static RegistryProblem userNotFound() {
        return new RegistryProblem(Kind.NOT_FOUND, "user.not_found", List.of());
    }

    static RegistryProblem roleNotAssignable() {
        return new RegistryProblem(Kind.INVALID, "validation_failed", List.of(new FieldError("role", "role.not_assignable")));
    }

    static RegistryProblem apiKeyNotFound() {
        return new RegistryProblem(Kind.NOT_FOUND, "api_key.not_found", List.of());
    }

    static RegistryProblem cannotChangeOwnAccount() {
        return new RegistryProblem(Kind.CONFLICT, "user.cannot_change_self", List.of());
    }
}
