package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The decision's own way through the web tier (DecisionEndpoint): its answers written whole with their length, its
 * problems the same, byte for byte, as Spring MVC's mapping of the same path answers them, what it does not take left
 * to that mapping, and the request counted under its path in the metrics.
 */
@RecourseTest
class DecisionEndpointTests {

    private static final String PATH = "/api/v1/compliance/decisions";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** An Accept that excludes plain JSON: the endpoint leaves such a request to MVC, whose problems it still takes. */
    private static final String MVC_ONLY = "application/problem+json";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ComplianceFixture fixture;

    @BeforeEach
    void anInstitutionWithThreeCases() {
        fixture = new ComplianceFixture(port, jdbc);
        fixture.at(LocalTime.of(10, 0));
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void answersADecisionWholeWithItsLength() throws Exception {
        UUID caseId = fixture.cases.get(0);

        HttpResponse<byte[]> decided = post(decision(caseId, fixture.mobile(caseId)), "application/json", null, null);

        assertThat(decided.statusCode()).isEqualTo(201);
        // Not flushed and then ended as a chunked stream (as MVC answers): one answer of a known length.
        assertThat(decided.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(decided.headers().firstValueAsLong("Content-Length")).hasValue(decided.body().length);
        assertThat(decided.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = RegistryApiFixtures.parse(new String(decided.body(), StandardCharsets.UTF_8));
        String id = body.path("decisionId").asString();
        assertThat(decided.headers().firstValue("Location")).hasValue(PATH + "/" + id);
        assertThat(body.path("outcome").asString()).isEqualTo("ALLOW");
        // The security chain's headers are still written on the answer.
        assertThat(decided.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // The same decision, explained later through MVC, reads the same.
        assertThat(fixture.get(PATH + "/" + id, fixture.admin).json()).isEqualTo(body);
    }

    @Test
    void answersProblemsExactlyAsTheMappingDoes() throws Exception {
        UUID caseId = fixture.cases.get(0);
        String unknownCase = decision(UUID.randomUUID(), fixture.mobile(caseId));
        String incomplete = RegistryApiFixtures.json(Map.of("caseId", caseId));
        String malformed = "{\"caseId\": \"" + caseId + "\", \"channel\": \"PIGEON\"";

        for (String body : new String[] {unknownCase, incomplete, malformed, ""}) {
            for (String language : new String[] {"zh-CN", "en"}) {
                HttpResponse<byte[]> endpoint = post(body, "application/json", null, language);
                HttpResponse<byte[]> mapping = post(body, "application/json", MVC_ONLY, language);
                assertThat(endpoint.statusCode()).as(body).isIn(400, 404).isEqualTo(mapping.statusCode());
                assertThat(endpoint.headers().firstValue("Content-Type")).hasValue("application/problem+json")
                        .isEqualTo(mapping.headers().firstValue("Content-Type"));
                assertThat(new String(endpoint.body(), StandardCharsets.UTF_8)).as(body + " in " + language)
                        .isEqualTo(new String(mapping.body(), StandardCharsets.UTF_8));
                // Only the endpoint's answer is written whole: the mapping's is chunked.
                assertThat(endpoint.headers().firstValueAsLong("Content-Length")).hasValue(endpoint.body().length);
                assertThat(mapping.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
            }
        }
        assertThat(RegistryApiFixtures.parse(new String(post(malformed, "application/json", null, "en").body(),
                StandardCharsets.UTF_8)).path("code").asString()).isEqualTo("malformed_request");
    }

    @Test
    void leavesABodyThatIsNotJsonToTheMapping() throws Exception {
        UUID caseId = fixture.cases.get(0);
        long before = decisions();

        HttpResponse<byte[]> text = post(decision(caseId, fixture.mobile(caseId)), "text/plain", null, "en");

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(RegistryApiFixtures.parse(new String(text.body(), StandardCharsets.UTF_8)).path("code").asString())
                .isEqualTo("unsupported_media_type");
        assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void countsTheRequestUnderItsPathInTheMetrics() throws Exception {
        UUID caseId = fixture.cases.get(0);
        assertThat(post(decision(caseId, fixture.mobile(caseId)), "application/json", null, null).statusCode())
                .isEqualTo(201);

        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.body().lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("method=\"POST\"") && line.contains("status=\"201\"")
                && line.contains("uri=\"" + PATH + "\""))).hasSize(1);
    }

    private String decision(UUID caseId, UUID point) {
        return RegistryApiFixtures.json(Map.of("caseId", caseId, "contactPointId", point, "channel", "SMS",
                "purpose", "COLLECT", "callerNumber", ComplianceFixture.OUTBOUND));
    }

    private long decisions() {
        return jdbc.sql("select count(*) from compliance.decision").query(Long.class).single();
    }

    private HttpResponse<byte[]> post(String body, String contentType, @Nullable String accept,
            @Nullable String language) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", contentType)
                .header("Authorization", RegistryApiFixtures.basic(fixture.admin));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
