package org.recourse.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.recourse.registry.RegistryApiFixtures.Login;

/**
 * A person signed in to the pages over plain HTTP (a session cookie, the CSRF token of the sign-in form),
 * for downloads and tenancy checks where a browser would only be slower.
 */
final class IntakePageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;

    private IntakePageSession(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static IntakePageSession signedIn(int port, Login login) {
        IntakePageSession session = new IntakePageSession(port);
        Matcher token = CSRF.matcher(session.text("/login").body());
        if (!token.find()) {
            throw new IllegalStateException("The sign-in page has no CSRF token");
        }
        String form = "username=" + encode(login.username()) + "&password=" + encode(login.password())
                + "&_csrf=" + encode(token.group(1));
        HttpResponse<byte[]> response = session.send(HttpRequest.newBuilder(URI.create(session.baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("Sign-in of " + login.username() + " failed: " + response.statusCode()
                    + " " + location);
        }
        return session;
    }

    /** A page or download as bytes (CSV and XLSX downloads are binary-safe this way). */
    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html,*/*").GET());
    }

    /** Submits the upload form of {@code /intake} with the file, as the browser would (multipart, CSRF token). */
    HttpResponse<byte[]> upload(String fileName, byte[] content) {
        Matcher token = CSRF.matcher(text("/intake").body());
        if (!token.find()) {
            throw new IllegalStateException("The intake page has no CSRF token");
        }
        String boundary = "----recourse-page-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + token.group(1) + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/intake/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    HttpResponse<String> text(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html").GET()
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
