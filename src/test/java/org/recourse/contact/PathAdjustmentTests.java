package org.recourse.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.recourse.strategy.Treatments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Adjustments of a case's path from the borrower's feedback: a skipped step is not planned, a delayed one is planned
 * its days later (within the strategy's maximum), a requested visit or legal review is planned for the day; each with
 * a reason, kept as history and in the audit trail; only the institution's people and the case's collector adjust.
 */
@RecourseTest
class PathAdjustmentTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    Treatments treatments;

    private ContactFixture fixture;
    private List<UUID> cases;
    private Registration agency;
    private User collector;

    @BeforeEach
    void aPath() {
        fixture = new ContactFixture(port, jdbc, context);
        cases = fixture.load(2, Map.of());
        UUID sms = fixture.template("到期提醒", "SMS");
        agency = fixture.agency();
        fixture.place(agency, List.of(cases.get(0)));
        collector = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        fixture.assign(agency, cases.get(0), collector.id());
        fixture.strategy(List.of(ContactFixture.step(0, "VOICE", null), ContactFixture.step(1, "VOICE", null),
                ContactFixture.step(2, "SMS", sms)), 3);
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void skipsDelaysAndRequestsChangeTheNextPlans() {
        UUID adjusted = cases.get(0);
        UUID untouched = cases.get(1);
        LocalDate today = fixture.today;

        Response skip = adjust(adjusted, Map.of("kind", "SKIP", "stepDayOffset", 1, "reason", "借款人承诺明日还款"),
                collector);
        Response delay = adjust(adjusted, Map.of("kind", "DELAY", "stepDayOffset", 2, "days", 2, "reason", "借款人住院"),
                collector);
        Response visit = adjust(adjusted, Map.of("kind", "REQUEST_VISIT", "reason", "电话无法接通，申请上门"), null);

        assertThat(skip.status()).as(skip.raw()).isEqualTo(201);
        assertThat(delay.status()).as(delay.raw()).isEqualTo(201);
        assertThat(visit.status()).as(visit.raw()).isEqualTo(201);
        assertThat(visit.json().path("dueOn").asString()).isEqualTo(today.toString());

        fixture.plan(today);
        assertThat(fixture.tasksOf(adjusted, today).keySet()).containsExactlyInAnyOrder("VOICE", "FIELD_VISIT");
        assertThat(fixture.tasksOf(adjusted, today).get("FIELD_VISIT")).containsEntry("channel", "VISIT")
                .containsEntry("holder", "COLLECTOR").containsEntry("contact_point_id", fixture.points(adjusted).get("ADDRESS"));
        fixture.plan(today.plusDays(1));
        assertThat(fixture.tasksOf(adjusted, today.plusDays(1))).isEmpty();
        assertThat(fixture.tasksOf(untouched, today.plusDays(1))).containsKey("VOICE");
        fixture.plan(today.plusDays(2));
        assertThat(fixture.tasksOf(adjusted, today.plusDays(2))).isEmpty();
        assertThat(fixture.tasksOf(untouched, today.plusDays(2))).containsKey("SMS");
        fixture.plan(today.plusDays(4));
        assertThat(fixture.tasksOf(adjusted, today.plusDays(4))).containsKey("SMS");
        // Treatments tells placement the same adjusted path.
        assertThat(treatments.dueSteps(fixture.institution.id(), today.plusDays(4)))
                .anyMatch(step -> step.caseId().equals(adjusted) && step.dayOffset() == 2);

        JsonNode history = fixture.get("/api/v1/cases/" + adjusted + "/path-adjustments", fixture.admin()).json();
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("kind").asString()).isEqualTo("REQUEST_VISIT");
        assertThat(history.get(2).path("reason").asString()).isEqualTo("借款人承诺明日还款");
        assertThat(history.get(2).path("actorUserId").asString()).isEqualTo(collector.id().toString());
        assertThat(jdbc.sql("select count(*) from audit.audit_event where action = 'strategy.path_adjusted'"
                + " and organisation_id = :i").param("i", fixture.institution.id()).query(Long.class).single())
                .isEqualTo(3);
        assertThatThrownBy(() -> jdbc.sql("update strategy.path_adjustment set reason = 'x' where case_id = :c")
                .param("c", adjusted).update()).rootCause().hasMessageContaining("keeps its history");
    }

    @Test
    void thePathRefusesWhatItDoesNotAllow() {
        UUID caseId = cases.get(1);
        assertThat(adjust(caseId, Map.of("kind", "DELAY", "stepDayOffset", 2, "days", 4, "reason", "太久"), null).code())
                .isEqualTo("path_adjustment.delay_too_long");
        assertThat(adjust(caseId, Map.of("kind", "DELAY", "stepDayOffset", 2, "days", 2, "reason", "先推两天"), null)
                .status()).isEqualTo(201);
        // Delays add up against the maximum of 3 days.
        assertThat(adjust(caseId, Map.of("kind", "DELAY", "stepDayOffset", 2, "days", 2, "reason", "再推两天"), null).code())
                .isEqualTo("path_adjustment.delay_too_long");
        assertThat(adjust(caseId, Map.of("kind", "SKIP", "stepDayOffset", 9, "reason", "没有这一步"), null).code())
                .isEqualTo("path_adjustment.step_unknown");
        assertThat(adjust(caseId, Map.of("kind", "SKIP", "stepDayOffset", 1, "reason", "跳过"), null).status())
                .isEqualTo(201);
        assertThat(adjust(caseId, Map.of("kind", "DELAY", "stepDayOffset", 1, "days", 1, "reason", "再推"), null).code())
                .isEqualTo("path_adjustment.step_skipped");
        // The strategy says how long a delay may be: 1 to 30 days.
        Response tooLong = fixture.post("/api/v1/strategies", Map.of("name", "太长", "maxDelayDays", 31, "segments",
                List.of(Map.of("name", "全部", "conditions", Map.of(), "steps", List.of(), "variants", List.of()))),
                fixture.admin());
        assertThat(tooLong.code()).as(tooLong.raw()).isEqualTo("strategy.max_delay_days");
        Response malformed = adjust(caseId, Map.of("kind", "LATER", "reason", ""), null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("validation_failed");
    }

    @Test
    void onlyTheInstitutionAndTheCasesCollectorAdjust() {
        Map<String, Object> skip = Map.of("kind", "SKIP", "stepDayOffset", 1, "reason", "跳过");
        User colleague = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        Registration otherInstitution = fixture.registry.registerApproved("INSTITUTION");

        assertThat(fixture.post("/api/v1/cases/" + cases.get(0) + "/path-adjustments", skip, colleague.login()).status())
                .isEqualTo(404);
        assertThat(fixture.post("/api/v1/cases/" + cases.get(1) + "/path-adjustments", skip, collector.login()).status())
                .isEqualTo(404);
        assertThat(fixture.post("/api/v1/cases/" + cases.get(0) + "/path-adjustments", skip, otherInstitution.admin())
                .status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0) + "/path-adjustments", otherInstitution.admin())
                .status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0) + "/path-adjustments", agency.admin()).status())
                .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from strategy.path_adjustment where case_id = any(:c)")
                .param("c", cases.toArray(UUID[]::new)).query(Long.class).single()).isZero();
    }

    private Response adjust(UUID caseId, Map<String, Object> body, User by) {
        return fixture.post("/api/v1/cases/" + caseId + "/path-adjustments", body,
                by == null ? fixture.admin() : by.login());
    }
}
