package org.recourse.shared;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Collects every field error of one request, so a form or an API client learns all that is wrong at
 * once, not one field per round trip. Each check records at most one error per field: the first one.
 */
public final class FieldChecks {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** Required free text of {@code min}–{@code max} code points without markup; returns it trimmed. */
    public @Nullable String text(String field, @Nullable String value, int min, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            return reject(field, "required");
        }
        if (PlainText.hasMarkup(trimmed)) {
            return reject(field, "markup_not_allowed");
        }
        int length = PlainText.length(trimmed);
        if (length > max) {
            return reject(field, "too_long");
        }
        if (length < min) {
            return reject(field, "too_short");
        }
        return trimmed;
    }

    /** Optional free text: blank becomes null; otherwise as {@link #text}. */
    public @Nullable String optionalText(String field, @Nullable String value, int max) {
        return value == null || value.isBlank() ? null : text(field, value, 1, max);
    }

    /** An optional ISO date ({@code yyyy-MM-dd}): blank becomes null; anything else unreadable is {@code format}. */
    public @Nullable LocalDate optionalDate(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            reject(field, "format");
            return null;
        }
    }

    /** An optional id: blank becomes null; text that is not a UUID is {@code invalid}. */
    public @Nullable UUID optionalId(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            reject(field, "invalid");
            return null;
        }
    }

    /** Passes when {@code test} holds; records {@code code} on the field otherwise. */
    public boolean check(String field, boolean test, String code) {
        if (!test) {
            reject(field, code);
        }
        return test;
    }

    public <T> boolean check(String field, @Nullable T value, Predicate<T> test, String code) {
        return check(field, value != null && test.test(value), code);
    }

    public @Nullable String reject(String field, String code) {
        if (errors.stream().noneMatch(error -> error.field().equals(field))) {
            errors.add(new Problem.FieldError(field, code));
        }
        return null;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public boolean hasError(String field) {
        return errors.stream().anyMatch(error -> error.field().equals(field));
    }

    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }
}
