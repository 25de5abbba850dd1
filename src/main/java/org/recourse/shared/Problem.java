package org.recourse.shared;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A business outcome that stops a request, with a stable code that clients may rely on. Modules throw
 * their own named subclasses; the web edge turns each into RFC 9457 problem details, with the status
 * taken from {@link Kind} and the text from the message bundle under the code.
 */
public abstract class Problem extends RuntimeException {

    /** What went wrong, in the terms the web edge maps to HTTP statuses. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, FORBIDDEN, UNPROCESSABLE, PAYLOAD_TOO_LARGE }

    /** One field that failed validation: the field's name in the request and a stable code. */
    public record FieldError(String field, String code) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(code, "code");
        }
    }

    private final Kind kind;
    private final String code;
    private final List<FieldError> fieldErrors;
    private final Object[] arguments;

    protected Problem(Kind kind, String code, List<FieldError> fieldErrors, Object... arguments) {
        super(code);
        this.kind = kind;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.arguments = arguments.clone();
    }

    protected Problem(Kind kind, String code, Object... arguments) {
        this(kind, code, List.of(), arguments);
    }

    /** How a request with wrong fields is answered: its kind and code (see {@link #refusal}). */
    public record Refusal(Kind kind, String code) {
    }

    /**
     * Any malformed field (a code outside {@code rulePrefix}: missing, not a number, not a date …) makes a 400
     * {@code validation_failed}; a well-formed request that only the rules refuse is a 422 under the code of its
     * first refusal. Either way the problem lists every wrong field.
     */
    protected static Refusal refusal(List<FieldError> fields, String rulePrefix) {
        boolean malformed = fields.stream().anyMatch(field -> !field.code().startsWith(rulePrefix));
        return malformed ? new Refusal(Kind.INVALID, "validation_failed")
                : new Refusal(Kind.UNPROCESSABLE, fields.get(0).code());
    }

    public Kind kind() {
        return kind;
    }

    /** The stable code, also the message key, e.g. {@code registration.credit_code_taken}. */
    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Arguments for the message text; never personal data. */
    public Object[] arguments() {
        return arguments.clone();
    }

    /**
     * Facts a client acts on, added to the problem details beside {@code code} (e.g. the id of the thing
     * that already exists); never personal data. None by default.
     */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
