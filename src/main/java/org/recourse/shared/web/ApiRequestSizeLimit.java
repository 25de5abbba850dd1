package org.recourse.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

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

    private final ProblemDetails problems;
    private final LocaleResolver locales;

    ApiRequestSizeLimit(ProblemDetails problems, LocaleResolver locales) {
        this.problems = problems;
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
            problems.write(response, problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                    locales.resolveLocale(request)));
            return;
        }
        chain.doFilter(request, response);
    }
}
