package org.recourse.shared.web;

import java.util.List;
import java.util.Map;

import org.recourse.shared.Problem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every JSON endpoint answers errors as RFC 9457 problem details with a stable {@code code} and, for
 * validation, {@code errors: [{field, code, message}]}. Texts come from the message bundle in the
 * caller's language; they never echo the rejected value, which may be personal data or markup.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    private final ProblemDetails problems;

    ApiProblems(ProblemDetails problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<ProblemDetail> handle(Problem problem) {
        ProblemDetail body = problems.of(problem, LocaleContextHolder.getLocale());
        return ResponseEntity.status(body.getStatus()).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "validation_failed");
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> fieldError(error.getField(), ValidationCodes.of(error)))
                .distinct()
                .toList();
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "validation_failed"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "malformed_request"));
    }

    /** Framework-raised errors (404, 405, 415 …) get a code derived from their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        // Some framework exceptions (415, 406 …) arrive without a body; build it so it gets our code too.
        if (body == null && ex instanceof ErrorResponse response) {
            body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail detail && (detail.getProperties() == null
                || !detail.getProperties().containsKey("code"))) {
            String code = FrameworkCodes.forStatus(statusCode.value());
            detail.setProperty("code", code);
            detail.setDetail(text(code));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private ProblemDetail problem(HttpStatus status, String code) {
        return problems.of(status, code, LocaleContextHolder.getLocale());
    }

    private Map<String, String> fieldError(String field, String code) {
        return problems.fieldError(field, code, LocaleContextHolder.getLocale());
    }

    private String text(String code) {
        return problems.text(code, LocaleContextHolder.getLocale());
    }
}
