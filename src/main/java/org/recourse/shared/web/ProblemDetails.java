package org.recourse.shared.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.recourse.shared.Problem;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem details the API answers with: a {@link Problem} or a framework failure as RFC 9457 with a stable
 * {@code code}, texts from the message bundle in the given language. {@link ApiProblems} answers controllers' errors
 * with them; what answers without a controller (the compliance decision, the size limit, the security filters, a path
 * nobody serves) answers its own with the same, written by {@link #write} or as {@link #members}.
 */
@Component
public class ProblemDetails {

    private final MessageSource messages;
    /** For the bodies written outside MVC: the flat members of {@link #members}, nothing that needs MVC's set-up. */
    private final JsonMapper json = JsonMapper.builder().build();

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

    /**
     * The problem's members as RFC 9457 puts them in the JSON object: the standard ones that are set, then the
     * extensions ({@code code}, {@code errors} …) beside them, not nested.
     */
    public Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            members.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }

    /** Answers with the problem where no MVC converter is at hand (a servlet filter, a security handler). */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), members(problem));
    }
}
