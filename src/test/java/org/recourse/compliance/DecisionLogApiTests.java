package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The decision log over HTTP: the page's filters, keyset pages that show every decision once, each entry with
 * the rules that failed and who asked, the period's denials by rule, and malformed filters refused with the
 * field and a stable code.
 */
@RecourseTest
class DecisionLogApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ComplianceFixture fixture;
    private Login admin;

    @BeforeEach
    void anInstitutionWithThreeCases() {
        fixture = new ComplianceFixture(port, jdbc);
        admin = fixture.admin;
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void pagesThroughTheLogByCursorShowingEveryDecisionOnce() {
        List<String> made = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            fixture.at(LocalTime.of(22, minute));
            UUID caseId = fixture.cases.get(minute % 3);
            made.add(fixture.decide(admin, caseId, fixture.mobile(caseId), "VOICE", "COLLECT").json()
                    .path("decisionId").asString());
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = fixture.get("/api/v1/compliance/decisions?size=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    admin);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.json().path("items").forEach(item -> seen.add(item.path("decisionId").asString()));
            cursor = page.json().path("next").asString(null);
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(made);
        assertThat(seen).containsExactlyElementsOf(made);
    }

    @Test
    void eachEntryNamesTheFailedRulesWhoAskedAndTheBorrowersTime() {
        fixture.at(LocalTime.of(23, 15));
        UUID caseId = fixture.cases.get(0);
        fixture.decide(admin, caseId, fixture.mobile(caseId), "SMS", "COLLECT");

        Response log = fixture.get("/api/v1/compliance/decisions?rule=CN.QUIET_HOURS&outcome=DENY", admin);

        assertThat(log.status()).as(log.raw()).isEqualTo(200);
        JsonNode entry = log.json().path("items").get(0);
        assertThat(entry.path("failedRules").toString()).isEqualTo("[\"CN.QUIET_HOURS\"]");
        assertThat(entry.path("caseId").asString()).isEqualTo(caseId.toString());
        assertThat(entry.path("accountRef").asString()).isNotBlank();
        assertThat(entry.path("borrowerLocalTime").asString()).contains("T23:15");
        assertThat(entry.path("borrowerZone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(entry.path("actor").path("username").asString()).isEqualTo(admin.username());
        assertThat(entry.path("actor").path("institution").asBoolean()).isTrue();
        assertThat(log.json().path("zone").asString()).isEqualTo("Asia/Shanghai");

        Response denials = fixture.get("/api/v1/compliance/denials", admin);
        assertThat(denials.json().path("byRule").get(0).path("ruleId").asString()).isEqualTo("CN.QUIET_HOURS");
        assertThat(denials.json().path("byRule").get(0).path("denials").asLong()).isEqualTo(1);
    }

    @Test
    void refusesMalformedFiltersNamingEachField() {
        Response bad = fixture.get("/api/v1/compliance/decisions?rule=QUIET_HOURS&outcome=maybe&agencyId=x"
                + "&collectorId=42&from=yesterday&size=500", admin);

        assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("validation_failed");
        assertThat(bad.fieldErrors()).containsExactlyInAnyOrder("rule:invalid", "outcome:invalid", "agencyId:invalid",
                "collectorId:invalid", "from:format", "size:invalid");

        Response backwards = fixture.get("/api/v1/compliance/decisions?from=2026-05-02&to=2026-05-01", admin);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.fieldErrors()).containsExactly("to:filter.range");

        Response cursor = fixture.get("/api/v1/compliance/decisions?cursor=bm90LW91cnM", admin);
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.code()).isEqualTo("compliance.cursor_invalid");

        assertThat(fixture.get("/api/v1/compliance/decisions?size=abc", admin).status()).isEqualTo(400);
        assertThat(fixture.get("/api/v1/compliance/decisions", null).status()).isEqualTo(401);
        assertThat(fixture.get("/api/v1/compliance/decisions", org.recourse.registry.RegistryApiFixtures.PLATFORM_ADMIN)
                .status()).isEqualTo(403);
    }

    @Test
    void anotherInstitutionReadsAnEmptyLog() {
        fixture.at(LocalTime.of(22, 30));
        UUID caseId = fixture.cases.get(0);
        fixture.decide(admin, caseId, fixture.mobile(caseId), "VOICE", "COLLECT");
        Login stranger = fixture.registry.registerApproved("INSTITUTION").admin();

        Response theirs = fixture.get("/api/v1/compliance/decisions?agencyId=" + fixture.institution.id(), stranger);

        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.json().path("items")).isEmpty();
        assertThat(fixture.get("/api/v1/compliance/decisions", admin).json().path("items")).hasSize(1);
    }
}
