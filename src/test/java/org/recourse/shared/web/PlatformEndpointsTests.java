package org.recourse.shared.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and integrators reach without signing in: health, metrics, the API description. */
@RecourseTest
class PlatformEndpointsTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void reportsHealth() throws Exception {
        HttpResponse<String> health = get("/actuator/health", "application/json");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus", "text/plain");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void describesTheApiInOpenApi() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs", "application/json");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"").contains("/api/v1/registrations").contains("/api/v1/me");
        assertThat(get("/swagger-ui/index.html", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void answersAnUnknownApiPathWithProblemDetails() throws Exception {
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registrations-typo/x"))
                .header("Accept", "application/json").header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("admin:Platform-Admin-2026".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(missing.body()).contains("\"code\":\"not_found\"");
    }

    @Test
    void asksAnAnonymousCallerToSignInBeforeSayingWhetherAnApiPathExists() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/registrations-typo/x", "application/json");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"unauthenticated\"");
    }

    @Test
    void refusesAnOversizedApiBodyBeforeReadingIt() throws Exception {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registrations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
    }

    @Test
    void answersApiErrorsInTheLanguageTheClientAsksFor() throws Exception {
        assertThat(postEmptyRegistration("en")).contains("\"detail\":\"The request has invalid data.\"");
        assertThat(postEmptyRegistration("zh-CN,zh;q=0.9")).contains("\"detail\":\"提交的数据有误。\"");
        assertThat(postEmptyRegistration(null)).contains("提交的数据有误");
        assertThat(postEmptyRegistration("fr-FR")).contains("提交的数据有误");
    }

    @Test
    void showsPagesInChineseUntilEnglishIsChosen() throws Exception {
        HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(base() + "/login")).header("Accept-Language", "en-US");
        assertThat(http.send(login.build(), HttpResponse.BodyHandlers.ofString()).body()).contains("登录催收协作平台");
        HttpRequest english = HttpRequest.newBuilder(URI.create(base() + "/login?lang=en")).build();
        assertThat(http.send(english, HttpResponse.BodyHandlers.ofString()).body()).contains("Sign in to Recourse");
    }

    private String postEmptyRegistration(String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/registrations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        return response.body();
    }

    @Test
    void showsAnErrorPageForAnUnknownPage() throws Exception {
        HttpResponse<String> missing = get("/no-such-page", "text/html");
        assertThat(missing.statusCode()).isIn(302, 404);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
