package org.recourse.shared.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.view.json.JacksonJsonView;

/**
 * Requests that fail before any controller is chosen (a path nobody serves, a method a path does not
 * take, an upload over the size limit): under {@code /api} a problem document like every other API error, elsewhere the error page.
 * {@link ApiProblems} cannot see these, as no controller is involved.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnmappedPaths {

    private final ProblemDetails problems;

    UnmappedPaths(ProblemDetails problems) {
        this.problems = problems;
    }

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            MaxUploadSizeExceededException.class})
    ModelAndView unmapped(Exception failure, HttpServletRequest request) {
        HttpStatus status = HttpStatus.valueOf(((ErrorResponse) failure).getStatusCode().value());
        String code = FrameworkCodes.forStatus(status.value());
        ModelAndView page;
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            JacksonJsonView json = new JacksonJsonView();
            json.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.setExtractValueFromSingleKeyModel(true);
            page = new ModelAndView(json);
            Map<String, Object> problem = problems.members(problems.of(status, code, LocaleContextHolder.getLocale()));
            // The path as it came (it need not parse as a URI: it is what nobody serves).
            problem.put("instance", request.getRequestURI());
            page.addObject("problem", problem);
        } else {
            page = new ModelAndView("error");
            page.addObject("status", status.value());
            page.addObject("code", code);
        }
        page.setStatus(status);
        return page;
    }
}
