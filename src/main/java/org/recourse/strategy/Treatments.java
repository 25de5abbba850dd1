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
     */
    public String dueStepsSql() {
        return """
                select case_id, strategy_id, version, segment_name, variant_name, entered_on, day_offset, action,
                       template_id, template_channel, requested_by
                  from strategy.due_step
                 where institution_id = :institution and due_on = cast(:date as date)
                """;
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
