package org.recourse.compliance.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Sends a decision's answer (and an attempt's) in one write with its length. Spring MVC flushes a JSON answer as
 * soon as it is written, so Tomcat sent it chunked — the headers and body, then the closing chunk in a second write —
 * on the path every contact takes, where dialers ask thousands of times a second. These answers are a few kilobytes,
 * so holding one in memory until it is complete costs nothing; answers that stream (exports) are not touched.
 */
@Component
class DecisionAnswers extends OncePerRequestFilter {

    private static final Set<String> PATHS = Set.of("/api/v1/compliance/decisions", "/api/v1/contact-attempts");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
        } finally {
            answer.copyBodyToResponse();
        }
    }
}
