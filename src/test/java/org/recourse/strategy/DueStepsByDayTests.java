package org.recourse.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The night reads one day's due steps from the day ({@link Treatments#dueStepsSql()}, through the index on entry
 * day); the view {@code strategy.due_step} defines them for every day at once. Over a made-up history — paths with
 * segment-wide and variant steps, two steps on one offset, assignments that moved and were re-confirmed, skips,
 * delays (some twice), requested visits and reviews, another institution's cases on the same days — both give the
 * same rows for each day.
 */
@RecourseTest
class DueStepsByDayTests {

    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 1, 2, 0, 0, 0, ZoneOffset.UTC);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Treatments treatments;

    @Test
    void theDayReadGivesTheViewsRowsForEveryDay() {
        Random random = new Random(20261126);
        UUID institution = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Path path = path(institution);
        Path othersPath = path(other);
        history(institution, path, 120, random);
        history(other, othersPath, 40, random);
        adjustments(institution, random);

        int compared = 0;
        int delayed = 0;
        int requested = 0;
        int placements = 0;
        for (LocalDate day = START.minusDays(2); day.isBefore(START.plusDays(50)); day = day.plusDays(1)) {
            List<String> byView = rows("""
                    select case_id, strategy_id, version, segment_name, variant_name, entered_on, day_offset, action,
                           template_id, template_channel, requested_by
                      from strategy.due_step where institution_id = :institution and due_on = cast(:date as date)
                    """, institution, day);
            List<String> byDay = rows(treatments.dueStepsSql(), institution, day);
            assertThat(byDay).as("due on %s", day).isEqualTo(byView);
            compared += byView.size();
            for (Action action : List.of(Action.PLACE_WITH_AGENCY, Action.SMS, Action.FIELD_VISIT)) {
                String name = "|" + action.name() + "|";
                List<String> ofAction = byView.stream().filter(row -> row.contains(name)).toList();
                assertThat(rows(treatments.dueStepsSql(action), institution, day)).as("%s due on %s", action, day)
                        .isEqualTo(ofAction);
                placements += action == Action.PLACE_WITH_AGENCY ? ofAction.size() : 0;
            }
            delayed += jdbc.sql("""
                    select count(*) from strategy.due_step d
                     where d.institution_id = :institution and d.due_on = cast(:date as date)
                       and d.due_on <> d.entered_on + d.day_offset
                    """).param("institution", institution).param("date", day).query(Integer.class).single();
            requested += (int) byView.stream().filter(row -> !row.endsWith("|null")).count();
        }
        // Not equal by being empty: the history has due steps of every kind.
        assertThat(compared).isGreaterThan(300);
        assertThat(placements).isGreaterThan(10);
        assertThat(delayed).isGreaterThan(10);
        assertThat(requested).isGreaterThan(10);
    }

    /** The rows of a due-step query for the day, as comparable text, in one order. */
    private List<String> rows(String sql, UUID institution, LocalDate day) {
        return jdbc.sql("select concat_ws('|', case_id, strategy_id, version, segment_name, coalesce(variant_name, '-'),"
                + " entered_on, day_offset, action, coalesce(template_id::text, '-'), coalesce(template_channel, '-'),"
                + " coalesce(requested_by::text, 'null')) as row from (" + sql + ") d order by 1")
                .param("institution", institution).param("date", day).query(String.class).list();
    }

    /** A strategy version of three segments: the first with two variants, the second with a path, the third none. */
    private record Path(UUID strategy, UUID template) {
    }

    private Path path(UUID institution) {
        UUID strategy = UUID.randomUUID();
        UUID template = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        jdbc.sql("""
                insert into strategy.template (id, institution_id, name, channel, recipient, body, screening_outcome,
                    findings, terms_version, created_at, created_by)
                values (:id, :institution, '提醒', 'SMS', 'BORROWER', '您的账单已逾期。', 'ALLOW', '[]', '1', :now, :user)
                """).param("id", template).param("institution", institution).param("now", NOW).param("user", user)
                .update();
        jdbc.sql("insert into strategy.strategy (id, institution_id, created_at, created_by) values (:id, :i, :now, :u)")
                .param("id", strategy).param("i", institution).param("now", NOW).param("u", user).update();
        jdbc.sql("""
                insert into strategy.version (strategy_id, version, institution_id, name, definition, created_at, created_by)
                values (:s, 1, :i, '测试', '{}', :now, :u)
                """).param("s", strategy).param("i", institution).param("now", NOW).param("u", user).update();
        for (int segment = 0; segment < 3; segment++) {
            jdbc.sql("insert into strategy.segment (strategy_id, version, position, name) values (:s, 1, :p, :n)")
                    .param("s", strategy).param("p", segment).param("n", "S" + segment).update();
        }
        for (int variant = 0; variant < 2; variant++) {
            jdbc.sql("""
                    insert into strategy.variant (strategy_id, version, segment_position, position, name, percent,
                        slot_from, slot_to) values (:s, 1, 0, :p, :n, 50, :from, :to)
                    """).param("s", strategy).param("p", variant).param("n", variant == 0 ? "champion" : "challenger")
                    .param("from", variant * 50).param("to", variant * 50 + 50).update();
        }
        // segment, variant (null: every variant's), offset, action, with the template
        step(strategy, 0, null, 0, "VOICE", null);
        step(strategy, 0, 0, 1, "SMS", template);
        step(strategy, 0, 0, 3, "PLACE_WITH_AGENCY", null);
        step(strategy, 0, 1, 0, "SMS", template);
        step(strategy, 0, 1, 2, "VOICE", null);
        step(strategy, 0, 1, 2, "LETTER", null);
        step(strategy, 1, null, 0, "SMS", template);
        step(strategy, 1, null, 5, "VOICE", null);
        return new Path(strategy, template);
    }

    private void step(UUID strategy, int segment, Integer variant, int offset, String action, UUID template) {
        jdbc.sql("""
                insert into strategy.step (strategy_id, version, segment_position, variant_position, position,
                    day_offset, action, template_id)
                values (:s, 1, :segment, :variant, :offset, :offset, :action, :template)
                """).param("s", strategy).param("segment", segment).param("variant", variant).param("offset", offset)
                .param("action", action).param("template", template).update();
    }

    /**
     * Each case's assignments, one after the other from a day in the first ten: a new segment (a new entry day) or
     * the same one confirmed again (its entry day carried), the last still applying or ended.
     */
    private void history(UUID institution, Path path, int cases, Random random) {
        for (int n = 0; n < cases; n++) {
            // From the seeded draws, so that the history, its adjustments and the counts below are the same every run.
            UUID caseId = new UUID(random.nextLong(), random.nextLong());
            LocalDate from = START.plusDays(random.nextInt(10));
            LocalDate entered = from;
            int segment = random.nextInt(3);
            int rows = 1 + random.nextInt(4);
            for (int row = 0; row < rows; row++) {
                LocalDate until = row == rows - 1 && random.nextBoolean() ? null : from.plusDays(1 + random.nextInt(9));
                Integer variant = segment == 0 ? random.nextInt(2) : null;
                jdbc.sql("""
                        insert into strategy.case_segment (institution_id, case_id, applies_from, until, entered_on,
                            strategy_id, version, segment_position, segment_name, variant_position, variant_name,
                            outstanding_at_entry)
                        values (:i, :c, :from, :until, :entered, :s, 1, :segment, :name, :variant, :variantName, 100)
                        """).param("i", institution).param("c", caseId).param("from", from).param("until", until)
                        .param("entered", entered).param("s", path.strategy()).param("segment", segment)
                        .param("name", "S" + segment).param("variant", variant)
                        .param("variantName", variant == null ? null : variant == 0 ? "champion" : "challenger")
                        .update();
                if (until == null) {
                    break;
                }
                from = until;
                if (random.nextInt(3) > 0) {
                    segment = random.nextInt(3);
                    entered = from;
                }
            }
        }
    }

    /** Skips, delays (a step delayed twice now and then) and requests on a third of the stays. */
    private void adjustments(UUID institution, Random random) {
        List<Object[]> stays = new ArrayList<>(jdbc.sql("""
                select distinct case_id, entered_on from strategy.case_segment where institution_id = :i
                 order by case_id, entered_on
                """).param("i", institution).query((row, n) -> new Object[] {row.getObject("case_id", UUID.class),
                        row.getObject("entered_on", LocalDate.class)}).list());
        for (Object[] stay : stays) {
            int kind = random.nextInt(9);
            UUID caseId = (UUID) stay[0];
            LocalDate entered = (LocalDate) stay[1];
            int offset = new int[] {0, 1, 2, 3, 5}[random.nextInt(5)];
            switch (kind) {
                case 0 -> adjust(institution, caseId, entered, "SKIP", offset, null, null);
                case 1, 2 -> {
                    adjust(institution, caseId, entered, "DELAY", offset, 1 + random.nextInt(4), null);
                    if (kind == 2) {
                        adjust(institution, caseId, entered, "DELAY", offset, 1 + random.nextInt(3), null);
                    }
                }
                case 3 -> adjust(institution, caseId, entered, random.nextBoolean() ? "REQUEST_VISIT"
                        : "REQUEST_LEGAL_REVIEW", null, null, entered.plusDays(random.nextInt(8)));
                default -> {
                }
            }
        }
    }

    private void adjust(UUID institution, UUID caseId, LocalDate entered, String kind, Integer offset, Integer days,
            LocalDate due) {
        jdbc.sql("""
                insert into strategy.path_adjustment (id, institution_id, case_id, kind, entered_on, day_offset, days,
                    due_on, reason, actor_organisation_id, actor_user_id, created_at)
                values (:id, :i, :c, :kind, :entered, :offset, :days, :due, '借款人反馈', :i, :i, :now)
                """).param("id", UUID.randomUUID()).param("i", institution).param("c", caseId).param("kind", kind)
                .param("entered", entered).param("offset", offset).param("days", days).param("due", due)
                .param("now", NOW).update();
    }
}
