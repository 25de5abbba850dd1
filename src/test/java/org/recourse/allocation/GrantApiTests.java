package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.PageSession;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Grants: an agency's administrator lets a collector read cases placed with the agency beyond those assigned to
 * them (a colleague's, while away), with a reason and an optional last day. The collector reads them over the API
 * and the pages while the grant holds; after its revocation, its last day, or the case's recall, 404 again. Another
 * agency can neither grant our cases nor read them through a grant.
 */
@RecourseTest
class GrantApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private PlacementFixture fixture;
    private Registration agency;
    private User away;
    private User covering;
    private List<UUID> cases;

    @BeforeEach
    void threeCasesOfACollectorOnLeave() {
        fixture = new PlacementFixture(port, jdbc);
        agency = fixture.agency();
        cases = fixture.load(4);
        fixture.placed(fixture.contract(agency), cases);
        away = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        covering = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        for (UUID caseId : cases.subList(0, 3)) {
            Response given = fixture.post("/api/v1/cases/" + caseId + "/assignment",
                    Map.of("collectorId", away.id().toString()), agency.admin());
            assertThat(given.status()).as(given.raw()).isEqualTo(200);
        }
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void aGrantLetsTheCollectorReadTheCasesUntilItIsRevoked() {
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), covering.login()).status()).isEqualTo(404);

        Response granted = grant(agency.admin(), covering.id(), cases.subList(0, 2), "同事休假", null);

        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);
        JsonNode grant = granted.json();
        assertThat(grant.path("status").asString()).isEqualTo("LIVE");
        assertThat(grant.path("collectorName").asString()).isEqualTo(covering.login().username());
        assertThat(grant.path("liveCases").asInt()).isEqualTo(2);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), covering.login()).status()).isEqualTo(200);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(2), covering.login()).status()).isEqualTo(404);
        assertThat(ids(fixture.get("/api/v1/cases", covering.login()).json()))
                .containsExactlyInAnyOrderElementsOf(cases.subList(0, 2));
        // The collector the cases are assigned to keeps them.
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), away.login()).status()).isEqualTo(200);
        PageSession pages = PageSession.signedIn(port, covering.login());
        assertThat(pages.get("/cases/" + cases.get(1)).statusCode()).isEqualTo(200);
        assertThat(pages.get("/cases").body()).contains(cases.get(1).toString());

        // Listed for the administrator, and for the collector (their own); audited.
        JsonNode listed = fixture.get("/api/v1/placements/grants", agency.admin()).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("reason").asString()).isEqualTo("同事休假");
        assertThat(fixture.get("/api/v1/placements/grants", covering.login()).json()).hasSize(1);
        assertThat(fixture.get("/api/v1/placements/grants", away.login()).json()).isEmpty();
        String id = grant.path("id").asString();
        assertThat(audited("grant.granted", id)).isEqualTo(1);

        Response revoked = fixture.registry.send("DELETE", "/api/v1/placements/grants/" + id, null, null, agency.admin());

        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(200);
        assertThat(revoked.json().path("status").asString()).isEqualTo("REVOKED");
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), covering.login()).status()).isEqualTo(404);
        assertThat(pages.get("/cases/" + cases.get(1)).statusCode()).isEqualTo(404);
        assertThat(ids(fixture.get("/api/v1/cases", covering.login()).json())).isEmpty();
        assertThat(audited("grant.revoked", id)).isEqualTo(1);
        Response again = fixture.registry.send("DELETE", "/api/v1/placements/grants/" + id, null, null, agency.admin());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("grant.already_revoked");
        assertThat(fixture.get("/api/v1/placements/grants?status=REVOKED", agency.admin()).json()).hasSize(1);
        assertThat(fixture.get("/api/v1/placements/grants?status=LIVE", agency.admin()).json()).isEmpty();
    }

    @Test
    void aRecallOrTheGrantsLastDayEndsIt() {
        Response granted = grant(agency.admin(), covering.id(), cases.subList(0, 2), "同事休假",
                fixture.today.plusDays(1).toString());
        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), covering.login()).status()).isEqualTo(200);

        assertThat(fixture.recall(cases.get(0), "机构收回", fixture.admin()).status()).isEqualTo(200);

        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), covering.login()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(1), covering.login()).status()).isEqualTo(200);
        assertThat(fixture.get("/api/v1/placements/grants", agency.admin()).json().get(0).path("liveCases").asInt())
                .isEqualTo(1);
        // Placed again, the case is a new placement the grant does not name.
        fixture.placed(fixture.contract(agency), List.of(cases.get(0)));
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), covering.login()).status()).isEqualTo(404);

        // The day after the grant's last day (the platform clock), it no longer holds.
        Instant now = fixture.registry.clock();
        fixture.registry.setClock(now.plusSeconds(86_400));
        assertThat(fixture.get("/api/v1/cases/" + cases.get(1), covering.login()).status()).isEqualTo(200);
        fixture.registry.setClock(now.plusSeconds(2 * 86_400));
        assertThat(fixture.get("/api/v1/cases/" + cases.get(1), covering.login()).status()).isEqualTo(404);
        assertThat(ids(fixture.get("/api/v1/cases", covering.login()).json())).isEmpty();
        assertThat(fixture.get("/api/v1/placements/grants", agency.admin()).json().get(0).path("status").asString())
                .isEqualTo("EXPIRED");
    }

    @Test
    void anotherAgencyNeitherGrantsOurCasesNorReadsThem() {
        Registration other = fixture.agency();
        User theirs = fixture.registry.createUser(other.admin(), "COLLECTOR");

        Response ours = grant(other.admin(), theirs.id(), cases.subList(0, 1), "越权", null);
        assertThat(ours.status()).as(ours.raw()).isEqualTo(404);
        assertThat(ours.code()).isEqualTo("grant.case_not_found");
        Response toOurCollector = grant(other.admin(), covering.id(), cases.subList(0, 1), "越权", null);
        assertThat(toOurCollector.status()).isEqualTo(422);
        assertThat(toOurCollector.code()).isEqualTo("grant.collector_unknown");
        Response toTheirs = grant(agency.admin(), theirs.id(), cases.subList(0, 1), "越权", null);
        assertThat(toTheirs.status()).isEqualTo(422);
        assertThat(toTheirs.code()).isEqualTo("grant.collector_unknown");
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), theirs.login()).status()).isEqualTo(404);

        Response granted = grant(agency.admin(), covering.id(), cases.subList(0, 1), "同事休假", null);
        String id = granted.json().path("id").asString();
        assertThat(fixture.registry.send("DELETE", "/api/v1/placements/grants/" + id, null, null, other.admin())
                .status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/placements/grants", other.admin()).json()).isEmpty();
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), theirs.login()).status()).isEqualTo(404);
        // A collector does not grant; an unplaced case is not found; a reason is required; no last day in the past.
        assertThat(grant(covering.login(), covering.id(), cases.subList(0, 1), "自己", null).status()).isEqualTo(403);
        assertThat(grant(agency.admin(), covering.id(), List.of(UUID.randomUUID()), "同事休假", null).status())
                .isEqualTo(404);
        Response noReason = grant(agency.admin(), covering.id(), cases.subList(0, 1), " ", null);
        assertThat(noReason.status()).isEqualTo(400);
        Response past = grant(agency.admin(), covering.id(), cases.subList(0, 1), "同事休假",
                fixture.today.minusDays(1).toString());
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.code()).isEqualTo("grant.until_past");
        // The institution is not the agency: it has no grants.
        assertThat(fixture.get("/api/v1/placements/grants", fixture.admin()).status()).isEqualTo(403);
    }

    @Test
    void onThePageTheAdministratorCoversForAColleagueAndRevokes() {
        PageSession admin = PageSession.signedIn(port, agency.admin());
        assertThat(admin.get("/placements/grants").body()).contains("授权催收员代管案件", "id=\"no-grants\"");

        var granted = admin.post("/placements/grants", Map.of("collectorId", covering.id().toString(),
                "from", away.id().toString(), "reason", "同事休假", "until", ""));

        assertThat(granted.statusCode()).isEqualTo(302);
        String page = admin.get("/placements/grants").body();
        assertThat(page).contains("已授权", "data-status=\"LIVE\"", "3 / 3");
        assertThat(ids(fixture.get("/api/v1/cases", covering.login()).json()))
                .containsExactlyInAnyOrderElementsOf(cases.subList(0, 3));
        PageSession coveringPages = PageSession.signedIn(port, covering.login());
        assertThat(coveringPages.get("/cases/" + cases.get(2)).statusCode()).isEqualTo(200);
        // A collector does not manage grants.
        assertThat(coveringPages.get("/placements/grants").statusCode()).isEqualTo(403);

        String id = fixture.get("/api/v1/placements/grants", agency.admin()).json().get(0).path("id").asString();
        assertThat(admin.post("/placements/grants/" + id + "/revoke", Map.of()).statusCode()).isEqualTo(302);

        assertThat(admin.get("/placements/grants").body()).contains("授权已撤销", "data-status=\"REVOKED\"");
        assertThat(coveringPages.get("/cases/" + cases.get(2)).statusCode()).isEqualTo(404);
        // Nothing chosen: told what is missing.
        admin.post("/placements/grants", Map.of("collectorId", covering.id().toString(), "reason", "同事休假"));
        assertThat(admin.get("/placements/grants").body()).contains("请选择要代管的同事");
    }

    private Response grant(Login login, UUID collector, List<UUID> caseIds, String reason, String until) {
        Map<String, Object> body = new HashMap<>();
        body.put("collectorId", collector.toString());
        body.put("caseIds", caseIds.stream().map(UUID::toString).toList());
        body.put("reason", reason);
        if (until != null) {
            body.put("until", until);
        }
        return fixture.post("/api/v1/placements/grants", body, login);
    }

    private long audited(String action, String grant) {
        return jdbc.sql("select count(*) from audit.audit_event where action = :action and subject = :subject")
                .param("action", action).param("subject", "grant/" + grant).query(Long.class).single();
    }

    private static List<UUID> ids(JsonNode page) {
        List<UUID> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(UUID.fromString(item.path("id").asString())));
        return ids;
    }
}
