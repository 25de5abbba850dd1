package org.recourse.contact;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.recourse.allocation.CaseHolders;
import org.recourse.cases.ContactTargets;
import org.recourse.compliance.ContactHistory;
import org.recourse.daily.DailyStep;
import org.recourse.daily.NightParts;
import org.recourse.daily.StepOutcome;
import org.recourse.daily.StepProgress;
import org.recourse.shared.TimeOrderedIds;
import org.recourse.shared.db.BulkMemory;
import org.recourse.shared.db.TransactionLocks;
import org.recourse.strategy.Treatments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The night's contact plan (order 500, after strategy and allocation): for each institution with a strategy, the
 * steps due on the business date ({@link Treatments#dueStepsSql()}, path adjustments applied) turned into tasks,
 * set-based, in parts of the cases worked at once ({@link NightParts}: one per core), each part in one transaction:
 * <ol>
 * <li>the due steps of the date of the part's cases into a temporary table, analysed, less those a run of the same
 * date planned already (a rerun finds them all planned, and after a crash the parts that committed find theirs);</li>
 * <li>the contact points of the cases that need one: the ids are keyed hashes of encrypted values, which only
 * {@code cases} computes; it keeps them per account ({@link ContactTargets#plannedPointsSql}), so they are joined in
 * one statement. Only cases never planned before, or loaded again with other contents since, are computed first
 * ({@link ContactTargets#refreshPlannedPoints}, in chunks of {@value #CHUNK} cases) — the only pass through Java;</li>
 * <li>the plan (first valid mobile, address, holder), the day's counts from it and ONE {@code insert … select}
 * into {@code contact.task}, in one statement (the plan a CTE held in memory); the tasks in case order, with ids
 * that ascend (UUID version 7 of the moment, a counter in the low bits: RFC 9562 §6.2 method 2) and indexes that
 * start with the date and go on by case and step (V29), so that the inserts land at the right edge of every index
 * instead of all over them. There is no {@code on conflict} (a speculative insertion per row): the steps planned
 * already left {@code contact_due} in step 1, under the part's lock;</li>
 * <li>the day's count of tasks planned, raised in the part's transaction.</li>
 * </ol>
 * Then the day's record gets the steps passed over by reason, the sum of the parts (each rerun counts them again:
 * they were not planned).
 * VOICE and SMS go to the borrower's first mobile no attempt found to be a wrong number, LETTER and FIELD_VISIT to the
 * borrower's address, EMAIL to the borrower's e-mail address (the optional {@code email} column of intake); a case
 * without the point its step needs is passed over and counted. INTERNAL_QUEUE and LEGAL_REVIEW
 * become queue tasks of the institution; PLACE_WITH_AGENCY is placement's, not a task. Holds do not stop planning:
 * a task of a held case exists and the compliance decision its execution needs denies it, with the hold as reason.
 */
@Component
class ContactPlanStep implements DailyStep {

    static final int CHUNK = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ContactPlanStep.class);

    private final JdbcClient jdbc;
    private final Treatments treatments;
    private final ContactTargets targets;
    private final CaseHolders holders;
    private final ContactHistory history;
    private final NightParts parts;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TimeOrderedIds ids = new TimeOrderedIds();
    private final SecureRandom random = new SecureRandom();

    ContactPlanStep(JdbcClient jdbc, Treatments treatments, ContactTargets targets, CaseHolders holders,
            ContactHistory history, NightParts parts, TransactionTemplate transactions, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.treatments = treatments;
        this.targets = targets;
        this.holders = holders;
        this.history = history;
        this.parts = parts;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "contact-plan";
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public StepOutcome run(LocalDate businessDate, StepProgress progress) {
        long processed = 0;
        long changed = 0;
        for (UUID institution : treatments.institutions(businessDate)) {
            Plan plan = plan(institution, businessDate);
            processed += plan.dueSteps();
            changed += plan.planned();
            progress.update(processed, changed);
        }
        return new StepOutcome(processed, changed);
    }

    /** What one institution's plan for a date did: steps due and not yet planned, tasks written, steps passed over. */
    record Plan(long dueSteps, long planned, long skippedNoMobile, long skippedNoAddress, long skippedNoEmail) {

        static final Plan NOTHING = new Plan(0, 0, 0, 0, 0);

        Plan plus(Plan other) {
            return new Plan(dueSteps + other.dueSteps, planned + other.planned,
                    skippedNoMobile + other.skippedNoMobile, skippedNoAddress + other.skippedNoAddress,
                    skippedNoEmail + other.skippedNoEmail);
        }
    }

    /** Plans one institution's business date, its parts at once; a repeated date plans nothing twice. */
    Plan plan(UUID institution, LocalDate businessDate) {
        long started = System.nanoTime();
        Plan plan = parts.each("contact-plan", part -> planPart(institution, businessDate, part)).stream()
                .reduce(Plan.NOTHING, Plan::plus);
        transactions.executeWithoutResult(status -> recordDay(institution, businessDate, plan));
        log.info("contact plan {} {}: {} in {} ms", institution, businessDate, plan,
                (System.nanoTime() - started) / 1_000_000);
        return plan;
    }

    /** One part of the cases, in one transaction: what it planned is committed with the day's count of tasks. */
    Plan planPart(UUID institution, LocalDate businessDate, NightParts.Part part) {
        return transactions.execute(status -> planInTransaction(institution, businessDate, part));
    }

    private Plan planInTransaction(UUID institution, LocalDate date, NightParts.Part part) {
        TransactionLocks.exclusive(jdbc, "contact-plan:" + institution + ":" + part.index() + "/" + part.count());
        // The night's sorts and hashes (the due steps, the points, the plan: up to a row per case) in memory rather
        // than in temporary files; for this transaction only.
        BulkMemory.forThisTransaction(jdbc);
        part.forThisTransaction(jdbc);
        long started = System.nanoTime();
        // The due steps read whole and then the part's taken: the hash filter inside the read is estimated at 0.5 %
        // of the rows and turns its hash joins into nested loops (0.99–1.16 s for half the steps against 0.69 s).
        jdbc.sql("""
                create temp table contact_due on commit drop as
                with due as materialized (%s)
                select s.case_id, s.strategy_id, s.version, s.segment_name, s.variant_name, s.entered_on,
                       s.day_offset, s.action, s.template_id,
                       s.action || ':' || s.day_offset || ':' || coalesce(cast(s.template_id as text), '-')
                           || ':' || coalesce(cast(s.requested_by as text), '-') as step_key
                  from due s
                 where s.action <> 'PLACE_WITH_AGENCY' and %s
                """.formatted(treatments.dueStepsSql(), part.casesOf("s.case_id")))
                .param("institution", institution).param("date", date).update();
        // Analysed before it is joined: without statistics the planner takes it for a row or two and probes the
        // tasks with a nested loop (seen: minutes for a repeated night of 400,000 steps).
        jdbc.sql("analyze contact_due").update();
        // What a run of the same date planned already is not planned again (and its points not read again).
        jdbc.sql("""
                delete from contact_due d
                 using contact.task t
                 where t.institution_id = :institution and t.business_date = cast(:date as date)
                   and t.case_id = d.case_id and t.step_key = d.step_key
                """)
                .param("institution", institution).param("date", date).update();
        long due = System.nanoTime();
        long computed = computeMissingPoints(institution);
        long points = System.nanoTime();
        // The plan (each due step with the case's first valid mobile, address, e-mail and holder), the insert and
        // the day's counts in one statement: the plan is a CTE read twice, kept in memory (BulkMemory's work_mem)
        // instead of a temporary table written, read back by the insert and read again for the counts.
        // Placements as they stand for the day the tasks are worked (the day after the business date). In case and
        // step order, each (case, step) once: a due step listed twice (two equal steps of a path) is one task, as
        // the unique key would have it. The steps planned already were taken out of contact_due above, under the
        // part's lock, so the insert has no conflict to look for and appends to every index it has.
        var counts = jdbc.sql("""
                with wrong as (
                    select x.contact_point_id as point_id from (%3$s) x where x.contact_point_id is not null),
                plan as (
                    -- Each step with the points of its kind only: the first mobile no attempt found to be a wrong
                    -- number (the first one, unless the few wrong numbers hold it: a hashed look-up per step), the
                    -- address, the e-mail address; and who holds the case.
                    select d.*,
                           case when d.action not in ('VOICE', 'SMS') or coalesce(cardinality(k.mobiles), 0) = 0
                                    then null
                                when k.mobiles[1] not in (select w.point_id from wrong w) then k.mobiles[1]
                                else (select u.point_id from unnest(k.mobiles) with ordinality u(point_id, ordinal)
                                       where u.point_id not in (select w.point_id from wrong w)
                                       order by u.ordinal limit 1) end as mobile,
                           case when d.action in ('LETTER', 'FIELD_VISIT') then k.address end as address,
                           case when d.action = 'EMAIL' then k.email end as email,
                           h.agency_id, h.collector_id
                      from contact_due d
                      left join (%1$s) k on k.case_id = d.case_id
                      left join (%2$s) h on h.account_id = d.case_id),
                inserted as (
                    insert into contact.task (id, institution_id, case_id, business_date, step_key, kind, action,
                           channel, contact_point_id, template_id, strategy_id, version, segment_name, variant_name,
                           entered_on, day_offset, holder, agency_id, collector_id, planned_at)
                    select cast(:idPrefix || '8' || lpad(to_hex(:idStart + row_number() over (order by p.case_id,
                                                                                               p.step_key)),
                                                          15, '0') as uuid),
                           :institution, p.case_id, cast(:date as date), p.step_key,
                           case when p.queue then 'QUEUE' else 'CONTACT' end, p.action,
                           case p.action when 'FIELD_VISIT' then 'VISIT' when 'INTERNAL_QUEUE' then null
                                         when 'LEGAL_REVIEW' then null else p.action end,
                           case when p.action in ('VOICE', 'SMS') then p.mobile
                                when p.action in ('LETTER', 'FIELD_VISIT') then p.address
                                when p.action = 'EMAIL' then p.email end,
                           p.template_id, p.strategy_id, p.version, p.segment_name, p.variant_name, p.entered_on,
                           p.day_offset,
                           case when p.queue or p.agency_id is null then 'INSTITUTION_QUEUE'
                                when p.collector_id is not null then 'COLLECTOR' else 'AGENCY_QUEUE' end,
                           case when p.queue then null else p.agency_id end,
                           case when p.queue then null else p.collector_id end,
                           :at
                      from (select distinct on (c.case_id, c.step_key) c.*,
                                   c.action in ('INTERNAL_QUEUE', 'LEGAL_REVIEW') as queue
                              from plan c
                             where c.action in ('INTERNAL_QUEUE', 'LEGAL_REVIEW')
                                or c.action in ('VOICE', 'SMS') and c.mobile is not null
                                or c.action in ('LETTER', 'FIELD_VISIT') and c.address is not null
                                or c.action = 'EMAIL' and c.email is not null
                             order by c.case_id, c.step_key) p
                     order by p.case_id, p.step_key
                    returning 1)
                select (select count(*) from inserted) as planned, count(*) as due,
                       count(*) filter (where action in ('VOICE', 'SMS') and mobile is null) as no_mobile,
                       count(*) filter (where action in ('LETTER', 'FIELD_VISIT') and address is null) as no_address,
                       count(*) filter (where action = 'EMAIL' and email is null) as no_email
                  from plan
                """.formatted(targets.plannedPointsSql(), holders.placedSql(), history.invalidPointsSql()))
                .param("institution", institution).param("date", date).param("today", date.plusDays(1))
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("idPrefix", "%016x".formatted(ids.next(clock.millis()).getMostSignificantBits()))
                .param("idStart", random.nextLong() & ((1L << 58) - 1)).query().singleRow();
        long planned = number(counts.get("planned"));
        long inserted = System.nanoTime();
        log.debug("contact plan {} {} part {}/{}: due steps {} ms, contact points {} ms ({} computed), plan and insert"
                + " {} ms", institution, date, part.index(), part.count(), (due - started) / 1_000_000,
                (points - due) / 1_000_000, computed, (inserted - points) / 1_000_000);
        // The tasks counted with the tasks, in the same transaction (a part that committed is counted, one that did
        // not is not); the row's other counts are the whole day's, written when every part is done (recordDay).
        jdbc.sql("""
                insert into contact.plan_day (institution_id, business_date, due_steps, planned, skipped_no_mobile,
                       skipped_no_address, skipped_no_email, finished_at)
                values (:institution, :date, :planned, :planned, 0, 0, 0, :at)
                on conflict (institution_id, business_date) do update
                   set planned = contact.plan_day.planned + excluded.planned,
                       due_steps = contact.plan_day.due_steps + excluded.planned
                """)
                .param("institution", institution).param("date", date).param("planned", planned)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC)).update();
        return new Plan(number(counts.get("due")), planned, number(counts.get("no_mobile")),
                number(counts.get("no_address")), number(counts.get("no_email")));
    }

    /**
     * The day's steps passed over by reason, the sum of the parts' (a rerun finds them due again and counts them
     * anew, so they replace what an earlier run wrote), and its audit line when something was planned.
     */
    private void recordDay(UUID institution, LocalDate date, Plan plan) {
        jdbc.sql("""
                insert into contact.plan_day (institution_id, business_date, due_steps, planned, skipped_no_mobile,
                       skipped_no_address, skipped_no_email, finished_at)
                values (:institution, :date, :noMobile + :noAddress + :noEmail, 0, :noMobile, :noAddress, :noEmail, :at)
                on conflict (institution_id, business_date) do update
                   set skipped_no_mobile = excluded.skipped_no_mobile, skipped_no_address = excluded.skipped_no_address,
                       skipped_no_email = excluded.skipped_no_email,
                       due_steps = contact.plan_day.planned + excluded.due_steps,
                       finished_at = excluded.finished_at
                """)
                .param("institution", institution).param("date", date)
                .param("noMobile", plan.skippedNoMobile()).param("noAddress", plan.skippedNoAddress())
                .param("noEmail", plan.skippedNoEmail()).param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (plan.planned() > 0) {
            events.publishEvent(new ContactEvent.TasksPlanned(institution, date, plan.dueSteps(), plan.planned(),
                    plan.skippedNoMobile(), plan.skippedNoAddress(), plan.skippedNoEmail()));
        }
    }

    /**
     * Computes the contact points of the cases whose due steps need one and that {@code cases} does not keep (never
     * planned, or loaded again with other contents since), chunk by chunk in case order; {@code cases} keeps them
     * ({@link ContactTargets#refreshPlannedPoints}), so the plan then finds every case's points in
     * {@link ContactTargets#plannedPointsSql}. Answers how many cases were computed.
     */
    private long computeMissingPoints(UUID institution) {
        // Numbered, so that each chunk below is one range of contact_need's key, not a scan of every due step.
        jdbc.sql("create temp table contact_need (n bigint primary key, case_id uuid not null) on commit drop").update();
        long missing = jdbc.sql("""
                insert into contact_need (n, case_id)
                select row_number() over (order by d.case_id), d.case_id
                  from (select distinct case_id from contact_due
                         where action in ('VOICE', 'SMS', 'LETTER', 'FIELD_VISIT', 'EMAIL')) d
                 where not exists (select 1 from (%s) k where k.case_id = d.case_id)
                """.formatted(targets.plannedPointsSql())).param("institution", institution).update();
        for (long from = 0; from < missing; from += CHUNK) {
            List<UUID> chunk = jdbc.sql("select case_id from contact_need where n > :from and n <= :to")
                    .param("from", from).param("to", from + CHUNK).query(UUID.class).list();
            targets.refreshPlannedPoints(institution, chunk);
        }
        return missing;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
