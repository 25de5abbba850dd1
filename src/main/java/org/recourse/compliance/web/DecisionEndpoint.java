package org.recourse.compliance.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.recourse.compliance.ComplianceDesk;
import org.recourse.compliance.ComplianceDesk.DecisionRequest;
import org.recourse.compliance.DecisionView;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.Problem;
import org.recourse.shared.web.ProblemDetails;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The compliance decision's own way through the web tier. Every outbound contact asks for a decision first, so
 * {@code POST /api/v1/compliance/decisions} is the platform's busiest request; it is answered here, at the end of the
 * servlet filters — after the API's security chain has authenticated the caller and the request metrics have started
 * — instead of through Spring MVC's dispatch: no handler look-up among every mapping, no argument resolution, no
 * return-value handling and content negotiation per call, and the answer written once with its length rather than
 * flushed and then ended as a chunked stream. That took ≈ 16 % of the platform's CPU off each decision
 * (docs/performance.md, P8).
 *
 * <p>Nothing else changes: the body is read and the answer written by MVC's own JSON converter (so both are exactly
 * what MVC would read and write), the desk is the same proxied {@link ComplianceDesk} (its transaction, its role
 * check, its tenancy), business problems are answered with the API's problem details and other failures propagate
 * as they would from a controller (a refused role to the security chain's 403). The request metrics get the path as
 * their {@code uri}, as MVC would have given them. A request this endpoint does not take — a body that is not JSON,
 * an {@code Accept} without JSON — goes on to {@link ComplianceApi}'s mapping of the same path, which answers it as
 * every other endpoint does (415, 406 …); that mapping also documents the endpoint in the API description.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class DecisionEndpoint extends OncePerRequestFilter {

    static final String PATH = "/api/v1/compliance/decisions";

    private final ComplianceDesk desk;
    private final LocaleResolver locales;
    private final ProblemDetails problems;
    private final ObjectProvider<RequestMappingHandlerAdapter> mvc;
    private volatile @Nullable Converters converters;

    DecisionEndpoint(ComplianceDesk desk, LocaleResolver locales, ProblemDetails problems,
            ObjectProvider<RequestMappingHandlerAdapter> mvc) {
        this.desk = desk;
        this.locales = locales;
        this.problems = problems;
        this.mvc = mvc;
    }

    /** MVC's converters for the decision's JSON and for problem details, found once among its own. */
    private record Converters(HttpMessageConverter<Object> json, HttpMessageConverter<Object> problems) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + PATH)) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !(authentication.getPrincipal() instanceof SignedInUser)
                || !readsJson(request.getContentType()) || !acceptsJson(Collections.list(request.getHeaders("Accept")));
    }

    private boolean readsJson(@Nullable String contentType) {
        try {
            return contentType != null
                    && converters().json().canRead(DecisionRequest.class, MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** No {@code Accept} at all, or one that takes JSON. */
    private static boolean acceptsJson(List<String> accept) {
        if (accept.isEmpty()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.includes(MediaType.APPLICATION_JSON) && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SignedInUser user = (SignedInUser) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        Locale locale = locales.resolveLocale(request);
        // As the dispatcher would: the caller's language for whatever reads it from the context.
        LocaleContext outer = LocaleContextHolder.getLocaleContext();
        LocaleContextHolder.setLocale(locale);
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATH));
        try {
            DecisionRequest asked = read(request);
            if (asked == null) {
                answer(response, problem(request, problems.of(HttpStatus.BAD_REQUEST, "malformed_request", locale)));
                return;
            }
            DecisionView decision = desk.decide(user, asked, locale);
            response.setHeader(HttpHeaders.LOCATION, PATH + "/" + decision.decisionId());
            answer(response, HttpStatus.CREATED, decision, MediaType.APPLICATION_JSON, converters().json());
        } catch (Problem refused) {
            answer(response, problem(request, problems.of(refused, locale)));
        } finally {
            LocaleContextHolder.setLocaleContext(outer);
        }
    }

    /** The request's decision; null when the body is missing, not JSON or not a decision request. */
    private @Nullable DecisionRequest read(HttpServletRequest request) throws IOException {
        try {
            return (DecisionRequest) converters().json()
                    .read(DecisionRequest.class, new ServletServerHttpRequest(request));
        } catch (HttpMessageNotReadableException e) {
            return null;
        }
    }

    /** A problem as MVC answers it: its {@code instance} the request's path unless it names one. */
    private static ProblemDetail problem(HttpServletRequest request, ProblemDetail problem) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        return problem;
    }

    private void answer(HttpServletResponse response, ProblemDetail problem) throws IOException {
        answer(response, HttpStatus.valueOf(problem.getStatus()), problem, MediaType.APPLICATION_PROBLEM_JSON,
                converters().problems());
    }

    /** Written whole, with its length: one write to the connection, not a flush and a chunked end. */
    private static void answer(HttpServletResponse response, HttpStatus status, Object body, MediaType type,
            HttpMessageConverter<Object> converter) throws IOException {
        Buffered answer = new Buffered();
        converter.write(body, type, answer);
        response.setStatus(status.value());
        MediaType written = answer.getHeaders().getContentType();
        response.setContentType((written == null ? type : written).toString());
        response.setContentLength(answer.body.size());
        answer.body.writeTo(response.getOutputStream());
    }

    private Converters converters() {
        Converters found = converters;
        if (found == null) {
            List<HttpMessageConverter<?>> all = mvc.getObject().getMessageConverters();
            found = new Converters(
                    first(all, converter -> converter.canRead(DecisionRequest.class, MediaType.APPLICATION_JSON)
                            && converter.canWrite(DecisionView.class, MediaType.APPLICATION_JSON)),
                    first(all, converter -> converter.canWrite(ProblemDetail.class,
                            MediaType.APPLICATION_PROBLEM_JSON)));
            converters = found;
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static HttpMessageConverter<Object> first(List<HttpMessageConverter<?>> all,
            Predicate<HttpMessageConverter<?>> fits) {
        return (HttpMessageConverter<Object>) all.stream().filter(fits).findFirst()
                .orElseThrow(() -> new IllegalStateException("Spring MVC has no JSON converter"));
    }

    /** An answer written into memory first, so that its length is known before it is sent. */
    private static final class Buffered implements HttpOutputMessage {

        private final HttpHeaders headers = new HttpHeaders();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);

        @Override
        public OutputStream getBody() {
            return body;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
