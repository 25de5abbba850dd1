package org.recourse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.recourse.registry.RegistryApiFixtures.Login;

/**
 * A person signed in to the pages over plain HTTP: a cookie jar for the session and the CSRF token of the
 * last page seen, sent with each form as the browser would. Redirects are not followed, so tests see them.
 */
public final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;
    private String csrf = "";

    private PageSession(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static PageSession signedIn(int port, Login login) {
        PageSession session = new PageSession(port);
        session.get("/login");
        HttpResponse<String> response = session.post("/login",
                Map.of("username", login.username(), "password", login.password()));
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("Sign-in of " + login.username() + " failed: " + response.statusCode());
        }
        // Signing in issues a new CSRF token; the landing page carries it, as it would in a browser.
        session.get("/");
        return session;
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/html").GET(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    public HttpResponse<byte[]> download(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html,*/*").GET(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, form, Map.of());
    }

    /** Posts the form with the CSRF token of the last page, plus {@code headers} (e.g. {@code HX-Request}). */
    public HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) {
        return post(path, List.copyOf(form.entrySet()), headers);
    }

    /** Posts fields that may repeat a name (ticked checkboxes), with the CSRF token of the last page. */
    public HttpResponse<String> post(String path, List<Map.Entry<String, String>> form, Map<String, String> headers) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(form);
        if (fields.stream().noneMatch(field -> field.getKey().equals("_csrf"))) {
            fields.add(Map.entry("_csrf", csrf));
        }
        String body = fields.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
