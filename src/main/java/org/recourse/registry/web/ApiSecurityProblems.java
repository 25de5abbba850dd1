package org.recourse.registry.web;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.recourse.registry.SignInRefused;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 on the API as problem details, like every other API error. A refused sign-in says why
 * (organisation pending or rejected with the reason, user disabled, locked until when).
 */
@Component
class ApiSecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json = JsonMapper.builder().build();

    ApiSecurityProblems(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        String code = "unauthenticated";
        Object[] arguments = {};
        if (failure instanceof SignInRefused refused) {
            code = refused.code();
            arguments = new Object[] {refused.reason() == null ? "" : refused.reason(),
                    refused.until() == null ? "" : TIME.format(refused.until())};
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Recourse\"");
        write(response, HttpStatus.UNAUTHORIZED, code, messages.getMessage(code, arguments, code, locale));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        write(response, HttpStatus.FORBIDDEN, "forbidden", messages.getMessage("forbidden", null, "forbidden", locale));
    }

    private void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Map.of(
                "type", "urn:recourse:problem:" + code,
                "title", status.getReasonPhrase(),
                "status", status.value(),
                "detail", detail,
                "code", code));
    }
}
