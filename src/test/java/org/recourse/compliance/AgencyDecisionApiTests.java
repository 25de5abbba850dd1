package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.compliance.ComplianceFixture.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.ContractScope;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The compliance engine for an agency's collector: a case placed with the agency and assigned to the collector is
 * decided (the placement and the assignment authorise the collector), and CN.OUTSOURCING_NOTICE refuses every
 * contact until the institution records that the borrower was told; a case not placed with the agency, recalled,
 * unassigned or assigned to a colleague is not found. The agency's administrator may act on any case placed with it.
 */
@RecourseTest
class AgencyDecisionApiTests {

    private static final String AGENCY_NUMBER = "4008005678";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ComplianceFixture fixture;
    private Registration agency;
    private Login collector;
    private UUID collectorId;

    @BeforeEach
    void anInstitutionWhoseCasesAnAgencyMayWork() {
        fixture = new ComplianceFixture(port, jdbc);
        agency = fixture.registry.registerApproved("AGENCY");
        var user = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        collector = user.login();
        collectorId = user.id();
        Response number = fixture.post("/api/v1/compliance/outbound-numbers",
                Map.of("number", AGENCY_NUMBER, "label", "受托机构热线"), agency.admin());
        assertThat(number.status()).as(number.raw()).isEqualTo(201);
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void decidesForAPlacedCaseAndRefusesUntilTheBorrowerWasTold() {
        Instant now = fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(0);
        UUID placement = place(caseId);

        Response before = decide(caseId);

        assertThat(before.status()).as(before.raw()).isEqualTo(201);
        assertThat(before.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(before, "CN.OUTSOURCING_NOTICE").path("outcome").asString()).isEqualTo("FAIL");
        assertThat(rule(before, "CN.OUTBOUND_NUMBER").path("outcome").asString()).isEqualTo("PASS");

        Response told = fixture.post("/api/v1/placements/" + placement + "/notice",
                Map.of("sentAt", now.minusSeconds(60).toString(), "channel", "LETTER"), fixture.admin);
        assertThat(told.status()).as(told.raw()).isEqualTo(200);
        Response after = decide(caseId);

        assertThat(after.json().path("outcome").asString()).as(after.raw()).isEqualTo("ALLOW");
        assertThat(rule(after, "CN.OUTSOURCING_NOTICE").path("outcome").asString()).isEqualTo("PASS");
        // The institution's own contacts need no notice of outsourcing.
        Response own = fixture.decide(fixture.admin, caseId, fixture.mobile(caseId), "SMS", "COLLECT");
        assertThat(rule(own, "CN.OUTSOURCING_NOTICE").path("outcome").asString()).isEqualTo("NOT_APPLICABLE");
        // The decision is filed under the institution, with the agency as the actor's organisation.
        assertThat(jdbc.sql("""
                select count(*) from compliance.decision
                 where institution_id = :institution and actor_organisation_id = :agency and account_id = :case
                """).param("institution", fixture.institution.id()).param("agency", agency.id()).param("case", caseId)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void findsNoCaseThatIsNotPlacedWithTheAgencyOrWasRecalled() {
        fixture.at(LocalTime.of(10, 0));
        UUID placed = fixture.cases.get(1);
        UUID notPlaced = fixture.cases.get(2);
        place(placed);
        Registration otherAgency = fixture.registry.registerApproved("AGENCY");

        assertThat(decide(notPlaced).status()).isEqualTo(404);
        assertThat(fixture.decide(otherAgency.admin(), Map.of("caseId", placed, "contactPointId", fixture.mobile(placed),
                "channel", "VOICE", "purpose", "COLLECT")).status()).isEqualTo(404);
        assertThat(decide(placed).status()).isEqualTo(201);

        Response recalled = fixture.post("/api/v1/cases/" + placed + "/recall", Map.of("reason", "机构收回"), fixture.admin);
        assertThat(recalled.status()).as(recalled.raw()).isEqualTo(200);

        Response after = decide(placed);
        assertThat(after.status()).as(after.raw()).isEqualTo(404);
        assertThat(after.code()).isEqualTo("compliance.case_not_found");
    }

    @Test
    void theAgencyRecordsAndExplainsItsOwnDecisionsOnly() {
        Instant now = fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(0);
        UUID placement = place(caseId);
        fixture.post("/api/v1/placements/" + placement + "/notice",
                Map.of("sentAt", now.minusSeconds(60).toString(), "channel", "SMS"), fixture.admin);
        Response allowed = decide(caseId);
        assertThat(allowed.json().path("outcome").asString()).as(allowed.raw()).isEqualTo("ALLOW");
        String decision = allowed.json().path("decisionId").asString();
        Registration otherAgency = fixture.registry.registerApproved("AGENCY");

        // Another agency learns nothing of it: not found to explain, no live decision to act on.
        assertThat(fixture.get("/api/v1/compliance/decisions/" + decision, otherAgency.admin()).status()).isEqualTo(404);
        Response stranger = fixture.post("/api/v1/contact-attempts",
                Map.of("decisionId", decision, "result", "NO_ANSWER"), otherAgency.admin());
        assertThat(stranger.status()).as(stranger.raw()).isEqualTo(409);
        assertThat(stranger.code()).isEqualTo("contact_attempt.no_live_decision");

        Response explained = fixture.get("/api/v1/compliance/decisions/" + decision, collector);
        assertThat(explained.status()).as(explained.raw()).isEqualTo(200);
        assertThat(explained.json().path("outcome").asString()).isEqualTo("ALLOW");
        Response recorded = fixture.post("/api/v1/contact-attempts",
                Map.of("decisionId", decision, "result", "CONNECTED", "durationSeconds", 30), collector);
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
        // The institution sees its agency's decision; the attempt counts in the institution's ledger.
        assertThat(fixture.get("/api/v1/compliance/decisions/" + decision, fixture.admin).status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from compliance.contact_attempt where institution_id = :institution"
                        + " and decision_id = :decision and actor_organisation_id = :agency")
                .param("institution", fixture.institution.id()).param("decision", UUID.fromString(decision))
                .param("agency", agency.id()).query(Long.class).single()).isEqualTo(1);

        // The borrower calls the agency back: recorded for a placed case, not found for any other.
        Response inbound = fixture.post("/api/v1/contact-attempts", Map.of("direction", "INBOUND", "caseId", caseId,
                "contactPointId", fixture.mobile(caseId), "channel", "VOICE", "result", "CONNECTED"), collector);
        assertThat(inbound.status()).as(inbound.raw()).isEqualTo(201);
        UUID notPlaced = fixture.cases.get(1);
        Response elsewhere = fixture.post("/api/v1/contact-attempts", Map.of("direction", "INBOUND", "caseId",
                notPlaced, "contactPointId", fixture.mobile(notPlaced), "channel", "VOICE", "result", "CONNECTED"),
                collector);
        assertThat(elsewhere.status()).as(elsewhere.raw()).isEqualTo(404);
    }

    @Test
    void refusesACollectorTheCaseIsNotAssignedToAndLetsTheAgencysAdministratorAct() {
        fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(2);
        placeUnassigned(caseId);
        var colleague = fixture.registry.createUser(agency.admin(), "COLLECTOR");

        // Placed with the agency but assigned to no one: no collector may ask.
        Response unassigned = decide(caseId);
        assertThat(unassigned.status()).as(unassigned.raw()).isEqualTo(404);
        assertThat(unassigned.code()).isEqualTo("compliance.case_not_found");
        // The agency's administrator answers for the agency's cases and may act on any of them.
        Response byAdmin = fixture.decide(agency.admin(), Map.of("caseId", caseId, "contactPointId",
                fixture.mobile(caseId), "channel", "VOICE", "purpose", "COLLECT", "callerNumber", AGENCY_NUMBER));
        assertThat(byAdmin.status()).as(byAdmin.raw()).isEqualTo(201);

        assign(caseId, colleague.id(), null);
        Response colleagues = decide(caseId);
        assertThat(colleagues.status()).as(colleagues.raw()).isEqualTo(404);
        assertThat(colleagues.code()).isEqualTo("compliance.case_not_found");
        assertThat(fixture.decide(colleague.login(), Map.of("caseId", caseId, "contactPointId", fixture.mobile(caseId),
                "channel", "VOICE", "purpose", "COLLECT", "callerNumber", AGENCY_NUMBER)).status()).isEqualTo(201);

        assign(caseId, collectorId, "同事休假");
        assertThat(decide(caseId).status()).isEqualTo(201);
        // The colleague lost it with the reassignment.
        assertThat(fixture.decide(colleague.login(), Map.of("caseId", caseId, "contactPointId", fixture.mobile(caseId),
                "channel", "VOICE", "purpose", "COLLECT", "callerNumber", AGENCY_NUMBER)).status()).isEqualTo(404);
    }

    @Test
    void aCollectorActsOnACaseTheAdministratorGrantedUntilTheGrantIsRevoked() {
        fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(2);
        placeUnassigned(caseId);
        var colleague = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        assign(caseId, colleague.id(), null);
        assertThat(decide(caseId).status()).isEqualTo(404);

        Response granted = fixture.post("/api/v1/placements/grants", Map.of("collectorId", collectorId.toString(),
                "caseIds", List.of(caseId.toString()), "reason", "同事休假，代为跟进"), agency.admin());
        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);

        Response allowed = decide(caseId);
        assertThat(allowed.status()).as(allowed.raw()).isEqualTo(201);
        // Another agency's collector gets nothing through our grant.
        Registration other = fixture.registry.registerApproved("AGENCY");
        var stranger = fixture.registry.createUser(other.admin(), "COLLECTOR");
        assertThat(fixture.decide(stranger.login(), Map.of("caseId", caseId, "contactPointId", fixture.mobile(caseId),
                "channel", "VOICE", "purpose", "COLLECT")).status()).isEqualTo(404);

        Response revoked = fixture.send("DELETE", "/api/v1/placements/grants/" + granted.json().path("id").asString(),
                null, agency.admin(), null);
        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(200);

        Response after = decide(caseId);
        assertThat(after.status()).as(after.raw()).isEqualTo(404);
        assertThat(after.code()).isEqualTo("compliance.case_not_found");
    }

    private void assign(UUID caseId, UUID to, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("collectorId", to.toString());
        if (reason != null) {
            body.put("reason", reason);
        }
        Response given = fixture.post("/api/v1/cases/" + caseId + "/assignment", body, agency.admin());
        assertThat(given.status()).as(given.raw()).isEqualTo(200);
    }

    private Response decide(UUID caseId) {
        return fixture.decide(collector, Map.of("caseId", caseId, "contactPointId", fixture.mobile(caseId),
                "channel", "VOICE", "purpose", "COLLECT", "callerNumber", AGENCY_NUMBER));
    }

    /** Places the case with the agency (see below) and assigns it to the collector. */
    private UUID place(UUID caseId) {
        UUID placement = placeUnassigned(caseId);
        assign(caseId, collectorId, null);
        return placement;
    }

    /** Places the case with the agency under a contract covering any product, bucket and province. */
    private UUID placeUnassigned(UUID caseId) {
        LocalDate today = LocalDate.ofInstant(fixture.registry.clock(), ComplianceFixture.SHANGHAI);
        Map<String, String> rates = new HashMap<>();
        ContractScope.BUCKETS.forEach(bucket -> rates.put(bucket, "0.10"));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("agencyId", agency.id().toString());
        request.put("products", List.of());
        request.put("buckets", List.of());
        request.put("provinces", List.of());
        request.put("commissionRates", rates);
        request.put("maxOpenPlacements", 10);
        request.put("startDate", today.minusDays(1).toString());
        request.put("endDate", today.plusDays(30).toString());
        Response contract = fixture.post("/api/v1/contracts", request, fixture.admin);
        assertThat(contract.status()).as(contract.raw()).isEqualTo(201);
        String id = contract.json().path("id").asString();
        assertThat(fixture.post("/api/v1/contracts/" + id + "/accept", Map.of(), agency.admin()).status()).isEqualTo(200);
        Response placing = fixture.post("/api/v1/placements", Map.of("contractId", id, "caseIds", List.of(caseId)),
                fixture.admin);
        assertThat(placing.json().path("placed")).as(placing.raw()).hasSize(1);
        return UUID.fromString(placing.json().path("placed").get(0).path("placementId").asString());
    }
}
