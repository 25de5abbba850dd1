package org.recourse.shared.web;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import org.recourse.shared.Problem;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The problem details the API answers with: a {@link Problem} or a framework failure as RFC 9457 with a stable
 * {@code code}, texts from the message bundle in the given language. {@link ApiProblems} answers controllers' errors
 * with them; a path served without a controller (the compliance decision) answers its own with the same.
 */
@Component
public class ProblemDetails {

    private final MessageSource messages;

    ProblemDetails(MessageSource messages) {
        this.messages = messages;
    }

    /** The status a problem of this kind is answered with. */
    private static HttpStatus statusOf(Problem.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
        };
    }

    /** A business problem: status by kind, code, text, properties and, for validation, every wrong field. */
    public ProblemDetail of(Problem problem, Locale locale) {
        ProblemDetail body = of(statusOf(problem.kind()), problem.code(), locale, problem.arguments());
        problem.properties().forEach(body::setProperty);
        if (!problem.fieldErrors().isEmpty()) {
            body.setProperty("errors", problem.fieldErrors().stream()
                    .map(error -> fieldError(error.field(), error.code(), locale))
                    .toList());
        }
        return body;
    }

    /** A problem of this status and code, the text the bundle has under the code. */
    public ProblemDetail of(HttpStatus status, String code, Locale locale, Object... arguments) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, text(code, locale, arguments));
        body.setType(URI.create("urn:recourse:problem:" + code));
        body.setTitle(status.getReasonPhrase());
        body.setProperty("code", code);
        return body;
    }

    /** One wrong field: its name, its code and the text for the code. */
    public Map<String, String> fieldError(String field, String code, Locale locale) {
        return Map.of("field", field, "code", code, "message", text("field." + code, locale));
    }

    /** The bundle's text for a code in the language, the code itself when the bundle has none. */
    public String text(String code, Locale locale, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }
}
