package org.recourse.strategy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may know of cases' treatment paths, without a signed-in user (callers acting for a person
 * pass that person's institution): the segment and variant a case is in, and the steps that fall due on a day —
 * the day the case entered its segment plus the step's day offset, within the time its assignment applied. The
 * nightly placement and contact planning join {@link #dueStepsSql()} into their own statements.
 */
@Service
public class Treatments {

    /** The columns of {@link #dueStepsSql()}, from an assignment {@code a}, its step {@code s} and template {@code t}. */
    private static final String DUE_STEP_COLUMNS = """
            a.case_id, a.strategy_id, a.version, a.segment_name, a.variant_name, a.entered_on, s.day_offset, s.action,
            s.template_id, t.channel as template_channel, null::uuid as requested_by""";

    /** The step of the assignment's path (its segment, its variant's or every variant's). */
    private static final String STEP_OF_ASSIGNMENT = """
            s.strategy_id = a.strategy_id and s.version = a.version and s.segment_position = a.segment_position
            and (s.variant_position is null or s.variant_position = a.variant_position)""";

    /** The assignment {@code a} applied on the day. */
    private static final String APPLIED = """
            a.applies_from <= cast(:date as date) and (a.until is null or cast(:date as date) < a.until)""";

    /** The step {@code s} of the assignment's stay not adjusted by any of the kinds {@code %s}. */
    private static final String NOT_ADJUSTED = """
            not exists (select 1 from strategy.path_adjustment k
                         where k.kind in (%s) and k.institution_id = a.institution_id and k.case_id = a.case_id
                           and k.entered_on = a.entered_on and k.day_offset = s.day_offset)""";

    /**
     * The due steps of a day. Not delayed: the assignments that entered on a day that some step's offset leads to the
     * date — the few (strategy, entry day) pairs first, each a range of {@code case_segment_entered_idx}, every row
     * read once (the {@code offset 0} keeps the planner from probing the index again for each step) and hash-joined
     * to its path's steps of that offset. Delayed: from the institution's delays (few, each a look-up of its
     * assignment). Requested visits and reviews: from the requests of the day.
     */
    private static final String DUE_STEPS_SQL = """
            select %1$s
              from (select a.*
                      from (select distinct s.strategy_id, cast(:date as date) - s.day_offset as entered_on
                              from strategy.step s
                             where s.strategy_id in (select id from strategy.strategy
                                                      where institution_id = :institution)%6$s) e
                      join strategy.case_segment a
                        on a.institution_id = :institution and a.strategy_id = e.strategy_id
                       and a.entered_on = e.entered_on
                     where %3$s
                    offset 0) a
              join strategy.step s on %2$s and s.day_offset = cast(:date as date) - a.entered_on
              left join strategy.template t on t.id = s.template_id
             where %4$s
            union all
            select %1$s
              from (select case_id, entered_on, day_offset, sum(days)::integer as days
                      from strategy.path_adjustment
                     where kind = 'DELAY' and institution_id = :institution
                     group by case_id, entered_on, day_offset) d
              join strategy.case_segment a
                on a.institution_id = :institution and a.case_id = d.case_id and a.entered_on = d.entered_on
              join strategy.step s on %2$s and s.day_offset = d.day_offset
              left join strategy.template t on t.id = s.template_id
             where d.entered_on + d.day_offset + d.days = cast(:date as date) and %3$s and %5$s
            union all
            select a.case_id, a.strategy_id, a.version, a.segment_name, a.variant_name, a.entered_on,
                   r.due_on - a.entered_on, case r.kind when 'REQUEST_VISIT' then 'FIELD_VISIT' else 'LEGAL_REVIEW' end,
                   null::uuid, null::text, r.id
              from strategy.path_adjustment r
              join strategy.case_segment a on a.institution_id = r.institution_id and a.case_id = r.case_id
                                          and a.entered_on = r.entered_on and a.applies_from <= r.due_on
                                          and (a.until is null or r.due_on < a.until)
             where r.institution_id = :institution and r.due_on = cast(:date as date)
               and r.kind in ('REQUEST_VISIT', 'REQUEST_LEGAL_REVIEW')
            """;

    private static String dueSteps(String onlyStepsOf) {
        return DUE_STEPS_SQL.formatted(DUE_STEP_COLUMNS, STEP_OF_ASSIGNMENT, APPLIED,
                NOT_ADJUSTED.formatted("'SKIP', 'DELAY'"), NOT_ADJUSTED.formatted("'SKIP'"), onlyStepsOf);
    }

    private final JdbcClient jdbc;

    Treatments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The strategy version, segment and variant that applied to a case from {@code since}, entered on {@code enteredOn}. */
    public record Assignment(UUID caseId, UUID strategyId, int version, String segment, @Nullable String variant,
            LocalDate enteredOn, LocalDate since, @Nullable LocalDate until) {
    }

    /** A step of a case's path due on a day; {@code templateId} and its channel only for SMS, EMAIL and LETTER. */
    public record DueStep(UUID caseId, UUID strategyId, int version, String segment, @Nullable String variant,
            LocalDate enteredOn, int dayOffset, Action action, @Nullable UUID templateId,
            @Nullable TemplateChannel channel) {
    }

    /** The institutions with a strategy activated from {@code date} or earlier: those whose cases have paths that day. */
    @Transactional(readOnly = true)
    public List<UUID> institutions(LocalDate date) {
        return jdbc.sql("select distinct institution_id from strategy.activation where active_from <= :day order by 1")
                .param("day", date).query(UUID.class).list();
    }

    /** The assignment that applied to the institution's case on {@code date}, as the nightly step recorded it. */
    @Transactional(readOnly = true)
    public Optional<Assignment> on(UUID institution, UUID caseId, LocalDate date) {
        return jdbc.sql("""
                select case_id, strategy_id, version, segment_name, variant_name, entered_on, applies_from, until
                  from strategy.case_segment
                 where institution_id = :institution and case_id = :case and applies_from <= :date
                   and (until is null or until > :date)
                """)
                .param("institution", institution).param("case", caseId).param("date", date)
                .query((row, n) -> new Assignment(row.getObject("case_id", UUID.class),
                        row.getObject("strategy_id", UUID.class), row.getInt("version"), row.getString("segment_name"),
                        row.getString("variant_name"), row.getObject("entered_on", LocalDate.class),
                        row.getObject("applies_from", LocalDate.class), row.getObject("until", LocalDate.class)))
                .optional();
    }

    /** Every assignment the case had, oldest first. */
    @Transactional(readOnly = true)
    public List<Assignment> history(UUID institution, UUID caseId) {
        return jdbc.sql("""
                select case_id, strategy_id, version, segment_name, variant_name, entered_on, applies_from, until
                  from strategy.case_segment
                 where institution_id = :institution and case_id = :case order by applies_from
                """)
                .param("institution", institution).param("case", caseId)
                .query((row, n) -> new Assignment(row.getObject("case_id", UUID.class),
                        row.getObject("strategy_id", UUID.class), row.getInt("version"), row.getString("segment_name"),
                        row.getString("variant_name"), row.getObject("entered_on", LocalDate.class),
                        row.getObject("applies_from", LocalDate.class), row.getObject("until", LocalDate.class)))
                .list();
    }

    /**
     * SQL selecting the steps due on a day for all of an institution's cases, with the named parameters
     * {@code institution} and {@code date}: {@code case_id, strategy_id, version, segment_name, variant_name,
     * entered_on, day_offset, action, template_id, template_channel, requested_by} (the path adjustment that
     * requested a visit or review, else null), with the case's {@link PathAdjustments} applied. A step whose day passed without a run is not
     * due later: the planner runs every night (the daily run catches up missed dates in order).
     *
     * <p>The same rows as the view {@code strategy.due_step} for that day (its definition; a test holds them equal),
     * found from the day instead of filtered by it: a step of offset n not moved by a delay is due for the
     * assignments that entered on the day less n. The view computes every assignment's due days and can only be
     * filtered after reading the institution's whole history, which grows every night.
     */
    public String dueStepsSql() {
        return dueSteps("");
    }

    /**
     * {@link #dueStepsSql()}'s rows of one action: the entry days only its steps' offsets lead to are read (placement
     * reads two entry days' assignments for its steps instead of every step's five in the benchmark's strategy). The
     * outer filter is for the delayed steps and the requests, which are read by their own rows.
     */
    public String dueStepsSql(Action action) {
        return "select * from (" + dueSteps(" and s.action = '" + action.name() + "'") + ") d where d.action = '"
                + action.name() + "'";
    }

    /** The steps due on a day, by case; for small institutions and tests — planners at volume join {@link #dueStepsSql()}. */
    @Transactional(readOnly = true)
    public List<DueStep> dueSteps(UUID institution, LocalDate date) {
        return jdbc.sql(dueStepsSql() + " order by case_id, day_offset, action")
                .param("institution", institution).param("date", date)
                .query((row, n) -> {
                    String channel = row.getString("template_channel");
                    return new DueStep(row.getObject("case_id", UUID.class), row.getObject("strategy_id", UUID.class),
                            row.getInt("version"), row.getString("segment_name"), row.getString("variant_name"),
                            row.getObject("entered_on", LocalDate.class), row.getInt("day_offset"),
                            Action.valueOf(row.getString("action")), row.getObject("template_id", UUID.class),
                            channel == null ? null : TemplateChannel.valueOf(channel));
                })
                .list();
    }
}
