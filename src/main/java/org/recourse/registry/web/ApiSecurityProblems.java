package org.recourse.registry.web;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.recourse.registry.SignInRefused;
import org.recourse.shared.web.ProblemDetails;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * 401 and 403 on the API as problem details, like every other API error. A refused sign-in says why
 * (organisation pending or rejected with the reason, user disabled, locked until when).
 */
@Component
class ApiSecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final ProblemDetails problems;
    private final LocaleResolver locales;

    ApiSecurityProblems(ProblemDetails problems, LocaleResolver locales) {
        this.problems = problems;
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
        problems.write(response, problems.of(HttpStatus.UNAUTHORIZED, code, locale, arguments));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        problems.write(response, problems.of(HttpStatus.FORBIDDEN, "forbidden", locale));
    }
}
