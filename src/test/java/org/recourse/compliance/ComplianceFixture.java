package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.intake.IntakeApiFixtures;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An institution with three cases whose contact points are known, a registered outbound number, and the
 * calls a collector's system makes to the compliance API.
 */
final class ComplianceFixture {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String OUTBOUND = "4008001234";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int port;
    final IntakeApiFixtures intake;
    final RegistryApiFixtures registry;
    final Registration institution;
    final Login admin;
    final List<UUID> cases = new ArrayList<>();
    private final Map<UUID, JsonNode> details = new HashMap<>();

    ComplianceFixture(int port, JdbcClient jdbc) {
        this.port = port;
        this.intake = new IntakeApiFixtures(port, jdbc);
        this.registry = intake.registry();
        this.institution = intake.institution();
        this.admin = institution.admin();
        List<List<String>> rows = validRows(intake.sample(77), 1, 3);
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            row.set(column("other_phones"), "");
            row.set(column("emergency_contact_name"), "李四");
            row.set(column("emergency_contact_relation"), "配偶");
            row.set(column("emergency_contact_phone"), "1390000111" + i);
        }
        intake.load(admin, "cases.csv", csv(rows));
        for (JsonNode item : get("/api/v1/cases?size=10", admin).json().path("items")) {
            cases.add(UUID.fromString(item.path("id").asString()));
        }
        assertThat(cases).hasSize(3);
        Response number = post("/api/v1/compliance/outbound-numbers", Map.of("number", OUTBOUND, "label", "催收热线"), admin);
        assertThat(number.status()).as(number.raw()).isEqualTo(201);
    }

    /** The platform clock at a wall-clock time in Shanghai today. */
    Instant at(LocalTime time) {
        Instant instant = LocalDate.now(SHANGHAI).atTime(time).atZone(SHANGHAI).toInstant();
        registry.setClock(instant);
        return instant;
    }

    UUID mobile(UUID caseId) {
        return point(caseId, "BORROWER");
    }

    UUID emergencyContact(UUID caseId) {
        return point(caseId, "THIRD_PARTY");
    }

    private UUID point(UUID caseId, String owner) {
        JsonNode detail = details.computeIfAbsent(caseId, id -> get("/api/v1/cases/" + id, admin).json());
        for (JsonNode point : detail.path("contactPoints")) {
            if (owner.equals(point.path("owner").asString()) && !"ADDRESS".equals(point.path("kind").asString())) {
                return UUID.fromString(point.path("id").asString());
            }
        }
        throw new AssertionError("case " + caseId + " has no " + owner + " phone: " + detail);
    }

    Response decide(Login login, UUID caseId, UUID point, String channel, String purpose) {
        return decide(login, Map.of("caseId", caseId, "contactPointId", point, "channel", channel, "purpose", purpose,
                "callerNumber", OUTBOUND));
    }

    Response decide(Login login, Map<String, Object> body) {
        return post("/api/v1/compliance/decisions", body, login);
    }

    /** A call allowed and made, with its result. */
    Response call(Login login, UUID caseId, UUID point, String result) {
        Response decision = decide(login, caseId, point, "VOICE", "COLLECT");
        assertThat(decision.json().path("outcome").asString()).as(decision.raw()).isEqualTo("ALLOW");
        Response attempt = attempt(login, decision.json().path("decisionId").asString(), result);
        assertThat(attempt.status()).as(attempt.raw()).isEqualTo(201);
        return attempt;
    }

    Response attempt(Login login, String decisionId, String result) {
        return post("/api/v1/contact-attempts", Map.of("decisionId", decisionId, "result", result, "durationSeconds", 30),
                login);
    }

    static JsonNode rule(Response decision, String ruleId) {
        for (JsonNode rule : decision.json().path("rules")) {
            if (ruleId.equals(rule.path("ruleId").asString())) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + ruleId + " in " + decision.raw());
    }

    Response get(String path, @Nullable Login login) {
        return send("GET", path, null, login, null);
    }

    Response post(String path, Object body, @Nullable Login login) {
        return send("POST", path, RegistryApiFixtures.json(body), login, null);
    }

    Response send(String method, String path, @Nullable String body, @Nullable Login login, @Nullable String language) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (login != null) {
            request.header("Authorization", RegistryApiFixtures.basic(login));
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), RegistryApiFixtures.parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
