package org.recourse.registry;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.PlainText;

/** The rules for usernames and passwords, the same wherever an account is created or a password set. */
final class Credentials {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_LENGTH = 128;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,31}");

    private Credentials() {
    }

    static @Nullable String username(FieldChecks checks, String field, @Nullable String raw) {
        String username = raw == null ? "" : raw.strip();
        if (username.isEmpty()) {
            return checks.reject(field, "required");
        }
        return checks.check(field, USERNAME.matcher(username).matches(), "username.format") ? username : null;
    }

    /** At least 12 characters, at most 128, and not containing the username (OWASP ASVS 2.1). */
    static @Nullable String password(FieldChecks checks, String field, @Nullable String password,
                                     @Nullable String username) {
        if (password == null || password.isEmpty()) {
            return checks.reject(field, "required");
        }
        int length = PlainText.length(password);
        if (length < MIN_PASSWORD_LENGTH) {
            return checks.reject(field, "password.too_short");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            return checks.reject(field, "too_long");
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return checks.reject(field, "password.contains_username");
        }
        return password;
    }
}
