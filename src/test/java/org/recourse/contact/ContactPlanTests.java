package org.recourse.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.daily.DailyStep;
import org.recourse.daily.NightParts;
import org.recourse.intake.IntakeApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The night's contact plan on cases loaded through intake and a strategy made through its API: each due step becomes
 * a task of the case's holder — the assigned collector, the agency's queue, the institution's queue — with the
 * borrower's first valid mobile (a wrong number passed over, counted when none is left) or address and the step's
 * template; queue steps become the institution's queue tasks; a second run of the date writes nothing.
 */
@RecourseTest
class ContactPlanTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private ContactFixture fixture;

    @BeforeEach
    void anInstitution() {
        fixture = new ContactFixture(port, jdbc, context);
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void theStepIsTheNightsContactPlanAfterStrategyAndAllocation() {
        DailyStep step = context.getBean(ContactPlanStep.class);
        assertThat(step.name()).isEqualTo("contact-plan");
        assertThat(step.order()).isEqualTo(500);
    }

    @Test
    void plansEachDueStepForTheCasesHolderOnceOnly() {
        // Cases: 0 placed and assigned, 1 placed and unassigned, 2 the institution's own, 3 its only mobile a wrong
        // number, 4 a wrong first mobile and a second one.
        List<UUID> cases = fixture.load(5, Map.of(4, "13912345678"));
        UUID sms = fixture.template("到期提醒", "SMS");
        UUID letter = fixture.template("催收函", "LETTER");
        Registration agency = fixture.agency();
        fixture.place(agency, List.of(cases.get(0), cases.get(1)));
        User collector = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        fixture.assign(agency, cases.get(0), collector.id());
        fixture.wrongNumber(cases.get(3), fixture.points(cases.get(3)).get("MOBILE"));
        fixture.wrongNumber(cases.get(4), fixture.points(cases.get(4)).get("MOBILE"));
        fixture.strategy(List.of(ContactFixture.step(0, "VOICE", null), ContactFixture.step(0, "SMS", sms),
                ContactFixture.step(0, "LETTER", letter), ContactFixture.step(0, "INTERNAL_QUEUE", null),
                ContactFixture.step(0, "PLACE_WITH_AGENCY", null), ContactFixture.step(2, "VOICE", null)), null);
        LocalDate today = fixture.today;

        ContactPlanStep.Plan plan = fixture.plan(today);

        // Five cases of four due steps each (placement is not a task); case 3 has no valid mobile for VOICE and SMS.
        assertThat(plan.dueSteps()).isEqualTo(20);
        assertThat(plan.skippedNoMobile()).isEqualTo(2);
        assertThat(plan.planned()).isEqualTo(18);
        Map<String, UUID> points0 = fixture.points(cases.get(0));
        Map<String, Map<String, Object>> assigned = fixture.tasksOf(cases.get(0), today);
        assertThat(assigned.keySet()).containsExactlyInAnyOrder("VOICE", "SMS", "LETTER", "INTERNAL_QUEUE");
        assertThat(assigned.get("VOICE")).containsEntry("holder", "COLLECTOR").containsEntry("collector_id", collector.id())
                .containsEntry("agency_id", agency.id()).containsEntry("channel", "VOICE").containsEntry("kind", "CONTACT")
                .containsEntry("contact_point_id", points0.get("MOBILE")).containsEntry("status", "OPEN");
        assertThat(assigned.get("SMS")).containsEntry("template_id", sms).containsEntry("contact_point_id", points0.get("MOBILE"));
        assertThat(assigned.get("LETTER")).containsEntry("template_id", letter).containsEntry("channel", "LETTER")
                .containsEntry("contact_point_id", points0.get("ADDRESS"));
        // Queue steps are the institution's work, even for a placed case.
        assertThat(assigned.get("INTERNAL_QUEUE")).containsEntry("kind", "QUEUE").containsEntry("holder", "INSTITUTION_QUEUE")
                .containsEntry("agency_id", null).containsEntry("channel", null).containsEntry("contact_point_id", null);
        Map<String, Map<String, Object>> unassigned = fixture.tasksOf(cases.get(1), today);
        assertThat(unassigned.get("VOICE")).containsEntry("holder", "AGENCY_QUEUE").containsEntry("agency_id", agency.id())
                .containsEntry("collector_id", null);
        Map<String, Map<String, Object>> own = fixture.tasksOf(cases.get(2), today);
        assertThat(own.get("SMS")).containsEntry("holder", "INSTITUTION_QUEUE").containsEntry("agency_id", null);
        Map<String, Map<String, Object>> wrong = fixture.tasksOf(cases.get(3), today);
        assertThat(wrong.keySet()).containsExactlyInAnyOrder("LETTER", "INTERNAL_QUEUE");
        Map<String, Map<String, Object>> second = fixture.tasksOf(cases.get(4), today);
        assertThat(second.get("VOICE")).containsEntry("contact_point_id", fixture.points(cases.get(4)).get("MOBILE2"));
        assertThat(jdbc.sql("""
                select planned || '/' || skipped_no_mobile || '/' || skipped_no_address from contact.plan_day
                 where institution_id = :i and business_date = :d
                """).param("i", fixture.institution.id()).param("d", today).query(String.class).single())
                .isEqualTo("18/2/0");
        assertThat(jdbc.sql("""
                select details ->> 'planned' from audit.audit_event
                 where action = 'contact.tasks_planned' and organisation_id = :i
                """).param("i", fixture.institution.id()).query(String.class).list()).containsExactly("18");

        ContactPlanStep.Plan again = fixture.plan(today);

        assertThat(again.planned()).isZero();
        assertThat(again.dueSteps()).as("every due step is planned already").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from contact.task where institution_id = :i")
                .param("i", fixture.institution.id()).query(Long.class).single()).isEqualTo(18);
        // The day-2 call falls due two days on, for every case that has a valid mobile.
        assertThat(fixture.plan(today.plusDays(1)).planned()).isZero();
        assertThat(fixture.plan(today.plusDays(2)).planned()).isEqualTo(4);
    }

    @Test
    void twoEqualStepsOfAPathAreOneTaskAndTheNightGoesOn() {
        // The insert looks for no conflict (what is planned already is taken out before): a step listed twice in a
        // path must still be one task, not a unique-key violation that fails the night.
        List<UUID> cases = fixture.load(3, Map.of());
        fixture.strategy(List.of(ContactFixture.step(0, "VOICE", null), ContactFixture.step(0, "VOICE", null)), null);
        LocalDate today = fixture.today;

        ContactPlanStep.Plan plan = fixture.plan(today);

        assertThat(plan.dueSteps()).isEqualTo(6);
        assertThat(plan.planned()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from contact.task where institution_id = :i and case_id = :c")
                .param("i", fixture.institution.id()).param("c", cases.get(0)).query(Long.class).single()).isEqualTo(1);
        assertThat(fixture.plan(today).planned()).isZero();
    }

    @Test
    void aPartThatCommittedBeforeACrashIsNotPlannedAgainAndTheDayCountsEveryPart() {
        // Six cases of two due steps each; the sixth's only mobile is a wrong number (its VOICE step is passed over).
        List<UUID> cases = fixture.load(6, Map.of());
        fixture.wrongNumber(cases.get(5), fixture.points(cases.get(5)).get("MOBILE"));
        fixture.strategy(List.of(ContactFixture.step(0, "VOICE", null), ContactFixture.step(0, "INTERNAL_QUEUE", null)),
                null);
        LocalDate today = fixture.today;
        ContactPlanStep step = context.getBean(ContactPlanStep.class);

        // One part of three committed, then the night was cut off: the rerun plans the whole date.
        NightParts.Part part = new NightParts.Part(0, 3);
        ContactPlanStep.Plan first = step.planPart(fixture.institution.id(), today, part);
        ContactPlanStep.Plan rerun = fixture.plan(today);

        long tasksOfThePart = 0;
        for (UUID caseId : cases) {
            if (jdbc.sql("select " + part.casesOf("cast(:c as uuid)")).param("c", caseId).query(Boolean.class).single()) {
                tasksOfThePart += caseId.equals(cases.get(5)) ? 1 : 2;
            }
        }
        assertThat(first.planned()).as("the tasks of the part's cases only").isEqualTo(tasksOfThePart);
        assertThat(first.planned() + rerun.planned()).isEqualTo(11);
        assertThat(rerun.skippedNoMobile()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from contact.task where institution_id = :i")
                .param("i", fixture.institution.id()).query(Long.class).single()).isEqualTo(11);
        assertThat(jdbc.sql("""
                select due_steps || '/' || planned || '/' || skipped_no_mobile from contact.plan_day
                 where institution_id = :i and business_date = :d
                """).param("i", fixture.institution.id()).param("d", today).query(String.class).single())
                .isEqualTo("12/11/1");
        // Every part of any split finds the date planned.
        for (int index = 0; index < 4; index++) {
            assertThat(step.planPart(fixture.institution.id(), today, new NightParts.Part(index, 4)).planned()).isZero();
        }
        assertThat(fixture.plan(today).planned()).isZero();
        assertThat(jdbc.sql("select planned from contact.plan_day where institution_id = :i and business_date = :d")
                .param("i", fixture.institution.id()).param("d", today).query(Long.class).single()).isEqualTo(11);
    }

    @Test
    void plansEmailStepsToTheBorrowersEmailAddressFromIntake() {
        List<UUID> cases = fixture.load(2, Map.of(), Map.of(0, "Zhang.San@Example.com"));
        UUID email = fixture.template("邮件提醒", "EMAIL");
        fixture.strategy(List.of(ContactFixture.step(0, "EMAIL", email)), null);
        LocalDate today = fixture.today;

        ContactPlanStep.Plan plan = fixture.plan(today);

        assertThat(plan.dueSteps()).isEqualTo(2);
        assertThat(plan.planned()).isEqualTo(1);
        assertThat(plan.skippedNoEmail()).as("the second borrower sent no e-mail address").isEqualTo(1);
        Map<String, UUID> points = fixture.points(cases.get(0));
        assertThat(points).containsKey("EMAIL");
        assertThat(fixture.tasksOf(cases.get(0), today).get("EMAIL")).containsEntry("kind", "CONTACT")
                .containsEntry("channel", "EMAIL").containsEntry("contact_point_id", points.get("EMAIL"))
                .containsEntry("template_id", email).containsEntry("holder", "INSTITUTION_QUEUE");
        assertThat(fixture.tasksOf(cases.get(1), today)).isEmpty();
        assertThat(fixture.points(cases.get(1))).doesNotContainKey("EMAIL");
        // Masked in the case's view, encrypted with the other contacts (never stored in the clear).
        String shown = fixture.get("/api/v1/cases/" + cases.get(0), fixture.admin()).raw();
        assertThat(shown).contains("Z***@example.com").doesNotContain("Zhang.San");
        assertThat(jdbc.sql("select count(*) from cases.account where institution_id = :i and contacts_enc like '%example%'")
                .param("i", fixture.institution.id()).query(Long.class).single()).isZero();
    }

    @Test
    void keepsEachCasesPointsUntilItsAccountIsLoadedAgainWithOtherContents() {
        List<List<String>> rows = fixture.rows(2, Map.of());
        List<UUID> cases = fixture.load(rows);
        fixture.strategy(List.of(ContactFixture.step(0, "VOICE", null), ContactFixture.step(1, "VOICE", null)), null);
        UUID first = fixture.points(cases.get(0)).get("MOBILE");
        UUID other = fixture.points(cases.get(1)).get("MOBILE");

        fixture.plan(fixture.today);

        assertThat(fixture.tasksOf(cases.get(0), fixture.today).get("VOICE")).containsEntry("contact_point_id", first);
        assertThat(jdbc.sql("select count(*) from cases.planned_point where institution_id = :i")
                .param("i", fixture.institution.id()).query(Long.class).single()).as("kept for the next nights").isEqualTo(2);
        String kept = version(cases.get(1));

        // The first borrower's mobile changes in the next file: the plan must not call the old number.
        rows.get(0).set(IntakeApiFixtures.column("mobile"), "13700001111");
        fixture.load(rows);
        UUID changed = fixture.points(cases.get(0)).get("MOBILE");
        assertThat(changed).isNotEqualTo(first);
        assertThat(jdbc.sql("select count(*) from cases.planned_point where account_id = :c").param("c", cases.get(0))
                .query(Long.class).single()).as("forgotten by the load that changed the account").isZero();

        fixture.plan(fixture.today.plusDays(1));

        assertThat(fixture.tasksOf(cases.get(0), fixture.today.plusDays(1)).get("VOICE"))
                .containsEntry("contact_point_id", changed);
        assertThat(fixture.tasksOf(cases.get(1), fixture.today.plusDays(1)).get("VOICE"))
                .containsEntry("contact_point_id", other);
        assertThat(version(cases.get(1))).as("an unchanged account is not computed again").isEqualTo(kept);
        assertThat(jdbc.sql("select count(*) from cases.planned_point where institution_id = :i")
                .param("i", fixture.institution.id()).query(Long.class).single()).isEqualTo(2);
    }

    /** The row version of the case's kept points: the same while the row is not written again. */
    private String version(UUID caseId) {
        return jdbc.sql("select cast(xmin as text) from cases.planned_point where account_id = :c").param("c", caseId)
                .query(String.class).single();
    }

    @Test
    void theDailyRunnersStepPlansEveryInstitutionWithAStrategy() {
        List<UUID> cases = fixture.load(2, Map.of());
        fixture.strategy(List.of(ContactFixture.step(0, "VOICE", null)), null);

        var outcome = context.getBean(ContactPlanStep.class).run(fixture.today, (processed, changed) -> { });

        assertThat(outcome.changed()).isGreaterThanOrEqualTo(2);
        assertThat(fixture.tasksOf(cases.get(0), fixture.today)).containsKey("VOICE");
        assertThat(fixture.tasksOf(cases.get(1), fixture.today)).containsKey("VOICE");
    }
}
