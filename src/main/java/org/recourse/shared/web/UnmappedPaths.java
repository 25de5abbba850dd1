package org.recourse.shared.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.view.json.JacksonJsonView;

/**
 * A path that no controller serves: under {@code /api} a problem document like every other API error,
 * elsewhere the error page. (No controller is involved, so {@link ApiProblems} cannot see it.)
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnmappedPaths {

    private final MessageSource messages;

    UnmappedPaths(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ModelAndView notFound(HttpServletRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        String detail = messages.getMessage("not_found", null, "Not found", locale);
        ModelAndView page;
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            JacksonJsonView json = new JacksonJsonView();
            json.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.setExtractValueFromSingleKeyModel(true);
            page = new ModelAndView(json);
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "urn:recourse:problem:not_found");
            problem.put("title", HttpStatus.NOT_FOUND.getReasonPhrase());
            problem.put("status", HttpStatus.NOT_FOUND.value());
            problem.put("detail", detail);
            problem.put("instance", request.getRequestURI());
            problem.put("code", "not_found");
            page.addObject("problem", problem);
        } else {
            page = new ModelAndView("error");
            page.addObject("status", 404);
            page.addObject("code", "not_found");
        }
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}
