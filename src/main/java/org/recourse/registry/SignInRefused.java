package org.recourse.registry;

import java.io.Serial;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AccountStatusException;

/**
 * A sign-in with the right password that is still refused, and why: the organisation is not approved
 * yet, was rejected (with the operator's reason), the user is disabled, or locked out until a time.
 * The page and the API tell the person exactly this, from the message bundle under {@link #code()}.
 */
public final class SignInRefused extends AccountStatusException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String code;
    private final @Nullable String reason;
    private final @Nullable Instant until;

    private SignInRefused(String code, @Nullable String reason, @Nullable Instant until) {
        super(code);
        this.code = code;
        this.reason = reason;
        this.until = until;
    }

    static SignInRefused pending() {
        return new SignInRefused("signin.organisation_pending", null, null);
    }

    static SignInRefused rejected(@Nullable String reason) {
        return new SignInRefused("signin.organisation_rejected", reason, null);
    }

    static SignInRefused disabled() {
        return new SignInRefused("signin.user_disabled", null, null);
    }

    static SignInRefused locked(Instant until) {
        return new SignInRefused("signin.locked", null, until);
    }

    /** The stable code, e.g. {@code signin.organisation_rejected}. */
    public String code() {
        return code;
    }

    /** The platform operator's reason for a rejection. */
    public @Nullable String reason() {
        return reason;
    }

    /** When a lock-out ends. */
    public @Nullable Instant until() {
        return until;
    }
}
