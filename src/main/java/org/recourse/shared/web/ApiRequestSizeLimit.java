package org.recourse.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON requests to the API are small (a registration is well under a kilobyte); anything declaring more
 * than 1 MiB is refused with 413 before it is read, so nobody can make the server parse a huge body.
 * Uploads of account files will get their own, larger limit on their own path.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiRequestSizeLimit extends OncePerRequestFilter {

    static final long MAX_JSON_BYTES = 1024 * 1024;
    /** 10,000 accounts of JSON, with room to spare. */
    static final long MAX_BULK_JSON_BYTES = 32L * 1024 * 1024;
    /** Uploads have their own limit (recourse.intake.max-file-size), applied by the multipart reader. */
    private static final String UPLOADS = "/api/v1/intake/files";
    private static final String BULK_JSON = "/api/v1/intake/accounts";

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json = JsonMapper.builder().build();

    ApiRequestSizeLimit(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") || path.equals(UPLOADS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        boolean bulk = request.getRequestURI().equals(request.getContextPath() + BULK_JSON);
        if (declared > (bulk ? MAX_BULK_JSON_BYTES : MAX_JSON_BYTES) || chunked) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            String detail = messages.getMessage("payload_too_large", null, "payload_too_large",
                    locales.resolveLocale(request));
            json.writeValue(response.getOutputStream(), Map.of(
                    "type", "urn:recourse:problem:payload_too_large",
                    "title", "Content Too Large",
                    "status", HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "detail", detail,
                    "code", "payload_too_large"));
            return;
        }
        chain.doFilter(request, response);
    }
}
