package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.allocation.PlacementFixture;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The complaint register: an institution's staff or compliance officer records a complaint about one of its cases;
 * it is attributed to the agency that held the case when it was received (else to the institution); its summary is
 * stored encrypted and kept out of the audit trail. Another institution's case is not found.
 */
@RecourseTest
class ComplaintApiTests {

    private static final String SUMMARY = "借款人张三称催收员于晚上十一点致电其单位同事";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aComplaintIsTheAgencysThatHeldTheCaseWhenItWasReceived() {
        fixture = new PlacementFixture(port, jdbc);
        List<UUID> cases = fixture.load(2);
        Registration agency = fixture.agency();
        Instant beforePlacing = fixture.registry.clock().minusSeconds(3_600);
        fixture.placed(fixture.contract(agency), cases.subList(0, 1));
        Instant whilePlaced = fixture.registry.clock();

        Response placed = complain(fixture.admin(), cases.get(0), "BORROWER", whilePlaced, SUMMARY);
        Response earlier = complain(fixture.admin(), cases.get(0), "REGULATOR_HOTLINE", beforePlacing, "监管热线转来投诉");
        Response own = complain(fixture.admin(), cases.get(1), "POLICE", whilePlaced, "派出所转来报警记录");

        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        assertThat(placed.json().path("agencyId").asString()).isEqualTo(agency.id().toString());
        assertThat(placed.json().path("summary").asString()).isEqualTo(SUMMARY);
        assertThat(institutions(earlier)).as(earlier.raw()).isTrue();
        assertThat(institutions(own)).as(own.raw()).isTrue();

        assertThat(fixture.recall(cases.get(0), "机构收回", fixture.admin()).status()).isEqualTo(200);
        Response afterRecall = complain(fixture.admin(), cases.get(0), "BORROWER", fixture.registry.clock(), "又一次投诉");
        assertThat(institutions(afterRecall)).as(afterRecall.raw()).isTrue();
        // Received while placed, recorded after the recall: still the agency's.
        Response late = complain(fixture.admin(), cases.get(0), "BORROWER", whilePlaced, "补录投诉");
        assertThat(late.json().path("agencyId").asString()).isEqualTo(agency.id().toString());

        JsonNode listed = fixture.get("/api/v1/complaints?caseId=" + cases.get(0), fixture.admin()).json();
        assertThat(listed).hasSize(4);
        assertThat(fixture.get("/api/v1/complaints?agencyId=" + agency.id(), fixture.admin()).json()).hasSize(2);

        // Encrypted at rest, and not in the audit trail.
        String id = placed.json().path("id").asString();
        String stored = jdbc.sql("select summary from compliance.complaint where id = cast(:id as uuid)")
                .param("id", id).query(String.class).single();
        assertThat(stored).doesNotContain("张三").contains(":");
        assertThat(jdbc.sql("""
                select details::text from audit.audit_event where action = 'compliance.complaint_recorded'
                   and subject like '%' || :id
                """).param("id", id).query(String.class).single()).contains("BORROWER", agency.id().toString())
                .doesNotContain("张三");
    }

    @Test
    void onlyTheInstitutionsStaffRecordComplaintsAboutItsOwnCases() {
        fixture = new PlacementFixture(port, jdbc);
        List<UUID> cases = fixture.load(1);
        Registration agency = fixture.agency();
        fixture.placed(fixture.contract(agency), cases);
        User officer = fixture.registry.createUser(fixture.admin(), "COMPLIANCE_OFFICER");
        Instant now = fixture.registry.clock();

        assertThat(complain(officer.login(), cases.get(0), "BORROWER", now, "投诉").status()).isEqualTo(201);

        PlacementFixture other = new PlacementFixture(port, jdbc);
        Response theirs = complain(other.admin(), cases.get(0), "BORROWER", now, "投诉");
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.code()).isEqualTo("complaint.case_not_found");
        assertThat(fixture.get("/api/v1/complaints", other.admin()).json()).isEmpty();
        assertThat(complain(agency.admin(), cases.get(0), "BORROWER", now, "投诉").status()).isEqualTo(403);

        Response source = complain(fixture.admin(), cases.get(0), "NEIGHBOUR", now, "投诉");
        assertThat(source.status()).isEqualTo(422);
        assertThat(source.code()).isEqualTo("complaint.source_unknown");
        Response future = complain(fixture.admin(), cases.get(0), "BORROWER", now.plusSeconds(86_400), "投诉");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.code()).isEqualTo("complaint.received_in_future");
        assertThat(complain(fixture.admin(), cases.get(0), "BORROWER", now, " ").status()).isEqualTo(400);
        assertThat(fixture.get("/api/v1/complaints", fixture.admin()).json()).hasSize(1);
    }

    @Test
    void summariesAreListedWithTheirNumbersMaskedAndGivenInFullOnlyByAnAuditedReveal() {
        fixture = new PlacementFixture(port, jdbc);
        List<UUID> cases = fixture.load(1);
        String summary = "借款人称催收员用 138 1234 5678 致电其同事，报出身份证号11010519491231002X，2026-11-20 晚上十一点，欠款 3500 元";
        String masked = "借款人称催收员用 *** **** 5678 致电其同事，报出身份证号**************002X，2026-11-20 晚上十一点，欠款 3500 元";
        Response recorded = complain(fixture.admin(), cases.get(0), "BORROWER", fixture.registry.clock(), summary);
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
        assertThat(recorded.json().path("summary").asString()).isEqualTo(masked);
        String id = recorded.json().path("id").asString();
        assertThat(fixture.get("/api/v1/complaints", fixture.admin()).json().get(0).path("summary").asString())
                .isEqualTo(masked);
        assertThat(revealed(id)).isZero();

        Response full = fixture.post("/api/v1/complaints/" + id + "/reveal", Map.of(), fixture.admin());
        assertThat(full.status()).as(full.raw()).isEqualTo(200);
        assertThat(full.json().path("summary").asString()).isEqualTo(summary);
        assertThat(revealed(id)).isEqualTo(1);
        assertThat(jdbc.sql("select details::text from audit.audit_event where action = 'personal_data.revealed'"
                + " and subject like '%' || :id").param("id", id).query(String.class).single())
                .doesNotContain("5678", "借款人");

        User officer = fixture.registry.createUser(fixture.admin(), "COMPLIANCE_OFFICER");
        assertThat(fixture.post("/api/v1/complaints/" + id + "/reveal", Map.of(), officer.login()).status())
                .isEqualTo(200);
        User operator = fixture.registry.createUser(fixture.admin(), "INSTITUTION_OPERATOR");
        assertThat(fixture.post("/api/v1/complaints/" + id + "/reveal", Map.of(), operator.login()).status())
                .isEqualTo(403);
        assertThat(fixture.get("/api/v1/complaints", operator.login()).json().get(0).path("summary").asString())
                .isEqualTo(masked);
        PlacementFixture other = new PlacementFixture(port, jdbc);
        Response theirs = fixture.post("/api/v1/complaints/" + id + "/reveal", Map.of(), other.admin());
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.code()).isEqualTo("complaint.not_found");
        Response unknown = fixture.post("/api/v1/complaints/" + UUID.randomUUID() + "/reveal", Map.of(), fixture.admin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(revealed(id)).isEqualTo(2);
    }

    private int revealed(String complaint) {
        return jdbc.sql("select count(*) from audit.audit_event where action = 'personal_data.revealed'"
                + " and subject like '%/complaint/' || :id").param("id", complaint).query(Integer.class).single();
    }

    private PlacementFixture fixture;

    /** Whether the complaint was attributed to the institution itself (no agency: null, left out of the JSON). */
    private static boolean institutions(Response complaint) {
        assertThat(complaint.status()).as(complaint.raw()).isEqualTo(201);
        JsonNode agency = complaint.json().path("agencyId");
        return agency.isMissingNode() || agency.isNull();
    }

    private Response complain(Login login, UUID caseId, String source, Instant receivedAt, String summary) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId.toString());
        body.put("source", source);
        body.put("category", "HARASSMENT");
        body.put("receivedAt", receivedAt.toString());
        body.put("summary", summary);
        return fixture.post("/api/v1/complaints", body, login);
    }
}
