package org.recourse.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The task lists and the execution of a task: who sees which tasks (a collector their own, the agency's administrator
 * the agency's cases placed now, the institution all of its; anyone else 404), a task completed only by an attempt
 * recorded against the ALLOW asked for it, a DENY that leaves it open with its reasons.
 */
@RecourseTest
class TaskApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private ContactFixture fixture;
    private List<UUID> cases;
    private Registration agency;
    private User collector;
    private User colleague;

    /** Case 0 placed and assigned to the collector, 1 placed and unassigned, 2 the institution's own. */
    @BeforeEach
    void aPlannedDay() {
        fixture = new ContactFixture(port, jdbc, context);
        cases = fixture.load(3, Map.of());
        UUID sms = fixture.template("到期提醒", "SMS");
        agency = fixture.agency();
        fixture.registerNumber(agency);
        fixture.place(agency, List.of(cases.get(0), cases.get(1)));
        collector = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        colleague = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        fixture.assign(agency, cases.get(0), collector.id());
        fixture.strategy(List.of(ContactFixture.step(0, "VOICE", null), ContactFixture.step(0, "SMS", sms),
                ContactFixture.step(0, "INTERNAL_QUEUE", null)), null);
        fixture.plan(fixture.today);
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void eachSeesTheTasksOfTheCasesTheyHoldNow() {
        String date = "?date=" + fixture.today;
        assertThat(caseIds(fixture.get("/api/v1/tasks" + date, collector.login())))
                .containsExactlyInAnyOrder(cases.get(0), cases.get(0));
        assertThat(caseIds(fixture.get("/api/v1/tasks" + date, agency.admin())))
                .containsOnly(cases.get(0), cases.get(1)).hasSize(4);
        assertThat(caseIds(fixture.get("/api/v1/tasks" + date, fixture.admin()))).hasSize(9);
        assertThat(caseIds(fixture.get("/api/v1/tasks" + date, colleague.login()))).isEmpty();
        // The dispatcher filters by collector, queue and channel; the default date is the latest planned.
        assertThat(caseIds(fixture.get("/api/v1/tasks" + date + "&collectorId=" + collector.id(), agency.admin())))
                .hasSize(2);
        assertThat(caseIds(fixture.get("/api/v1/tasks?holder=INSTITUTION_QUEUE&channel=SMS", fixture.admin())))
                .containsExactly(cases.get(2));
        // Keyset pages: two of nine, then the rest, without repeats.
        Response first = fixture.get("/api/v1/tasks" + date + "&size=2", fixture.admin());
        Response rest = fixture.get("/api/v1/tasks" + date + "&size=50&cursor=" + first.json().path("next").asString(),
                fixture.admin());
        assertThat(first.json().path("items")).hasSize(2);
        assertThat(rest.json().path("items")).hasSize(7);
        assertThat(rest.json().path("next").isMissingNode() || rest.json().path("next").isNull()).isTrue();

        UUID ownTask = task(fixture.admin(), cases.get(2), "VOICE");
        UUID assignedTask = task(fixture.admin(), cases.get(0), "VOICE");
        // An agency's pages too (its index is read in the same case and step order).
        Response agencyFirst = fixture.get("/api/v1/tasks" + date + "&size=1", agency.admin());
        Response agencyRest = fixture.get("/api/v1/tasks" + date + "&size=50&cursor="
                + agencyFirst.json().path("next").asString(), agency.admin());
        assertThat(agencyFirst.json().path("items")).hasSize(1);
        assertThat(agencyRest.json().path("items")).hasSize(3);
        Registration otherInstitution = fixture.registry.registerApproved("INSTITUTION");
        Registration otherAgency = fixture.agency();
        assertThat(fixture.get("/api/v1/tasks/" + ownTask, agency.admin()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/tasks/" + assignedTask, otherInstitution.admin()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/tasks/" + assignedTask, otherAgency.admin()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/tasks/" + assignedTask, colleague.login()).status()).isEqualTo(404);
        assertThat(fixture.post("/api/v1/tasks/" + assignedTask + "/decision", Map.of(), colleague.login()).status())
                .isEqualTo(404);
        assertThat(fixture.get("/api/v1/tasks/" + assignedTask, collector.login()).status()).isEqualTo(200);

        // Counts per holder and channel for the dispatcher.
        JsonNode counts = fixture.get("/api/v1/tasks/counts" + date, agency.admin()).json().path("rows");
        assertThat(counts).hasSize(4);

        // Recalled, the case's tasks are gone from the agency.
        Response recalled = fixture.post("/api/v1/cases/" + cases.get(0) + "/recall", Map.of("reason", "机构收回"),
                fixture.admin());
        assertThat(recalled.status()).as(recalled.raw()).isEqualTo(200);
        assertThat(fixture.get("/api/v1/tasks/" + assignedTask, agency.admin()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/tasks/" + assignedTask, collector.login()).status()).isEqualTo(404);
        assertThat(caseIds(fixture.get("/api/v1/tasks" + date, agency.admin()))).containsOnly(cases.get(1));
    }

    @Test
    void aCursorIsReadOnlyAmongTheCallersOwnTasks() {
        // Another institution's task on the smallest case id there is: were its position honoured, every task of
        // this day would come after it, so a page from it would be the whole list.
        UUID foreign = UUID.randomUUID();
        jdbc.sql("""
                insert into contact.task (id, institution_id, case_id, business_date, step_key, kind, action,
                       strategy_id, version, segment_name, entered_on, day_offset, holder, planned_at)
                values (:id, :institution, cast('00000000-0000-0000-0000-000000000000' as uuid), :date,
                        'INTERNAL_QUEUE:0:-:-', 'QUEUE', 'INTERNAL_QUEUE', :strategy, 1, '其他机构', :date, 0,
                        'INSTITUTION_QUEUE', now())
                """).param("id", foreign).param("institution", UUID.randomUUID()).param("date", fixture.today)
                .param("strategy", UUID.randomUUID()).update();
        try {
            String date = "?date=" + fixture.today;
            assertThat(caseIds(fixture.get("/api/v1/tasks" + date, fixture.admin()))).hasSize(9);
            for (Login caller : List.of(fixture.admin(), agency.admin(), collector.login())) {
                Response page = fixture.get("/api/v1/tasks" + date + "&cursor=" + foreign, caller);
                assertThat(page.status()).as(page.raw()).isEqualTo(200);
                assertThat(page.json().path("items")).as("a page after another tenant's task").isEmpty();
            }
            // The institution's own task is no position in its agency's list either.
            UUID ownTask = task(fixture.admin(), cases.get(2), "VOICE");
            assertThat(fixture.get("/api/v1/tasks" + date + "&cursor=" + ownTask, agency.admin()).json().path("items"))
                    .isEmpty();
            Response malformed = fixture.get("/api/v1/tasks" + date + "&cursor=not-a-task", fixture.admin());
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.fieldErrors()).containsExactly("cursor:invalid");
        } finally {
            jdbc.sql("delete from contact.task where id = :id").param("id", foreign).update();
        }
    }

    @Test
    void aTaskIsDoneOnlyByAnAttemptUnderItsAllow() {
        UUID voice = task(collector.login(), cases.get(0), "VOICE");

        Response decided = fixture.post("/api/v1/tasks/" + voice + "/decision",
                Map.of("callerNumber", ContactFixture.AGENCY_NUMBER), collector.login());

        assertThat(decided.status()).as(decided.raw()).isEqualTo(201);
        assertThat(decided.json().path("decision").path("outcome").asString()).as(decided.raw()).isEqualTo("ALLOW");
        String decision = decided.json().path("decision").path("decisionId").asString();
        JsonNode task = decided.json().path("task");
        assertThat(task.path("status").asString()).isEqualTo("OPEN");
        assertThat(task.path("decisionId").asString()).isEqualTo(decision);
        assertThat(task.path("decisionOutcome").asString()).isEqualTo("ALLOW");
        // The decision is the engine's own, about the task's case, contact point and channel, to collect.
        assertThat(jdbc.sql("select account_id || '/' || contact_point_id || '/' || channel || '/' || purpose"
                + " from compliance.decision where id = cast(:d as uuid)").param("d", decision).query(String.class)
                .single()).isEqualTo(cases.get(0) + "/" + fixture.points(cases.get(0)).get("MOBILE") + "/VOICE/COLLECT");

        // An attempt under a decision asked outside the task completes nothing.
        Response direct = fixture.post("/api/v1/compliance/decisions", Map.of("caseId", cases.get(0),
                "contactPointId", fixture.points(cases.get(0)).get("MOBILE"), "channel", "SMS", "purpose", "COLLECT",
                "callerNumber", ContactFixture.AGENCY_NUMBER),
                collector.login());
        assertThat(direct.json().path("outcome").asString()).as(direct.raw()).isEqualTo("ALLOW");
        assertThat(fixture.attempt(collector.login(), direct.json().path("decisionId").asString(), "SENT").status())
                .isEqualTo(201);
        assertThat(fixture.get("/api/v1/tasks/" + task(collector.login(), cases.get(0), "SMS"), collector.login())
                .json().path("status").asString()).isEqualTo("OPEN");
        assertThat(fixture.get("/api/v1/tasks/" + voice, collector.login()).json().path("status").asString())
                .isEqualTo("OPEN");

        Response attempt = fixture.attempt(collector.login(), decision, "CONNECTED");

        assertThat(attempt.status()).as(attempt.raw()).isEqualTo(201);
        JsonNode done = fixture.get("/api/v1/tasks/" + voice, collector.login()).json();
        assertThat(done.path("status").asString()).isEqualTo("DONE");
        assertThat(done.path("attemptResult").asString()).isEqualTo("CONNECTED");
        assertThat(fixture.post("/api/v1/tasks/" + voice + "/decision", Map.of(), collector.login()).code())
                .isEqualTo("task.done");
        assertThat(jdbc.sql("select count(*) from audit.audit_event where action in ('contact.task_decided',"
                + " 'contact.task_completed') and subject = :s").param("s", "task/" + voice).query(Long.class).single())
                .isEqualTo(2);
        // Only the holder acts: the institution sees the agency's task but does not work it; queue tasks are no contact.
        UUID unassigned = task(fixture.admin(), cases.get(1), "VOICE");
        assertThat(fixture.post("/api/v1/tasks/" + unassigned + "/decision", Map.of(), fixture.admin()).code())
                .isEqualTo("task.not_holder");
        UUID queue = task(fixture.admin(), cases.get(2), "INTERNAL_QUEUE");
        assertThat(fixture.post("/api/v1/tasks/" + queue + "/decision", Map.of(), fixture.admin()).code())
                .isEqualTo("task.not_a_contact");
    }

    @Test
    void aDenyLeavesTheTaskOpenWithItsReasonsAndWhenItMayBeTried() {
        UUID voice = task(fixture.admin(), cases.get(2), "VOICE");
        fixture.at(LocalTime.of(23, 0));

        Response denied = fixture.post("/api/v1/tasks/" + voice + "/decision",
                Map.of("callerNumber", ContactFixture.OUTBOUND), fixture.admin());

        assertThat(denied.status()).as(denied.raw()).isEqualTo(201);
        assertThat(denied.json().path("decision").path("outcome").asString()).isEqualTo("DENY");
        JsonNode task = fixture.get("/api/v1/tasks/" + voice, fixture.admin()).json();
        assertThat(task.path("status").asString()).isEqualTo("OPEN");
        assertThat(task.path("decisionOutcome").asString()).isEqualTo("DENY");
        List<String> reasons = new ArrayList<>();
        task.path("decisionReasons").forEach(reason -> reasons.add(reason.asString()));
        assertThat(reasons).anyMatch(reason -> reason.endsWith(".QUIET_HOURS"));
        // Quiet hours end at eight in the morning: the task may be tried again then.
        assertThat(Instant.parse(task.path("nextAllowedAt").asString()))
                .isEqualTo(fixture.today.plusDays(1).atTime(8, 0).atZone(ContactFixture.SHANGHAI).toInstant());
        // No attempt can be recorded under a DENY, so the task cannot be completed by it.
        Response attempt = fixture.attempt(fixture.admin(), task.path("decisionId").asString(), "CONNECTED");
        assertThat(attempt.status()).isEqualTo(409);
        assertThat(fixture.get("/api/v1/tasks/" + voice, fixture.admin()).json().path("status").asString())
                .isEqualTo("OPEN");
    }

    @Test
    void aHeldCaseKeepsItsTaskAndTheDecisionDeniesIt() {
        // Holds do not stop planning: a hold set after the night is judged when the contact would happen.
        UUID sms = task(fixture.admin(), cases.get(2), "SMS");
        Response held = fixture.post("/api/v1/cases/" + cases.get(2) + "/holds",
                Map.of("kind", "CEASE_CONTACT", "reason", "借款人要求停止联系"), fixture.admin());
        assertThat(held.status()).as(held.raw()).isEqualTo(201);

        Response denied = fixture.post("/api/v1/tasks/" + sms + "/decision", Map.of(), fixture.admin());

        assertThat(denied.json().path("decision").path("outcome").asString()).as(denied.raw()).isEqualTo("DENY");
        JsonNode task = fixture.get("/api/v1/tasks/" + sms, fixture.admin()).json();
        assertThat(task.path("status").asString()).isEqualTo("OPEN");
        List<String> reasons = new ArrayList<>();
        task.path("decisionReasons").forEach(reason -> reasons.add(reason.asString()));
        assertThat(reasons).contains("CN.HOLD");
        // A hold needs more than time to pass: no moment is promised.
        assertThat(task.path("nextAllowedAt").isMissingNode() || task.path("nextAllowedAt").isNull()).isTrue();
    }

    @Test
    void aQueueTaskIsClosedWithAnOutcomeByTheInstitutionAlone() {
        UUID queue = task(fixture.admin(), cases.get(0), "INTERNAL_QUEUE");
        UUID voice = task(fixture.admin(), cases.get(2), "VOICE");
        JsonNode planned = fixture.get("/api/v1/tasks/" + queue, fixture.admin()).json();
        assertThat(planned.path("kind").asString()).isEqualTo("QUEUE");
        assertThat(planned.path("holder").asString()).isEqualTo("INSTITUTION_QUEUE");
        assertThat(planned.path("contactPointId").isMissingNode() || planned.path("contactPointId").isNull()).isTrue();
        // No contact, so no decision to ask.
        assertThat(fixture.post("/api/v1/tasks/" + queue + "/decision", Map.of(), fixture.admin()).code())
                .isEqualTo("task.not_a_contact");
        // Queue tasks are the institution's: the agency holding the case does not see them.
        assertThat(fixture.post("/api/v1/tasks/" + queue + "/close", Map.of("outcome", "RESOLVED"), agency.admin())
                .status()).isEqualTo(404);
        Registration otherInstitution = fixture.registry.registerApproved("INSTITUTION");
        assertThat(fixture.post("/api/v1/tasks/" + queue + "/close", Map.of("outcome", "RESOLVED"),
                otherInstitution.admin()).status()).isEqualTo(404);
        Response unknown = fixture.post("/api/v1/tasks/" + queue + "/close", Map.of("outcome", "FORGOTTEN"),
                fixture.admin());
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("task.outcome_unknown");
        Response contact = fixture.post("/api/v1/tasks/" + voice + "/close", Map.of("outcome", "RESOLVED"),
                fixture.admin());
        assertThat(contact.status()).isEqualTo(409);
        assertThat(contact.code()).isEqualTo("task.not_a_queue_task");

        Response closed = fixture.post("/api/v1/tasks/" + queue + "/close",
                Map.of("outcome", "ESCALATED", "note", "借款人张三称已还款，转对账组核实"), fixture.admin());

        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertThat(closed.json().path("status").asString()).isEqualTo("DONE");
        assertThat(closed.json().path("outcome").asString()).isEqualTo("ESCALATED");
        assertThat(closed.json().path("outcomeNote").asString()).contains("转对账组");
        assertThat(closed.json().path("completedAt").isString()).isTrue();
        assertThat(jdbc.sql("select outcome_note_enc from contact.task where id = :id").param("id", queue)
                .query(String.class).single()).doesNotContain("张三");
        assertThat(jdbc.sql("""
                select details ->> 'outcome' from audit.audit_event
                 where action = 'contact.queue_task_closed' and subject = :subject
                """).param("subject", "task/" + queue).query(String.class).list()).containsExactly("ESCALATED");
        Response again = fixture.post("/api/v1/tasks/" + queue + "/close", Map.of("outcome", "RESOLVED"),
                fixture.admin());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("task.done");
        assertThat(caseIds(fixture.get("/api/v1/tasks?status=DONE&date=" + fixture.today, fixture.admin())))
                .containsExactly(cases.get(0));
    }

    @Test
    void aCollectorGrantedAColleaguesCaseSeesAndWorksItsTasksUntilTheGrantIsRevoked() {
        UUID voice = task(collector.login(), cases.get(0), "VOICE");
        assertThat(fixture.get("/api/v1/tasks/" + voice, colleague.login()).status()).isEqualTo(404);

        Response granted = fixture.post("/api/v1/placements/grants", Map.of("collectorId", colleague.id().toString(),
                "caseIds", List.of(cases.get(0).toString()), "reason", "同事休假"), agency.admin());
        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);

        assertThat(caseIds(fixture.get("/api/v1/tasks?date=" + fixture.today, colleague.login())))
                .containsExactly(cases.get(0), cases.get(0));
        Response decided = fixture.post("/api/v1/tasks/" + voice + "/decision",
                Map.of("callerNumber", ContactFixture.AGENCY_NUMBER), colleague.login());
        assertThat(decided.status()).as(decided.raw()).isEqualTo(201);

        fixture.registry.send("DELETE", "/api/v1/placements/grants/" + granted.json().path("id").asString(), null,
                null, agency.admin());
        assertThat(fixture.get("/api/v1/tasks/" + voice, colleague.login()).status()).isEqualTo(404);
        assertThat(caseIds(fixture.get("/api/v1/tasks?date=" + fixture.today, colleague.login()))).isEmpty();
    }

    private UUID task(Login login, UUID caseId, String action) {
        for (JsonNode item : fixture.get("/api/v1/tasks?size=200&date=" + fixture.today, login).json().path("items")) {
            if (item.path("caseId").asString().equals(caseId.toString()) && action.equals(item.path("action").asString())) {
                return UUID.fromString(item.path("id").asString());
            }
        }
        throw new AssertionError("no " + action + " task of " + caseId);
    }

    private static List<UUID> caseIds(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        response.json().path("items").forEach(item -> ids.add(UUID.fromString(item.path("caseId").asString())));
        return ids;
    }
}
