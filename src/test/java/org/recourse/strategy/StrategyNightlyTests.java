package org.recourse.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.recourse.strategy.StrategyFixture.segment;
import static org.recourse.strategy.StrategyFixture.step;
import static org.recourse.strategy.StrategyFixture.strategy;
import static org.recourse.strategy.StrategyFixture.variant;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.cases.CaseProfiles;
import org.recourse.cases.NightlyRun;
import org.recourse.daily.NightParts;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.strategy.StrategyFixture.Account;
import org.recourse.strategy.Treatments.Assignment;
import org.recourse.strategy.Treatments.DueStep;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The nightly strategy step on cases loaded through intake: each open case in the first segment it matches, its
 * variant by a stable hash of its id, a row only when that changes, the day it entered counting the steps'
 * offsets; repeating a date writes nothing; the results compare variants by what was paid down and the contacts
 * the compliance ledger recorded.
 */
@RecourseTest
class StrategyNightlyTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SegmentationStep step;

    @Autowired
    Treatments treatments;

    @Autowired
    CaseProfiles profiles;

    @Autowired
    ApplicationContext context;

    private StrategyFixture fixture;
    private UUID institution;

    @BeforeEach
    void anInstitution() {
        fixture = new StrategyFixture(port, jdbc);
        institution = fixture.institution.id();
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void eachOpenCaseFallsInTheFirstSegmentItMatchesAndItsStepsFallDueFromTheDayItEntered() {
        LocalDate today = fixture.today;
        List<UUID> cases = fixture.load(List.of(
                new Account("现金贷", "广东省", 10, "1000"),      // 0: M1 → 早期
                new Account("现金贷", "湖南省", 45, "20000"),     // 1: large → 大额
                new Account("消费分期", "广东省", 45, "500"),     // 2: 广东
                new Account("消费分期", "北京市", 100, "500"),    // 3: 其他
                new Account("现金贷", null, 200, "500"),          // 4: 其他 (no province)
                new Account("现金贷", "广东省", 10, "800")));     // 5: closed: none
        Response closed = fixture.post("/api/v1/cases/" + cases.get(5) + "/status",
                Map.of("status", "CLOSED", "reason", "已核销"), fixture.admin());
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        UUID sms = fixture.template("提醒", "SMS");
        UUID letter = fixture.template("函", "LETTER");
        UUID id = fixture.create(strategy("全量", List.of(
                segment("早期", Map.of("buckets", List.of("M1")), List.of(step(0, "SMS", sms), step(3, "VOICE", null)),
                        List.of()),
                segment("大额", Map.of("minOutstanding", 10000), List.of(step(0, "PLACE_WITH_AGENCY", null)), List.of()),
                segment("广东", Map.of("provinces", List.of("广东省")), List.of(step(1, "LETTER", letter)), List.of()),
                segment("其他", Map.of(), List.of(step(0, "INTERNAL_QUEUE", null)), List.of(
                        variant("A", 50, List.of(step(2, "VOICE", null))),
                        variant("B", 50, List.of(step(2, "LEGAL_REVIEW", null))))))));
        assertThat(fixture.activate(id, today).status()).isEqualTo(200);
        NightlyRun.run(context, institution, today);

        long[] first = step.segment(institution, today);
        assertThat(first).containsExactly(5, 5);
        assertThat(segmentOf(cases.get(0), today)).isEqualTo("早期");
        assertThat(segmentOf(cases.get(1), today)).isEqualTo("大额");
        assertThat(segmentOf(cases.get(2), today)).isEqualTo("广东");
        assertThat(segmentOf(cases.get(3), today)).isEqualTo("其他");
        assertThat(segmentOf(cases.get(4), today)).isEqualTo("其他");
        assertThat(treatments.on(institution, cases.get(5), today)).isEmpty();
        Assignment third = treatments.on(institution, cases.get(3), today).orElseThrow();
        assertThat(third.variant()).isEqualTo(slot(cases.get(3)) < 50 ? "A" : "B");
        assertThat(third.enteredOn()).isEqualTo(today);
        assertThat(third.version()).isEqualTo(1);
        assertThat(third.strategyId()).isEqualTo(id);

        Map<UUID, List<String>> dueToday = due(today);
        assertThat(dueToday).containsOnlyKeys(cases.get(0), cases.get(1), cases.get(3), cases.get(4));
        assertThat(dueToday.get(cases.get(0))).containsExactly("SMS");
        assertThat(dueToday.get(cases.get(1))).containsExactly("PLACE_WITH_AGENCY");
        DueStep text = treatments.dueSteps(institution, today).stream()
                .filter(due -> due.caseId().equals(cases.get(0))).findFirst().orElseThrow();
        assertThat(text.templateId()).isEqualTo(sms);
        assertThat(text.channel()).isEqualTo(TemplateChannel.SMS);
        assertThat(due(today.plusDays(1))).containsExactly(Map.entry(cases.get(2), List.of("LETTER")));
        assertThat(due(today.plusDays(2)).get(cases.get(3))).containsExactly(third.variant().equals("A") ? "VOICE"
                : "LEGAL_REVIEW");
        assertThat(due(today.plusDays(3))).containsExactly(Map.entry(cases.get(0), List.of("VOICE")));

        // The same date again, and the next day: nothing changed, nothing written; offsets still count from entry.
        long rows = rows();
        assertThat(step.segment(institution, today)).containsExactly(5, 0);
        assertThat(step.segment(institution, today.plusDays(1))).containsExactly(5, 0);
        assertThat(rows()).isEqualTo(rows);
        assertThat(due(today.plusDays(3))).containsExactly(Map.entry(cases.get(0), List.of("VOICE")));
        // As the nightly run calls it: every institution with a strategy in force, the day recorded.
        assertThat(step.name()).isEqualTo("strategy");
        assertThat(step.order()).isEqualTo(300);
        assertThat(step.run(today.plusDays(2), (processed, changed) -> { }).processed()).isGreaterThanOrEqualTo(5);
        assertThat(jdbc.sql("select version, open_cases, entered, left_segment from strategy.run_day"
                + " where institution_id = :i and business_date = :d").param("i", institution)
                .param("d", today.plusDays(2)).query((row, n) -> List.of(row.getLong(1), row.getLong(2), row.getLong(3),
                        row.getLong(4))).single()).containsExactly(1L, 5L, 0L, 0L);
        assertThat(rows()).isEqualTo(rows);

        // Day 21: the first case is 31 days past due, M2, and moves to 广东 — entering it that day.
        LocalDate later = today.plusDays(21);
        assertThat(step.segment(institution, later)).containsExactly(5, 2);
        Assignment moved = treatments.on(institution, cases.get(0), later).orElseThrow();
        assertThat(moved.segment()).isEqualTo("广东");
        assertThat(moved.enteredOn()).isEqualTo(later);
        assertThat(treatments.on(institution, cases.get(0), later.minusDays(1)).orElseThrow().segment()).isEqualTo("早期");
        assertThat(treatments.history(institution, cases.get(0))).extracting(Assignment::until)
                .containsExactly(later, null);
        assertThat(due(later.plusDays(1))).containsEntry(cases.get(0), List.of("LETTER"));
        // An earlier date after a later one rewrites nothing.
        assertThat(step.segment(institution, today.plusDays(5))).containsExactly(0, 0);

        // A new version keeping the segment and variant names carries the day of entry over.
        Response revised = fixture.put("/api/v1/strategies/" + id, strategy("全量 v2", List.of(
                segment("早期", Map.of("buckets", List.of("M1")), List.of(), List.of()),
                segment("其他", Map.of(), List.of(step(40, "LETTER", letter)), List.of(
                        variant("A", 50, List.of()), variant("B", 50, List.of()))))), fixture.admin());
        assertThat(revised.status()).as(revised.raw()).isEqualTo(200);
        LocalDate third30 = today.plusDays(30);
        assertThat(fixture.activate(id, third30).status()).isEqualTo(200);
        step.segment(institution, third30);
        Assignment carried = treatments.on(institution, cases.get(3), third30).orElseThrow();
        assertThat(carried.version()).isEqualTo(2);
        assertThat(carried.since()).isEqualTo(third30);
        assertThat(carried.enteredOn()).isEqualTo(today);
        assertThat(carried.variant()).isEqualTo(third.variant());
        assertThat(due(today.plusDays(40))).containsEntry(cases.get(3), List.of("LETTER"));
        // Case 2 (广东) is now in 其他: a new segment, entered that day.
        assertThat(treatments.on(institution, cases.get(2), third30).orElseThrow().enteredOn()).isEqualTo(third30);
    }

    @Test
    void variantsSplitByPercentAndStayPutAcrossDaysRerunsAndVersions() {
        LocalDate today = fixture.today;
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            accounts.add(new Account("现金贷", "广东省", 5 + i % 50, "1000"));
        }
        List<UUID> cases = fixture.load(accounts);
        UUID id = fixture.create(strategy("冠军挑战", List.of(segment("全部", Map.of(), List.of(), List.of(
                variant("冠军", 50, List.of()), variant("挑战一", 30, List.of()), variant("挑战二", 20, List.of()))))));
        assertThat(fixture.activate(id, today).status()).isEqualTo(200);

        assertThat(step.segment(institution, today)).containsExactly(10_000, 10_000);
        Map<UUID, String> firstDay = variants();
        assertThat(firstDay).hasSize(10_000);
        Map<String, Long> counts = firstDay.values().stream().collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        // Binomial spread at n = 10,000 is at most 0.5 percentage points; 2.5 points is five of them.
        assertThat(counts.get("冠军")).isBetween(4_750L, 5_250L);
        assertThat(counts.get("挑战一")).isBetween(2_750L, 3_250L);
        assertThat(counts.get("挑战二")).isBetween(1_750L, 2_250L);
        // Each case's variant is its hash slot's, not a count kept while assigning.
        assertThat(firstDay.get(cases.get(0))).isEqualTo(variantOfSlot(slot(cases.get(0))));
        assertThat(firstDay.get(cases.get(9_999))).isEqualTo(variantOfSlot(slot(cases.get(9_999))));

        long rows = rows();
        assertThat(step.segment(institution, today)).containsExactly(10_000, 0);
        assertThat(step.segment(institution, today.plusDays(1))).containsExactly(10_000, 0);
        assertThat(step.segment(institution, today.plusDays(2))).containsExactly(10_000, 0);
        assertThat(rows()).isEqualTo(rows);
        assertThat(variants()).isEqualTo(firstDay);

        // The same split in a new version: every case keeps its variant (its slot did not move).
        Response revised = fixture.put("/api/v1/strategies/" + id, strategy("冠军挑战 v2", List.of(segment("全部",
                Map.of(), List.of(), List.of(variant("冠军", 50, List.of()), variant("挑战一", 30, List.of()),
                        variant("挑战二", 20, List.of()))))), fixture.admin());
        assertThat(revised.status()).isEqualTo(200);
        assertThat(fixture.activate(id, today.plusDays(3)).status()).isEqualTo(200);
        assertThat(step.segment(institution, today.plusDays(3))).containsExactly(10_000, 20_000);
        assertThat(variants()).isEqualTo(firstDay);
        assertThat(jdbc.sql("select count(*) from strategy.case_segment where institution_id = :i and until is null"
                + " and version = 2 and entered_on = :d").param("i", institution).param("d", today)
                .query(Long.class).single()).isEqualTo(10_000);
        // The stays the new version ended are kept apart from the current ones (V33): the night reads only these.
        assertThat(jdbc.sql("select count(*) from strategy.case_segment_current where institution_id = :i")
                .param("i", institution).query(Long.class).single()).isEqualTo(10_000);
        assertThat(jdbc.sql("select count(*) from strategy.case_segment_ended where institution_id = :i"
                + " and version = 1 and until = :d").param("i", institution).param("d", today.plusDays(3))
                .query(Long.class).single()).isEqualTo(10_000);
    }

    @Test
    void resultsCompareVariantsByWhatWasPaidDownAndTheContactsUsed() {
        LocalDate today = fixture.today;
        fixture.registry.setClock(today.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
        List<UUID> cases = fixture.load(List.of(new Account("现金贷", "广东省", 10, "1000"),
                new Account("现金贷", "广东省", 10, "2000"), new Account("现金贷", "广东省", 10, "3000"),
                new Account("现金贷", "广东省", 10, "4000")));
        UUID id = fixture.create(strategy("效果", List.of(segment("全部", Map.of(), List.of(), List.of(
                variant("A", 50, List.of()), variant("B", 50, List.of()))))));
        assertThat(fixture.activate(id, today).status()).isEqualTo(200);
        NightlyRun.run(context, institution, today);
        step.segment(institution, today);

        // One case paid down by 600, another paid off; one SMS sent, through a compliance decision.
        fixture.owes(cases.get(0), "400");
        fixture.owes(cases.get(1), "0");
        Response number = fixture.post("/api/v1/compliance/outbound-numbers", Map.of("number", "4008001234",
                "label", "催收热线"), fixture.admin());
        assertThat(number.status()).as(number.raw()).isEqualTo(201);
        JsonNode detail = fixture.get("/api/v1/cases/" + cases.get(2), fixture.admin()).json();
        String point = null;
        for (JsonNode contact : detail.path("contactPoints")) {
            if ("BORROWER".equals(contact.path("owner").asString()) && "MOBILE".equals(contact.path("kind").asString())) {
                point = contact.path("id").asString();
            }
        }
        Response decision = fixture.post("/api/v1/compliance/decisions", Map.of("caseId", cases.get(2),
                "contactPointId", point, "channel", "SMS", "purpose", "COLLECT", "callerNumber", "4008001234"),
                fixture.admin());
        assertThat(decision.json().path("outcome").asString()).as(decision.raw()).isEqualTo("ALLOW");
        Response attempt = fixture.post("/api/v1/contact-attempts", Map.of("decisionId",
                decision.json().path("decisionId").asString(), "result", "DELIVERED"), fixture.admin());
        assertThat(attempt.status()).as(attempt.raw()).isEqualTo(201);

        Map<UUID, String> variants = variants();
        Map<String, BigDecimal> entry = new HashMap<>();
        Map<String, BigDecimal> recovered = new HashMap<>();
        Map<String, Long> contacts = new HashMap<>();
        BigDecimal[] owedAtEntry = {new BigDecimal("1000"), new BigDecimal("2000"), new BigDecimal("3000"),
                new BigDecimal("4000")};
        BigDecimal[] paid = {new BigDecimal("600"), new BigDecimal("2000"), BigDecimal.ZERO, BigDecimal.ZERO};
        for (int i = 0; i < 4; i++) {
            String variant = variants.get(cases.get(i));
            entry.merge(variant, owedAtEntry[i], BigDecimal::add);
            recovered.merge(variant, paid[i], BigDecimal::add);
            contacts.merge(variant, i == 2 ? 1L : 0L, Long::sum);
        }

        Response results = fixture.get("/api/v1/strategies/" + id + "/results", fixture.admin());
        assertThat(results.status()).as(results.raw()).isEqualTo(200);
        JsonNode groups = results.json().path("groups");
        assertThat(groups).hasSize(entry.size());
        for (JsonNode group : groups) {
            String variant = group.path("variant").asString();
            assertThat(group.path("segment").asString()).isEqualTo("全部");
            assertThat(group.path("outstandingAtEntry").decimalValue()).isEqualByComparingTo(entry.get(variant));
            assertThat(group.path("recovered").decimalValue()).isEqualByComparingTo(recovered.get(variant));
            assertThat(group.path("recoveryRate").decimalValue()).isEqualByComparingTo(
                    recovered.get(variant).divide(entry.get(variant), 4, java.math.RoundingMode.HALF_UP));
            assertThat(group.path("contacts").asLong()).isEqualTo(contacts.get(variant));
        }
        // The paid-off case left the segment on the next night, with what it owed then.
        step.segment(institution, today.plusDays(1));
        assertThat(treatments.on(institution, cases.get(1), today.plusDays(1))).isEmpty();
        Response after = fixture.get("/api/v1/strategies/" + id + "/results", fixture.admin());
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode group : after.json().path("groups")) {
            total = total.add(group.path("recovered").decimalValue());
        }
        assertThat(total).isEqualByComparingTo("2600");
    }

    @Test
    void aCaseIsLookedAtOnlyWhenItsDaysPastDueLeaveTheirWindowOrItsOtherInputsChange() {
        LocalDate today = fixture.today;
        List<UUID> cases = fixture.load(List.of(
                new Account("现金贷", "广东省", 5, "20000"),    // 0: 大额 until paid down
                new Account("现金贷", "广东省", 5, "500"),      // 1: 早期 (1–9 days), 中期 from day 10
                new Account("现金贷", "广东省", 5, "500")));    // 2: as 1, then closed
        UUID id = fixture.create(strategy("窗口", List.of(
                segment("大额", Map.of("minOutstanding", 10000), List.of(), List.of()),
                segment("早期", Map.of("minDpd", 1, "maxDpd", 9), List.of(), List.of()),
                segment("中期", Map.of("minDpd", 10, "maxDpd", 30), List.of(), List.of()),
                segment("其他", Map.of(), List.of(), List.of()))));
        assertThat(fixture.activate(id, today).status()).isEqualTo(200);

        assertThat(step.segment(institution, today)).containsExactly(3, 3);
        // Five days past due, bounds 1, 10 and 31: the same segment from day 1 to day 9 whatever else stays put.
        assertThat(window(cases.get(1))).isEqualTo("1..9");
        assertThat(window(cases.get(0))).isEqualTo("1..9");

        // Paid down the next day, within its window: its other inputs changed, so it is looked at and moves.
        fixture.owes(cases.get(0), "500");
        assertThat(step.segment(institution, today.plusDays(1))).containsExactly(3, 2);
        assertThat(segmentOf(cases.get(0), today.plusDays(1))).isEqualTo("早期");
        assertThat(segmentOf(cases.get(1), today.plusDays(1))).isEqualTo("早期");
        // An assignment from before the windows were kept is looked at, kept and confirmed: the run after the upgrade
        // reads every case, as the days it ran before have no record of where changes start (migration V35).
        jdbc.sql("update strategy.case_segment set dpd_from = null, dpd_to = null, leaves_on = null,"
                + " inputs_hash = null where case_id = :c").param("c", cases.get(2)).update();
        jdbc.sql("update strategy.run_day set changes_from = null where institution_id = :i")
                .param("i", institution).update();
        long rows = rows();
        assertThat(step.segment(institution, today.plusDays(2))).containsExactly(3, 0);
        assertThat(rows()).isEqualTo(rows);
        assertThat(window(cases.get(2))).isEqualTo("1..9");

        // Day 10 past due: out of the window, into 中期 on that very day.
        Response closed = fixture.post("/api/v1/cases/" + cases.get(2) + "/status",
                Map.of("status", "CLOSED", "reason", "已核销"), fixture.admin());
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        LocalDate tenth = today.plusDays(5);
        assertThat(step.segment(institution, tenth.minusDays(1))).containsExactly(2, 1);
        assertThat(treatments.on(institution, cases.get(2), tenth.minusDays(1))).as("closed: none").isEmpty();
        assertThat(step.segment(institution, tenth)).containsExactly(2, 4);
        assertThat(segmentOf(cases.get(0), tenth)).isEqualTo("中期");
        assertThat(segmentOf(cases.get(1), tenth)).isEqualTo("中期");
        assertThat(treatments.on(institution, cases.get(1), tenth.minusDays(1)).orElseThrow().segment())
                .isEqualTo("早期");
        assertThat(window(cases.get(1))).isEqualTo("10..30");
    }

    @Test
    void theSameDateRunAgainAfterACaseChangedReplacesThatDaysRowAndKeepsTheDayOfEntry() {
        LocalDate today = fixture.today;
        List<UUID> cases = fixture.load(List.of(
                new Account("现金贷", "广东省", 5, "500"),      // 0: 早期, then 大额 and back on the same date
                new Account("现金贷", "广东省", 5, "500")));    // 1: 早期 throughout
        UUID id = fixture.create(strategy("重跑", List.of(
                segment("大额", Map.of("minOutstanding", 10000), List.of(), List.of()),
                segment("早期", Map.of("minDpd", 1, "maxDpd", 9), List.of(), List.of()),
                segment("其他", Map.of(), List.of(), List.of()))));
        assertThat(fixture.activate(id, today).status()).isEqualTo(200);
        assertThat(step.segment(institution, today)).containsExactly(2, 2);

        // The next day the first case owes more and moves to 大额 (it leaves 早期 that day).
        LocalDate next = today.plusDays(1);
        fixture.owes(cases.get(0), "20000");
        assertThat(step.segment(institution, next)).containsExactly(2, 2);
        assertThat(treatments.history(institution, cases.get(0))).extracting(Assignment::segment, Assignment::since,
                Assignment::until, Assignment::enteredOn).containsExactly(
                        tuple("早期", today, next, today), tuple("大额", next, null, next));

        // Its data changes back and the same date runs again: that day's row becomes 早期 again, and since the case
        // left 早期 that very day, the stay goes on from the day it first entered.
        fixture.owes(cases.get(0), "500");
        assertThat(step.segment(institution, next)).containsExactly(2, 2);
        assertThat(treatments.history(institution, cases.get(0))).extracting(Assignment::segment, Assignment::since,
                Assignment::until, Assignment::enteredOn).containsExactly(
                        tuple("早期", today, next, today), tuple("早期", next, null, today));
        assertThat(window(cases.get(0))).isEqualTo("1..9");

        // And once more the other way: 大额 from that day, a stay of its own; still one row per case and day.
        fixture.owes(cases.get(0), "20000");
        assertThat(step.segment(institution, next)).containsExactly(2, 2);
        assertThat(treatments.history(institution, cases.get(0))).extracting(Assignment::segment, Assignment::since,
                Assignment::until, Assignment::enteredOn).containsExactly(
                        tuple("早期", today, next, today), tuple("大额", next, null, next));
        assertThat(rows()).isEqualTo(3);
        // Nothing changed since: nothing written.
        assertThat(step.segment(institution, next)).containsExactly(2, 0);
        assertThat(rows()).isEqualTo(3);
        assertThat(treatments.on(institution, cases.get(1), next).orElseThrow().enteredOn()).isEqualTo(today);
    }

    @Test
    void readingOnlyTheCasesThatMayHaveMovedLeavesEveryCaseWhereReadingThemAllWould() {
        LocalDate today = fixture.today;
        Random random = new Random(20261127);
        List<Account> accounts = new ArrayList<>();
        Map<Integer, String> owed = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            owed.put(i, random.nextInt(4) == 0 ? "20000" : "500");
            accounts.add(new Account("现金贷", "广东省", 1 + random.nextInt(40), owed.get(i)));
        }
        List<UUID> cases = new ArrayList<>(fixture.load(accounts));
        // No segment for small debts 31 to 35 days past due: those cases wait unmatched, and match 后期 on day 36.
        UUID id = fixture.create(strategy("增量", List.of(
                segment("大额", Map.of("minOutstanding", 10000), List.of(), List.of()),
                segment("早期", Map.of("minDpd", 1, "maxDpd", 9), List.of(), List.of()),
                segment("中期", Map.of("minDpd", 10, "maxDpd", 30), List.of(), List.of()),
                segment("后期", Map.of("minDpd", 36, "maxDpd", 60), List.of(), List.of()))));
        assertThat(fixture.activate(id, today).status()).isEqualTo(200);
        Set<Integer> closed = new HashSet<>();
        List<Long> unmatched = new ArrayList<>();
        long moves = 0;
        for (int night = 0; night < 14; night++) {
            LocalDate day = today.plusDays(night);
            if (night > 0) {
                for (int change = 0; change < 2; change++) {
                    int which = random.nextInt(cases.size());
                    String principal = owed.get(which).equals("500") ? "20000" : "500";
                    fixture.owes(cases.get(which), principal);
                    owed.put(which, principal);
                }
            }
            if (night % 4 == 3) {
                int which = random.nextInt(cases.size());
                if (closed.add(which)) {
                    Response response = fixture.post("/api/v1/cases/" + cases.get(which) + "/status",
                            Map.of("status", "CLOSED", "reason", "已核销"), fixture.admin());
                    assertThat(response.status()).as(response.raw()).isEqualTo(200);
                }
            }
            if (night == 6) {
                List<Account> more = List.of(new Account("现金贷", "广东省", 33, "500"),
                        new Account("现金贷", "广东省", 3, "500"), new Account("现金贷", "广东省", 70, "500"));
                for (int i = 0; i < more.size(); i++) {
                    owed.put(cases.size() + i, more.get(i).principal());
                }
                cases.addAll(fixture.load(more));
            }
            long[] counts = step.segment(institution, day);
            moves += counts[1];
            List<String> left = whereEveryCaseIs();
            // The same date read again from every case, as if the last run had left no record of where changes
            // start: nothing is left to write, not even a window to confirm.
            jdbc.sql("update strategy.run_day set changes_from = null where institution_id = :i and business_date = :d")
                    .param("i", institution).param("d", day).update();
            assertThat(step.segment(institution, day)).as("night %d", night).containsExactly(counts[0], 0L);
            assertThat(whereEveryCaseIs()).as("night %d", night).isEqualTo(left);
            unmatched.add(jdbc.sql("select count(*) from strategy.case_unmatched where institution_id = :i")
                    .param("i", institution).query(Long.class).single());
        }
        assertThat(moves).as("cases moved over the fortnight").isGreaterThan(30);
        assertThat(unmatched).as("cases waiting unmatched, night by night").contains(0L).anyMatch(n -> n > 1);
    }

    @Test
    void aNightCutOffAfterSomeOfItsPartsIsRunAgainFromEveryCaseAndEndsWhereReadingThemAllWould() {
        LocalDate today = fixture.today;
        Random random = new Random(20261127);
        List<Account> accounts = new ArrayList<>(List.of(new Account("现金贷", "广东省", 3, "500")));
        for (int i = 1; i < 40; i++) {
            accounts.add(new Account("现金贷", "广东省", 1 + random.nextInt(40), random.nextInt(4) == 0 ? "20000" : "500"));
        }
        List<UUID> cases = fixture.load(accounts);
        UUID id = fixture.create(strategy("分段", List.of(
                segment("大额", Map.of("minOutstanding", 10000), List.of(), List.of()),
                segment("早期", Map.of("minDpd", 1, "maxDpd", 9), List.of(), List.of()),
                segment("中期", Map.of("minDpd", 10, "maxDpd", 30), List.of(), List.of()))));
        assertThat(fixture.activate(id, today).status()).isEqualTo(200);
        step.segment(institution, today);
        LocalDate next = today.plusDays(5);
        for (int i = 0; i < 8; i++) {
            fixture.owes(cases.get(i), accounts.get(i).principal().equals("500") ? "20000" : "500");
        }

        // The next night in three parts, cut off after one committed: the part of the first case, which moves.
        int first = jdbc.sql("select cast(mod(abs(cast(uuid_hash(cast(:c as uuid)) as bigint)), 3) as integer)")
                .param("c", cases.get(0)).query(Integer.class).single();
        NightParts cutOff = new NightParts(3) {
            @Override
            public <T> List<T> each(String name, Function<Part, T> work) {
                work.apply(new Part(first, 3));
                throw new IllegalStateException("the node went down");
            }
        };
        assertThatThrownBy(() -> step.segment(institution, next, cutOff)).hasMessage("the node went down");
        long partial = jdbc.sql("""
                select entered + left_segment from strategy.run_day
                 where institution_id = :i and business_date = :d and changes_from is null
                """).param("i", institution).param("d", next).query(Long.class).single();
        assertThat(partial).as("the part that committed is counted, and no start for the next run is set").isPositive();

        long[] rerun = step.segment(institution, next);

        List<String> where = whereEveryCaseIs();
        assertThat(jdbc.sql("select entered + left_segment from strategy.run_day where institution_id = :i and business_date = :d")
                .param("i", institution).param("d", next).query(Long.class).single()).isEqualTo(partial + rerun[1]);
        // Read again from every case: nothing left to write, every case where it is.
        jdbc.sql("update strategy.run_day set changes_from = null where institution_id = :i and business_date = :d")
                .param("i", institution).param("d", next).update();
        assertThat(step.segment(institution, next)).containsExactly(rerun[0], 0L);
        assertThat(whereEveryCaseIs()).isEqualTo(where);
        assertThat(where).anyMatch(row -> row.contains("大额")).anyMatch(row -> row.contains("中期"));
    }

    @Test
    void eachCaseGetsTheFirstSegmentItsOwnValuesMatchThoughSegmentsAreSearchedOncePerKindOfCase() {
        LocalDate today = fixture.today;
        Random random = new Random(112701);
        String[] products = {"现金贷", "消费分期"};
        String[] provinces = {"广东省", "湖南省", "北京市", null};
        // Amounts on and beside every outstanding bound below, and days past due on and beside every day bound.
        String[] amounts = {"999.99", "1000", "1000.01", "4999.99", "5000", "5000.01", "20000", "300"};
        int[] days = {1, 9, 10, 11, 30, 31, 45, 60, 61, 90, 200};
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            accounts.add(new Account(products[random.nextInt(products.length)],
                    provinces[random.nextInt(provinces.length)], days[random.nextInt(days.length)],
                    amounts[random.nextInt(amounts.length)]));
        }
        fixture.load(accounts);
        UUID id = fixture.create(strategy("分类", List.of(
                segment("早期小额", Map.of("maxDpd", 10, "maxOutstanding", 1000), List.of(), List.of()),
                segment("中额广东", Map.of("minOutstanding", 1000, "maxOutstanding", 5000, "provinces", List.of("广东省")),
                        List.of(), List.of()),
                segment("分期M2", Map.of("buckets", List.of("M2", "M3"), "products", List.of("消费分期")), List.of(),
                        List.of()),
                segment("后期", Map.of("minDpd", 61, "minOutstanding", 5000.01), List.of(), List.of()),
                segment("湖南", Map.of("provinces", List.of("湖南省"), "maxDpd", 60), List.of(), List.of()),
                segment("其他", Map.of("minDpd", 11, "maxDpd", 199), List.of(), List.of(
                        variant("A", 30, List.of()), variant("B", 70, List.of()))))));
        assertThat(fixture.activate(id, today).status()).isEqualTo(200);
        step.segment(institution, today);

        // The definition: every case against every segment in order, the first whose conditions its values meet.
        List<String> expected = jdbc.sql("""
                select concat_ws(' ', p.case_id, m.name, v.name)
                  from (%s) p
                  join lateral (select s.position, s.name from strategy.segment s
                                 where s.strategy_id = :strategy and s.version = 1
                                   and (s.buckets is null or p.bucket = any(s.buckets))
                                   and (s.min_dpd is null or p.dpd >= s.min_dpd)
                                   and (s.max_dpd is null or p.dpd <= s.max_dpd)
                                   and (s.min_outstanding is null or p.outstanding >= s.min_outstanding)
                                   and (s.max_outstanding is null or p.outstanding <= s.max_outstanding)
                                   and (s.products is null or p.product = any(s.products))
                                   and (s.provinces is null or p.province = any(s.provinces))
                                 order by s.position limit 1) m on true
                  left join strategy.variant v
                         on v.strategy_id = :strategy and v.version = 1 and v.segment_position = m.position
                        and (hashtextextended(cast(p.case_id as text), 0) %% 100 + 100) %% 100 >= v.slot_from
                        and (hashtextextended(cast(p.case_id as text), 0) %% 100 + 100) %% 100 < v.slot_to
                 where p.open
                 order by 1
                """.formatted(profiles.casesSql(institution)))
                .param("institution", institution).param("today", today).param("strategy", id)
                .query(String.class).list();
        List<String> actual = jdbc.sql("""
                select concat_ws(' ', case_id, segment_name, variant_name) from strategy.case_segment
                 where institution_id = :i and until is null order by 1
                """).param("i", institution).query(String.class).list();
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.stream().map(row -> row.split(" ")[1]).distinct()).as("every segment is someone's")
                .hasSize(6);
        assertThat(expected).as("some match none").hasSizeLessThan(120);
    }

    /** Each current stay and unmatched case with everything the night keeps of it. */
    private List<String> whereEveryCaseIs() {
        return jdbc.sql("""
                select concat_ws(' ', case_id, applies_from, entered_on, segment_name, variant_name, dpd_from, dpd_to,
                                 leaves_on, inputs_hash)
                  from strategy.case_segment where institution_id = :i and until is null
                union all
                select concat_ws(' ', case_id, 'unmatched', leaves_on) from strategy.case_unmatched
                 where institution_id = :i
                 order by 1
                """).param("i", institution).query(String.class).list();
    }

    private String window(UUID caseId) {
        return jdbc.sql("select dpd_from || '..' || dpd_to from strategy.case_segment where case_id = :c and until is null")
                .param("c", caseId).query(String.class).single();
    }

    private String segmentOf(UUID caseId, LocalDate day) {
        return treatments.on(institution, caseId, day).orElseThrow().segment();
    }

    /** The action names due on a day, by case. */
    private Map<UUID, List<String>> due(LocalDate day) {
        return treatments.dueSteps(institution, day).stream().collect(Collectors.groupingBy(DueStep::caseId,
                Collectors.mapping(due -> due.action().name(), Collectors.toList())));
    }

    private Map<UUID, String> variants() {
        Map<UUID, String> variants = new HashMap<>();
        jdbc.sql("select case_id, variant_name from strategy.case_segment where institution_id = :i and until is null")
                .param("i", institution)
                .query((row, n) -> variants.put(row.getObject("case_id", UUID.class), row.getString("variant_name")))
                .list();
        return variants;
    }

    private long rows() {
        return jdbc.sql("select count(*) from strategy.case_segment where institution_id = :i").param("i", institution)
                .query(Long.class).single();
    }

    /** PostgreSQL's own stable hash of the case id, reduced to 0–99, asked independently of the step's SQL. */
    private int slot(UUID caseId) {
        long hash = jdbc.sql("select hashtextextended(:id, 0)").param("id", caseId.toString()).query(Long.class).single();
        return (int) Math.floorMod(hash, 100L);
    }

    private static String variantOfSlot(int slot) {
        return slot < 50 ? "冠军" : slot < 80 ? "挑战一" : "挑战二";
    }
}
