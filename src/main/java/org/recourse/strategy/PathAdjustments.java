package org.recourse.strategy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseProfiles;
import org.recourse.shared.AuditableEvent.Actor;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adjustments of a case's treatment path from the borrower's feedback: skip the steps at a day offset, delay them by
 * some days (in all at most the strategy's {@code maxDelayDays}, 7 when it names none), or request a field visit or
 * a legal review, due on the institution's today. Each has a reason and is kept for good; {@code strategy.due_step}
 * reads them, so {@link Treatments#dueStepsSql()} — the contact plan, placement — sees the adjusted path. Who may
 * adjust which case is decided by the caller (the collector workbench); this checks the path.
 */
@Service
public class PathAdjustments {

    private static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final Treatments treatments;
    private final CaseProfiles cases;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    PathAdjustments(JdbcClient jdbc, Treatments treatments, CaseProfiles cases, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.treatments = treatments;
        this.cases = cases;
        this.events = events;
        this.clock = clock;
    }

    public enum Kind { SKIP, DELAY, REQUEST_VISIT, REQUEST_LEGAL_REVIEW }

    /** A request as it came; every field may be missing or wrong. */
    public record Adjust(@Nullable String kind, @Nullable Integer stepDayOffset, @Nullable Integer days,
            @Nullable String reason) {
    }

    /** An adjustment as kept: the stay it belongs to (entered on), the steps' offset, the delay, the request's day. */
    public record Adjustment(UUID id, UUID caseId, Kind kind, LocalDate enteredOn, @Nullable Integer dayOffset,
            @Nullable Integer days, @Nullable LocalDate dueOn, String reason, UUID actorOrganisationId,
            UUID actorUserId, Instant at) {
    }

    /**
     * Adjusts the path of the institution's case as the actor asked. 400 for a malformed request, 422 for one the path
     * refuses: {@code path_adjustment.no_path} (the case is in no segment today), {@code .step_unknown} (no step at that
     * offset), {@code .step_skipped}, {@code .step_passed} (its day is before today: already planned),
     * {@code .delay_too_long}.
     */
    @Transactional
    public Adjustment adjust(UUID institution, UUID caseId, Adjust request, Actor actor) {
        FieldChecks checks = new FieldChecks();
        Kind kind = null;
        if (request.kind() == null) {
            checks.reject("kind", "required");
        } else {
            try {
                kind = Kind.valueOf(request.kind());
            } catch (IllegalArgumentException e) {
                checks.reject("kind", "path_adjustment.kind_unknown");
            }
        }
        String reason = checks.text("reason", request.reason(), 1, MAX_REASON);
        boolean onStep = kind == Kind.SKIP || kind == Kind.DELAY;
        if (onStep) {
            checks.check("stepDayOffset", request.stepDayOffset() != null, "required");
            checks.check("stepDayOffset", request.stepDayOffset() == null || request.stepDayOffset() >= 0, "path_adjustment.step_unknown");
        }
        if (kind == Kind.DELAY) {
            checks.check("days", request.days() != null, "required");
            checks.check("days", request.days() == null || request.days() >= 1, "path_adjustment.days_range");
        }
        if (checks.hasErrors()) {
            throw PathAdjustmentProblem.refused(checks.errors());
        }
        Instant now = clock.instant();
        LocalDate today = cases.today(institution, now);
        // One adjustment of a case at a time, so that delays are added up against the maximum without a race.
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(cast(:case as text), 19))").param("case", caseId)
                .query().listOfRows();
        Treatments.Assignment stay = treatments.on(institution, caseId, today)
                .orElseThrow(() -> PathAdjustmentProblem.refused("caseId", "path_adjustment.no_path"));
        Integer dayOffset = onStep ? request.stepDayOffset() : null;
        Integer days = kind == Kind.DELAY ? request.days() : null;
        LocalDate dueOn = onStep ? null : today;
        if (onStep) {
            checkStep(institution, caseId, stay, dayOffset, days, today);
        }
        Adjustment adjustment = new Adjustment(ids.next(now.toEpochMilli()), caseId, kind, stay.enteredOn(), dayOffset,
                days, dueOn, reason, actor.organisationId(), actor.userId(), now);
        jdbc.sql("""
                insert into strategy.path_adjustment (id, institution_id, case_id, kind, entered_on, day_offset, days,
                       due_on, reason, actor_organisation_id, actor_user_id, created_at)
                values (:id, :institution, :case, :kind, :enteredOn, :dayOffset, :days, :dueOn, :reason, :org, :user, :at)
                """)
                .param("id", adjustment.id()).param("institution", institution).param("case", caseId)
                .param("kind", kind.name()).param("enteredOn", stay.enteredOn()).param("dayOffset", dayOffset)
                .param("days", days).param("dueOn", dueOn).param("reason", reason)
                .param("org", actor.organisationId()).param("user", actor.userId()).param("at", now.atOffset(ZoneOffset.UTC))
                .update();
        events.publishEvent(new StrategyEvent.PathAdjusted(institution, caseId, adjustment.id(), kind.name(),
                dayOffset, days, dueOn, reason, actor));
        return adjustment;
    }

    private void checkStep(UUID institution, UUID caseId, Treatments.Assignment stay, int dayOffset,
            @Nullable Integer days, LocalDate today) {
        Boolean known = jdbc.sql("""
                select exists (select 1 from strategy.case_segment a
                                 join strategy.step s on s.strategy_id = a.strategy_id and s.version = a.version
                                                     and s.segment_position = a.segment_position
                                                     and (s.variant_position is null or s.variant_position = a.variant_position)
                                where a.institution_id = :institution and a.case_id = :case and a.applies_from = :since
                                  and s.day_offset = :offset)
                """)
                .param("institution", institution).param("case", caseId).param("since", stay.since())
                .param("offset", dayOffset).query(Boolean.class).single();
        if (!Boolean.TRUE.equals(known)) {
            throw PathAdjustmentProblem.refused("stepDayOffset", "path_adjustment.step_unknown");
        }
        var earlier = jdbc.sql("""
                select bool_or(kind = 'SKIP') as skipped, coalesce(sum(days), 0) as delayed
                  from strategy.path_adjustment
                 where institution_id = :institution and case_id = :case and entered_on = :enteredOn
                   and day_offset = :offset
                """)
                .param("institution", institution).param("case", caseId).param("enteredOn", stay.enteredOn())
                .param("offset", dayOffset).query().singleRow();
        if (Boolean.TRUE.equals(earlier.get("skipped"))) {
            throw PathAdjustmentProblem.refused("stepDayOffset", "path_adjustment.step_skipped");
        }
        int delayed = ((Number) earlier.get("delayed")).intValue();
        if (stay.enteredOn().plusDays((long) dayOffset + delayed).isBefore(today)) {
            throw PathAdjustmentProblem.refused("stepDayOffset", "path_adjustment.step_passed");
        }
        if (days != null && delayed + days > maxDelayDays(stay)) {
            throw PathAdjustmentProblem.refused("days", "path_adjustment.delay_too_long");
        }
    }

    /** The longest delay of one step the strategy version of the stay allows in all. */
    int maxDelayDays(Treatments.Assignment stay) {
        Integer max = jdbc.sql("""
                select cast(definition ->> 'maxDelayDays' as integer) from strategy.version
                 where strategy_id = :strategy and version = :version
                """)
                .param("strategy", stay.strategyId()).param("version", stay.version()).query(Integer.class)
                .optional().orElse(null);
        return max == null ? StrategyDefinition.DEFAULT_MAX_DELAY_DAYS : max;
    }

    /** The adjustments of the institution's case, newest first. */
    @Transactional(readOnly = true)
    public List<Adjustment> history(UUID institution, UUID caseId) {
        return jdbc.sql("""
                select id, case_id, kind, entered_on, day_offset, days, due_on, reason, actor_organisation_id,
                       actor_user_id, created_at
                  from strategy.path_adjustment
                 where institution_id = :institution and case_id = :case order by seq desc
                """)
                .param("institution", institution).param("case", caseId)
                .query((row, n) -> new Adjustment(row.getObject("id", UUID.class), row.getObject("case_id", UUID.class),
                        Kind.valueOf(row.getString("kind")), row.getObject("entered_on", LocalDate.class),
                        (Integer) row.getObject("day_offset"), (Integer) row.getObject("days"),
                        row.getObject("due_on", LocalDate.class), row.getString("reason"),
                        row.getObject("actor_organisation_id", UUID.class), row.getObject("actor_user_id", UUID.class),
                        row.getTimestamp("created_at").toInstant()))
                .list();
    }
}
