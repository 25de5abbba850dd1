package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.allocation.PlacementFixture.Account;
import org.recourse.cases.NightlyRun;
import org.recourse.daily.NightParts;
import org.recourse.registry.Contract;
import org.recourse.registry.ContractId;
import org.recourse.registry.Contracts;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.recourse.strategy.Action;
import org.recourse.strategy.StrategyNight;
import org.recourse.strategy.Treatments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The nightly placement on real data: cases whose path says PLACE_WITH_AGENCY that day are placed under the contracts
 * in force that cover them, by each rule's exact split, never beyond a contract's room (also when two runs race and
 * when {@link Placing} is called by two transactions at once), for the contract's period, each with its notice; the
 * cases no contract takes are counted; a date repeated places nothing; the agencies' standing rules assign the new
 * placements (keep-previous included), and a night cut off part way through its assignment ends, when run again, as
 * a whole night would; recalls and agencies' assignments wait for the night; contracts past their last day end with
 * their placements.
 */
@RecourseTest
class NightlyPlacementTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    PlacementStep step;

    @Autowired
    PeriodEndStep periodEnd;

    @Autowired
    Placing placing;

    @Autowired
    NightStore night;

    @Autowired
    Contracts contracts;

    @Autowired
    Treatments treatments;

    @Autowired
    TransactionTemplate transactions;

    private PlacementFixture fixture;
    private UUID institution;
    private LocalDate today;

    @BeforeEach
    void anInstitution() {
        fixture = new PlacementFixture(port, jdbc);
        institution = fixture.institution.id();
        today = fixture.today;
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void roundRobinPlacesTheDueCasesInScopeWithinRoomForTheContractsPeriodAndCountsTheRest() {
        // One load: account references are numbered from 1 in each (a second load would update these accounts).
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(new Account("现金贷", "广东省", 10));
        }
        accounts.add(new Account("消费分期", "广东省", 10));
        accounts.add(new Account("消费分期", "广东省", 10));
        accounts.add(new Account("现金贷", "广东省", 100));   // M4: no contract covers it
        List<UUID> loaded = fixture.load(accounts);
        List<UUID> cash = loaded.subList(0, 6);
        List<UUID> instalments = loaded.subList(6, 8);
        List<UUID> late = loaded.subList(8, 9);
        Registration first = fixture.agency();
        Registration second = fixture.agency();
        Registration third = fixture.agency();
        UUID a = contract(first, List.of("现金贷"), 100, 10);
        UUID b = contract(second, List.of("现金贷"), 100, 9);
        UUID c = contract(third, List.of("消费分期"), 1, 8);
        // One case is placed by hand before the night: it is not due again, and it counts in A's open placements.
        fixture.placed(a, List.of(cash.get(0)));
        strategy(List.of(0));
        segment(today);

        PlacementStep.Outcome outcome = step.placeFor(institution, today);

        // Due: 5 cash loans (one is placed), 2 instalments, 1 in M4. Round robin: B (fewer open) first, then A, B, A, B.
        assertThat(outcome.skipped()).isFalse();
        assertThat(outcome.rule()).isEqualTo(PlacementRule.ROUND_ROBIN);
        assertThat(outcome.due()).isEqualTo(8);
        assertThat(outcome.placed()).isEqualTo(6);
        assertThat(outcome.unplaced()).isEqualTo(2);
        assertThat(liveByContract()).containsOnly(Map.entry(a, 3L), Map.entry(b, 3L), Map.entry(c, 1L));
        assertThat(outcome.placedByContract()).containsOnly(Map.entry(a, 2L), Map.entry(b, 3L), Map.entry(c, 1L));
        // Within their group the cases go in runs by account reference, in contract order (A before B).
        List<UUID> dueCash = byAccountRef(cash.subList(1, 6));
        assertThat(contractOf(dueCash.get(0))).isEqualTo(a);
        assertThat(contractOf(dueCash.get(1))).isEqualTo(a);
        assertThat(dueCash.subList(2, 5)).allSatisfy(id -> assertThat(contractOf(id)).isEqualTo(b));
        assertThat(byAccountRef(instalments).stream().map(this::contractOf).toList()).containsExactly(c, null);
        assertThat(contractOf(late.get(0))).isNull();
        // For the contract's period, by the platform, with what was owed, and each with its pending notice.
        Map<String, Object> row = jdbc.sql("""
                select p.placed_until, p.placed_by is null as by_platform, p.placed_outstanding > 0 as owed,
                       n.status from allocation.placement p join allocation.entrustment_notice n on n.placement_id = p.id
                 where p.institution_id = :i and p.account_id = :case and p.recalled_at is null
                """).param("i", institution).param("case", dueCash.get(4)).query().singleRow();
        assertThat(row).containsEntry("placed_until", java.sql.Date.valueOf(today.plusDays(30)))
                .containsEntry("by_platform", true).containsEntry("owed", true).containsEntry("status", "PENDING");
        assertThat(jdbc.sql("""
                select count(*) from allocation.placement p
                  left join allocation.entrustment_notice n on n.placement_id = p.id
                 where p.institution_id = :i and n.placement_id is null
                """).param("i", institution).query(Long.class).single()).isZero();
        // The night is recorded and audited with its counts.
        assertThat(jdbc.sql("select details ->> 'unplaced' from audit.audit_event where action = 'placement.placed_by_rule'"
                + " and organisation_id = :i").param("i", institution).query(String.class).single()).isEqualTo("2");

        // The same date again places nothing, nor does the whole step for that date.
        long placements = placements();
        assertThat(step.placeFor(institution, today).skipped()).isTrue();
        step.run(today, (processed, changed) -> { });
        assertThat(placements()).isEqualTo(placements);
        // The agency reads its new case, as it reads those placed by hand.
        Response read = fixture.get("/api/v1/cases/" + dueCash.get(4), second.admin());
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(fixture.get("/api/v1/cases/" + dueCash.get(4), first.admin()).status()).isEqualTo(404);
    }

    @Test
    void capacityFillsTheContractWithMostFreeRoomFirstAndNeverBeyondIt() {
        List<UUID> cases = fixture.load(14);
        UUID a = contract(fixture.agency(), List.of(), 10, 10);
        UUID b = contract(fixture.agency(), List.of(), 10, 9);
        fixture.placed(a, cases.subList(0, 4));
        setRule("CAPACITY");
        strategy(List.of(0));
        segment(today);

        PlacementStep.Outcome outcome = step.placeFor(institution, today);

        // Rooms 6 and 10: B takes four to level them at 6, then they alternate, A first on a tie: A 3, B 7.
        assertThat(outcome.due()).isEqualTo(10);
        assertThat(outcome.placedByContract()).containsOnly(Map.entry(a, 3L), Map.entry(b, 7L));
        assertThat(outcome.unplaced()).isZero();
        assertThat(liveByContract()).containsOnly(Map.entry(a, 7L), Map.entry(b, 7L));

        // The next night nothing is due (the step fell due on the day of entry) and nothing is placed.
        segment(today.plusDays(1));
        assertThat(step.placeFor(institution, today.plusDays(1)).placed()).isZero();
    }

    @Test
    void weightedFollowsEachAgencysRecoveryAndDenialsAndGivesAnAgencyWithoutHistoryTheAverage() {
        List<UUID> cases = fixture.load(20);
        Registration good = fixture.agency();
        Registration poor = fixture.agency();
        Registration fresh = fixture.agency();
        UUID a = contract(good, List.of(), 100, 10);
        UUID b = contract(poor, List.of(), 100, 9);
        UUID c = contract(fresh, List.of(), 100, 8);
        Instant now = fixture.registry.clock();
        // good: 1,000 owed when placed, 400 when recalled (0.6), no denials; poor: 0.2 recovered, half denied.
        history(good.id(), a, "1000", "400", now);
        history(poor.id(), b, "1000", "800", now);
        decisions(good.id(), 10, 0, now);
        decisions(poor.id(), 10, 5, now);
        setRule("WEIGHTED");

        Response rule = fixture.get("/api/v1/placements/rule", fixture.admin());
        assertThat(rule.status()).as(rule.raw()).isEqualTo(200);
        Map<String, String> weights = new HashMap<>();
        rule.json().path("agencies").forEach(agency -> weights.put(agency.path("agencyId").asString(),
                agency.path("weight").asString()));
        // (0.1 + 0.9 × 0.6) × 1 = 0.64; (0.1 + 0.9 × 0.2) × 0.5 = 0.14; the fresh agency takes the means, 0.4 and
        // 0.25: (0.1 + 0.36) × 0.75 = 0.345.
        assertThat(weights).containsOnly(Map.entry(good.id().toString(), "0.64"),
                Map.entry(poor.id().toString(), "0.14"), Map.entry(fresh.id().toString(), "0.345"));
        assertThat(rule.json().path("rule").asString()).isEqualTo("WEIGHTED");

        strategy(List.of(0));
        segment(today);
        PlacementStep.Outcome outcome = step.placeFor(institution, today);

        // 20 cases by the D'Hondt divisors of 0.64, 0.14 and 0.345.
        assertThat(outcome.placedByContract()).containsOnly(Map.entry(a, 12L), Map.entry(b, 2L), Map.entry(c, 6L));
        assertThat(cases).allSatisfy(id -> assertThat(contractOf(id)).isNotNull());
    }

    @Test
    void complaintsGiveAnAgencyASmallerShareAllElseEqual() {
        List<UUID> owed = fixture.loadOwed(List.of("1000.00", "1000.00"), List.of(1, 2));
        List<UUID> cases = fixture.load(20);
        Registration clean = fixture.agency();
        Registration complained = fixture.agency();
        UUID a = contract(clean, List.of(), 100, 10);
        UUID b = contract(complained, List.of(), 100, 9);
        Instant now = fixture.registry.clock();
        // Alike: 50 past placements each (1,000 owed, 600 at the recall) and one live case owing 1,000; no decisions.
        for (int i = 0; i < 50; i++) {
            history(clean.id(), a, "1000", "600", now);
            history(complained.id(), b, "1000", "600", now);
        }
        fixture.placed(a, owed.subList(0, 1));
        fixture.placed(b, owed.subList(1, 2));
        // The borrower of the second agency's case complains to the regulator's hotline.
        Response complaint = fixture.post("/api/v1/complaints", Map.of("caseId", owed.get(1).toString(),
                "source", "REGULATOR_HOTLINE", "category", "HARASSMENT",
                "receivedAt", fixture.registry.clock().toString(), "summary", "借款人称每天被来电十余次"), fixture.admin());
        assertThat(complaint.status()).as(complaint.raw()).isEqualTo(201);
        assertThat(complaint.json().path("agencyId").asString()).isEqualTo(complained.id().toString());
        setRule("WEIGHTED");

        Response rule = fixture.get("/api/v1/placements/rule", fixture.admin());
        Map<String, JsonNode> records = new HashMap<>();
        rule.json().path("agencies").forEach(agency -> records.put(agency.path("agencyId").asString(), agency));
        JsonNode cleanRecord = records.get(clean.id().toString());
        JsonNode complainedRecord = records.get(complained.id().toString());
        // R = 50 × 400 / 51,000 for both: (0.1 + 0.9 × 0.392157) = 0.4529; C = 1 / 51 = 0.019608 → 0.4529 / 2.9608.
        assertThat(cleanRecord.path("recoveryRate").asString()).isEqualTo(complainedRecord.path("recoveryRate").asString());
        assertThat(cleanRecord.path("complaints").asLong()).isZero();
        assertThat(complainedRecord.path("complaints").asLong()).isEqualTo(1);
        assertThat(complainedRecord.path("placements").asLong()).isEqualTo(51);
        assertThat(new java.math.BigDecimal(cleanRecord.path("weight").asString())).isEqualByComparingTo("0.4529");
        assertThat(new java.math.BigDecimal(complainedRecord.path("weight").asString())).isEqualByComparingTo("0.153");

        strategy(List.of(0));
        segment(today);
        PlacementStep.Outcome outcome = step.placeFor(institution, today);

        // 20 cases by the D'Hondt divisors of 0.4529 and 0.153: 15 and 5.
        assertThat(outcome.placedByContract()).containsOnly(Map.entry(a, 15L), Map.entry(b, 5L));
        assertThat(cases).allSatisfy(id -> assertThat(contractOf(id)).isNotNull());
    }

    @Test
    void theStandingRuleAssignsTheNightsPlacementsAndACaseComingBackGoesToTheCollectorWhoHadIt() {
        List<UUID> cases = fixture.load(6);
        Registration agency = fixture.agency();
        Registration idle = fixture.agency();
        UUID contract = contract(agency, List.of(), 100, 10);
        User x = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        User y = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        User z = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        Response set = fixture.registry.put("/api/v1/placements/assignments/standing-rule", Map.of("mode", "ROUND_ROBIN",
                "keepPrevious", true, "maxOpenPerCollector", 10), agency.admin());
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(set.json().path("keepPrevious").asBoolean()).isTrue();
        // Placed on the day of entry, and again the next day if not placed then.
        strategy(List.of(0, 1));
        segment(today);

        PlacementStep.Outcome first = step.placeFor(institution, today);

        assertThat(first.placedByContract()).containsOnly(Map.entry(contract, 6L));
        assertThat(first.assigned()).isEqualTo(6);
        Map<UUID, UUID> collectors = collectors(cases);
        assertThat(collectors.values()).containsOnly(x.id(), y.id(), z.id());
        assertThat(collectors.values().stream().filter(x.id()::equals).count()).isEqualTo(2);
        assertThat(collectors.values().stream().filter(y.id()::equals).count()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from allocation.assignment where agency_id = :a and assigned_by is null")
                .param("a", agency.id()).query(Long.class).single()).isEqualTo(6);

        // Two cases come back; the collector of the second is disabled meanwhile.
        UUID back = cases.get(0);
        UUID orphan = cases.stream().filter(id -> !collectors.get(id).equals(collectors.get(back))).findFirst()
                .orElseThrow();
        UUID gone = collectors.get(orphan);
        assertThat(fixture.recall(back, "资料补充", fixture.admin()).status()).isEqualTo(200);
        assertThat(fixture.recall(orphan, "资料补充", fixture.admin()).status()).isEqualTo(200);
        Response disabled = fixture.post("/api/v1/users/" + gone + "/disable", Map.of(), agency.admin());
        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
        segment(today.plusDays(1));

        PlacementStep.Outcome second = step.placeFor(institution, today.plusDays(1));

        assertThat(second.placed()).isEqualTo(2);
        assertThat(second.assigned()).isEqualTo(2);
        Map<UUID, UUID> again = collectors(List.of(back, orphan));
        assertThat(again.get(back)).isEqualTo(collectors.get(back));
        assertThat(again.get(orphan)).isNotNull().isNotEqualTo(gone);
        // An agency without a standing rule gets its cases unassigned (it had none tonight: nothing to see).
        assertThat(absent(fixture.registry.get("/api/v1/placements/assignments/standing-rule", idle.admin()).json()
                .path("mode"))).isTrue();
    }

    @Test
    void keepPreviousRespectsTheCollectorsRoomAndCapacityNeverGivesACollectorMoreThanItsMaximum() {
        List<UUID> cases = fixture.load(5);
        Registration agency = fixture.agency();
        contract(agency, List.of(), 100, 10);
        User x = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        User y = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        assertThat(fixture.registry.put("/api/v1/placements/assignments/standing-rule", Map.of("mode", "CAPACITY",
                "keepPrevious", true, "maxOpenPerCollector", 2), agency.admin()).status()).isEqualTo(200);
        strategy(List.of(0, 1));
        segment(today);

        PlacementStep.Outcome first = step.placeFor(institution, today);

        // Two collectors of at most two each: four assigned, one left for the administrator.
        assertThat(first.placed()).isEqualTo(5);
        assertThat(first.assigned()).isEqualTo(4);
        Map<UUID, UUID> collectors = collectors(cases);
        assertThat(collectors.values().stream().filter(x.id()::equals).count()).isEqualTo(2);
        assertThat(collectors.values().stream().filter(y.id()::equals).count()).isEqualTo(2);

        // X's two cases come back; meanwhile X is given the unassigned one by hand: room for one of them only.
        List<UUID> ofX = cases.stream().filter(id -> x.id().equals(collectors.get(id))).toList();
        UUID unassigned = cases.stream().filter(id -> collectors.get(id) == null).findFirst().orElseThrow();
        ofX.forEach(id -> assertThat(fixture.recall(id, "资料补充", fixture.admin()).status()).isEqualTo(200));
        Response byHand = fixture.post("/api/v1/cases/" + unassigned + "/assignment",
                Map.of("collectorId", x.id().toString()), agency.admin());
        assertThat(byHand.status()).as(byHand.raw()).isEqualTo(200);
        segment(today.plusDays(1));

        PlacementStep.Outcome second = step.placeFor(institution, today.plusDays(1));

        // X holds one and takes back the first by account reference; Y is full; the other stays unassigned.
        assertThat(second.placed()).isEqualTo(2);
        assertThat(second.assigned()).isEqualTo(1);
        List<UUID> returning = byAccountRef(ofX);
        assertThat(collectors(returning)).containsEntry(returning.get(0), x.id()).containsEntry(returning.get(1), null);
        assertThat(jdbc.sql("""
                select max(n) from (select count(*) as n from allocation.assignment
                 where agency_id = :a and ended_at is null group by collector_id) held
                """).param("a", agency.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void allAgenciesAreAssignedInOneNightEachByItsOwnRuleAndOnlyToItsOwnCollectors() {
        List<UUID> cases = fixture.load(12);
        ThreeAgencies three = threeAgencies();
        strategy(List.of(0));
        segment(today);

        PlacementStep.Outcome outcome = step.placeFor(institution, today);

        // Round robin over three contracts: four cases each. The first agency's four go two and two; the second's
        // collectors take one each (their maximum), two stay unassigned; the third has no rule: none assigned.
        assertThat(outcome.placedByContract()).containsOnly(Map.entry(three.toEven(), 4L),
                Map.entry(three.toCapped(), 4L), Map.entry(three.toNone(), 4L));
        assertThat(outcome.assigned()).isEqualTo(6);
        assertAssignedEachByItsRule(three, cases);
    }

    @Test
    void twoRunsOfTheSameDateAtOncePlaceEachCaseOnceAndNeverBeyondTheRoom() throws Exception {
        fixture.load(30);
        UUID a = contract(fixture.agency(), List.of(), 12, 10);
        UUID b = contract(fixture.agency(), List.of(), 7, 9);
        strategy(List.of(0));
        segment(today);

        List<PlacementStep.Outcome> outcomes = race(2, () -> step.placeFor(institution, today));

        assertThat(outcomes).filteredOn(PlacementStep.Outcome::skipped).hasSize(1);
        assertThat(outcomes.stream().mapToLong(PlacementStep.Outcome::placed).sum()).isEqualTo(19);
        assertThat(liveByContract()).containsOnly(Map.entry(a, 12L), Map.entry(b, 7L));
        assertThat(jdbc.sql("select count(*) from allocation.placement_night where institution_id = :i")
                .param("i", institution).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aNightCutOffAfterItsPlacementsAndPartOfItsAssignmentAssignsTheRestWhenRunAgainAsAWholeNightWould() {
        List<UUID> cases = fixture.load(12);
        ThreeAgencies three = threeAgencies();
        strategy(List.of(0));
        segment(today);

        // The assignment in two parts (the two agencies with a rule, one each), cut off after the first committed.
        NightParts cutOff = new NightParts(2) {
            @Override
            public <T> List<T> each(String name, Function<Part, T> work) {
                work.apply(new Part(0, 2));
                throw new IllegalStateException("the node went down");
            }
        };
        assertThatThrownBy(() -> step.placeFor(institution, today, cutOff)).hasMessage("the node went down");

        assertThat(liveByContract()).containsOnly(Map.entry(three.toEven(), 4L), Map.entry(three.toCapped(), 4L),
                Map.entry(three.toNone(), 4L));
        assertThat(night.done(institution, today)).isFalse();
        Map<UUID, UUID> cutOffCollectors = collectors(cases);
        long assignedFirst = cutOffCollectors.values().stream().filter(Objects::nonNull).count();
        assertThat(assignedFirst).as("one agency's placements, all of them: four round robin, or two capped")
                .isIn(2L, 4L);
        assertThat(assigned(today)).isEqualTo(assignedFirst);

        PlacementStep.Outcome rerun = step.placeFor(institution, today);

        // Placed nothing again; the other agency assigned; the night ends where a whole night does.
        assertThat(rerun.skipped()).isFalse();
        assertThat(rerun.placed()).isEqualTo(12);
        assertThat(rerun.unplaced()).isZero();
        assertThat(rerun.assigned()).isEqualTo(6);
        assertThat(placements()).isEqualTo(12);
        Map<UUID, UUID> collectors = collectors(cases);
        cutOffCollectors.forEach((id, collector) -> {
            if (collector != null) {
                assertThat(collectors.get(id)).as("kept from the part that committed").isEqualTo(collector);
            }
        });
        // Each agency by its rule, with one audit line each, whichever run assigned it.
        assertAssignedEachByItsRule(three, cases);
        assertThat(jdbc.sql("select count(*) from allocation.assignment where institution_id = :i")
                .param("i", institution).query(Long.class).single()).isEqualTo(6);
        assertThat(assigned(today)).isEqualTo(6);
        assertThat(night.done(institution, today)).isTrue();
        assertThat(jdbc.sql("select count(*) from allocation.night_placement where institution_id = :i")
                .param("i", institution).query(Long.class).single()).as("let go when the night ends").isZero();
        assertThat(step.placeFor(institution, today).skipped()).isTrue();
    }

    @Test
    void aRecallAndAnAgencysAssignmentWaitForANightThatHoldsTheInstitution() throws Exception {
        List<UUID> cases = fixture.load(2);
        Registration agency = fixture.agency();
        contract(agency, List.of(), 10, 10);
        User collector = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        strategy(List.of(0));
        segment(today);
        assertThat(step.placeFor(institution, today).placed()).isEqualTo(2);

        // A night holding the locks its coordinating transaction holds from its start to its end: its placements,
        // committed, wait for their assignment meanwhile.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> nightRun = pool.submit(() -> transactions.executeWithoutResult(status -> {
                night.lockPlacing(institution);
                night.lockAssigning(List.of(agency.id()));
                held.countDown();
                awaitOrFail(release);
            }));
            held.await();
            Future<Response> recall = pool.submit(() -> fixture.recall(cases.get(0), "借款人已还清", fixture.admin()));
            Future<Response> assign = pool.submit(() -> fixture.post("/api/v1/cases/" + cases.get(1) + "/assignment",
                    Map.of("collectorId", collector.id().toString()), agency.admin()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select count(*) from pg_locks where locktype = 'advisory' and not granted
                    """).query(Long.class).single() == 2);
            assertThat(recall.isDone()).as("the recall waits for the night").isFalse();
            assertThat(assign.isDone()).as("the assignment waits for the night").isFalse();
            release.countDown();
            nightRun.get();

            assertThat(recall.get().status()).as(recall.get().raw()).isEqualTo(200);
            assertThat(assign.get().status()).as(assign.get().raw()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(contractOf(cases.get(0))).isNull();
        assertThat(collectors(cases).get(cases.get(1))).isEqualTo(collector.id());
    }

    @Test
    void placingCalledByTwoTransactionsAtOnceCountsTheRoomUnderTheContractsLock() throws Exception {
        fixture.load(8);
        UUID id = contract(fixture.agency(), List.of(), 5, 10);
        Contract contract = contracts.find(new ContractId(id)).orElseThrow();
        strategy(List.of(0));
        segment(today);

        // Without the night's lock or record: both see all eight due, the contract's lock and room decide.
        List<Long> placed = race(2, () -> transactions.execute(status -> {
            night.fillDue(institution, today, context.getBean(org.recourse.cases.CaseProfiles.class)
                    .casesSql(institution), treatments.dueStepsSql(Action.PLACE_WITH_AGENCY));
            return placing.placeDealt(institution, today, List.of(contract), PlacementRule.ROUND_ROBIN, Map.of(),
                    fixture.registry.clock()).getOrDefault(id, 0L);
        }));

        assertThat(placed).containsExactlyInAnyOrder(5L, 0L);
        assertThat(liveByContract()).containsOnly(Map.entry(id, 5L));
    }

    @Test
    void aRequestPlacingWhileTheNightStartsIsWaitedForAndItsCaseIsNotPlacedAgain() throws Exception {
        List<UUID> cases = fixture.load(6);
        UUID a = contract(fixture.agency(), List.of(), 10, 10);
        UUID b = contract(fixture.agency(), List.of(), 10, 9);
        Contract byHand = contracts.find(new ContractId(a)).orElseThrow();
        strategy(List.of(0));
        segment(today);

        // A request has placed one case and not committed yet when the night starts. The night's insert has no
        // conflict check: without the placing lock it would read the case as not live, and fail on the unique
        // index once the request commits.
        CountDownLatch placed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> request = pool.submit(() -> transactions.executeWithoutResult(status -> {
                placing.place(byHand, List.of(cases.get(0)), today, fixture.institution.id(),
                        fixture.registry.clock());
                placed.countDown();
                awaitOrFail(commit);
            }));
            placed.await();
            Future<PlacementStep.Outcome> nightRun = pool.submit(() -> step.placeFor(institution, today));
            // The night is seen waiting for an advisory lock (the placing lock the request holds shared).
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select count(*) from pg_locks where locktype = 'advisory' and not granted
                    """).query(Long.class).single() > 0);
            assertThat(nightRun.isDone()).as("the night waits for the request's placing lock").isFalse();
            commit.countDown();
            request.get();

            PlacementStep.Outcome outcome = nightRun.get();

            assertThat(outcome.due()).isEqualTo(5);
            assertThat(outcome.placed()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(contractOf(cases.get(0))).isEqualTo(a);
        assertThat(placements()).isEqualTo(6);
        assertThat(liveByContract().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
        assertThat(liveByContract()).containsKey(b);
    }

    @Test
    void aContractPastItsLastDayIsEndedByTheNightWithItsPlacements() {
        List<UUID> cases = fixture.load(3);
        Registration agency = fixture.agency();
        UUID id = contract(agency, List.of(), 10, 10);
        fixture.placed(id, cases);
        LocalDate end = today.plusDays(30);

        // On its last day nothing ends, even for a run started by hand for that day.
        fixture.registry.setClock(end.atTime(12, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
        assertThat(periodEnd.recallEnded(institution, end)).isZero();
        assertThat(status(id)).isEqualTo("ACTIVE");

        fixture.registry.setClock(end.plusDays(1).atTime(2, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
        assertThat(periodEnd.recallEnded(institution, end)).isEqualTo(3 + 1);

        // The placements' period ended with the contract's last day: they are recalled as such, then the contract ends.
        assertThat(status(id)).isEqualTo("ENDED");
        assertThat(jdbc.sql("select distinct recall_kind from allocation.placement where contract_id = :c")
                .param("c", id).query(String.class).list()).containsExactly("PERIOD_ENDED");
        Response history = fixture.get("/api/v1/contracts/" + id + "/history", fixture.admin());
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        JsonLast last = new JsonLast(history);
        assertThat(last.action).isEqualTo("END");
        assertThat(last.by).isNull();
        assertThat(last.reason).isEqualTo(Contracts.PERIOD_OVER);
        // Again: nothing left to end.
        assertThat(periodEnd.recallEnded(institution, end)).isZero();
    }

    @Test
    void theRulesAreSetByTheirOwnersOnlyAndEachInstitutionReadsItsOwn() {
        Registration agency = fixture.agency();
        assertThat(fixture.get("/api/v1/placements/rule", fixture.admin()).json().path("rule").asString())
                .isEqualTo("ROUND_ROBIN");
        assertThat(fixture.registry.put("/api/v1/placements/rule", Map.of("rule", "SOMETIMES"), fixture.admin())
                .status()).isEqualTo(400);
        assertThat(fixture.registry.put("/api/v1/placements/rule", Map.of("rule", "CAPACITY"), agency.admin()).status())
                .isEqualTo(403);
        setRule("CAPACITY");
        assertThat(jdbc.sql("select details ->> 'rule' from audit.audit_event where action = 'placement.rule_changed'"
                + " and organisation_id = :i").param("i", institution).query(String.class).single()).isEqualTo("CAPACITY");
        PlacementFixture other = new PlacementFixture(port, jdbc);
        assertThat(other.get("/api/v1/placements/rule", other.admin()).json().path("rule").asString())
                .isEqualTo("ROUND_ROBIN");

        String standing = "/api/v1/placements/assignments/standing-rule";
        Response count = fixture.registry.put(standing, Map.of("mode", "COUNT"), agency.admin());
        assertThat(count.status()).isEqualTo(422);
        assertThat(count.json().path("code").asString()).isEqualTo("assignment.standing_mode");
        Response capacity = fixture.registry.put(standing, Map.of("mode", "CAPACITY"), agency.admin());
        assertThat(capacity.status()).isEqualTo(422);
        assertThat(capacity.json().path("code").asString()).isEqualTo("assignment.capacity_required");
        assertThat(fixture.registry.put(standing, Map.of("mode", "CAPACITY", "maxOpenPerCollector", 0), agency.admin())
                .status()).isEqualTo(400);
        assertThat(fixture.registry.put(standing, Map.of("mode", "ROUND_ROBIN"), fixture.admin()).status())
                .isEqualTo(403);
        Response saved = fixture.registry.put(standing, Map.of("mode", "CAPACITY", "maxOpenPerCollector", 30,
                "sameBorrower", true), agency.admin());
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        assertThat(fixture.registry.get(standing, agency.admin()).json().path("maxOpenPerCollector").asInt()).isEqualTo(30);
        assertThat(absent(fixture.registry.get(standing, fixture.agency().admin()).json().path("mode"))).isTrue();
        assertThat(jdbc.sql("select count(*) from audit.audit_event where action = 'assignment.standing_rule_changed'"
                + " and organisation_id = :a").param("a", agency.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theFormsOnThePlacementsPageSetEachSidesRule() {
        Registration agency = fixture.agency();
        contract(agency, List.of(), 10, 10);
        org.recourse.PageSession admin = org.recourse.PageSession.signedIn(port, fixture.admin());
        String page = admin.get("/placements").body();
        assertThat(page).contains("id=\"placement-rule-form\"", "轮流分配", "data-agency=\"" + agency.id() + "\"")
                .doesNotContain("id=\"standing-rule-form\"");
        var saved = admin.post("/placements/rule", Map.of("rule", "WEIGHTED"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(admin.get("/placements").body()).contains("规则已保存", "<option value=\"WEIGHTED\" selected");
        assertThat(fixture.get("/api/v1/placements/rule", fixture.admin()).json().path("rule").asString())
                .isEqualTo("WEIGHTED");

        org.recourse.PageSession agencyAdmin = org.recourse.PageSession.signedIn(port, agency.admin());
        assertThat(agencyAdmin.get("/placements").body()).contains("id=\"standing-rule-form\"")
                .doesNotContain("id=\"placement-rule-form\"");
        assertThat(agencyAdmin.post("/placements/standing-rule", Map.of("mode", "CAPACITY")).statusCode()).isEqualTo(302);
        assertThat(agencyAdmin.get("/placements").body()).contains("按容量分案时");
        assertThat(agencyAdmin.post("/placements/standing-rule", Map.of("mode", "CAPACITY", "maxOpenPerCollector", "25",
                "keepPrevious", "true")).statusCode()).isEqualTo(302);
        Response standing = fixture.registry.get("/api/v1/placements/assignments/standing-rule", agency.admin());
        assertThat(standing.json().path("mode").asString()).isEqualTo("CAPACITY");
        assertThat(standing.json().path("maxOpenPerCollector").asInt()).isEqualTo(25);
        assertThat(standing.json().path("keepPrevious").asBoolean()).isTrue();
        assertThat(standing.json().path("sameBorrower").asBoolean()).isFalse();
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static boolean absent(tools.jackson.databind.JsonNode node) {
        return node.isNull() || node.isMissingNode();
    }

    /** The last entry of a contract's history. */
    private static final class JsonLast {
        final String action;
        final String by;
        final String reason;

        JsonLast(Response history) {
            var items = history.json();
            var last = items.get(items.size() - 1);
            action = last.path("action").asString();
            by = last.path("by").isNull() || last.path("by").isMissingNode() ? null : last.path("by").asString();
            reason = last.path("reason").asString();
        }
    }

    /** An accepted contract with the agency for the products (empty: any), M1–M2 in 广东 and 湖南. */
    private UUID contract(Registration agency, List<String> products, int maxOpen, int startedDaysAgo) {
        Map<String, Object> request = fixture.contractRequest(agency);
        request.put("products", products);
        request.put("maxOpenPlacements", maxOpen);
        request.put("startDate", today.minusDays(startedDaysAgo).toString());
        return fixture.contract(agency, request, true);
    }

    private void setRule(String rule) {
        Response set = fixture.registry.put("/api/v1/placements/rule", Map.of("rule", rule), fixture.admin());
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
    }

    /** A strategy placing every case with an agency on each of the day offsets, active from today. */
    private void strategy(List<Integer> offsets) {
        List<Map<String, Object>> steps = new ArrayList<>();
        offsets.forEach(offset -> steps.add(Map.of("dayOffset", offset, "action", "PLACE_WITH_AGENCY")));
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("name", "全部");
        segment.put("conditions", Map.of());
        segment.put("steps", steps);
        segment.put("variants", List.of());
        Response created = fixture.post("/api/v1/strategies", Map.of("name", "委外", "segments", List.of(segment)),
                fixture.admin());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        Response activated = fixture.post("/api/v1/strategies/" + created.json().path("id").asString() + "/activate",
                Map.of("from", today.toString()), fixture.admin());
        assertThat(activated.status()).as(activated.raw()).isEqualTo(200);
    }

    /** The night's steps before placement, for this institution. */
    private void segment(LocalDate date) {
        NightlyRun.run(context, institution, date);
        StrategyNight.run(context, institution, date);
    }

    /** A recalled placement of the agency with the institution, with the amounts owed at placing and at the end. */
    private void history(UUID agency, UUID contract, String placed, String ended, Instant now) {
        jdbc.sql("""
                insert into allocation.placement (id, institution_id, account_id, account_ref, agency_id, contract_id,
                    placed_at, placed_by, placed_until, placed_outstanding, recalled_at, recall_kind, recall_reason,
                    recalled_outstanding)
                values (gen_random_uuid(), :i, gen_random_uuid(), 'H-1', :agency, :contract, :placedAt, null, :until,
                    cast(:placed as numeric), :recalledAt, 'REQUEST', '历史', cast(:ended as numeric))
                """).param("i", institution).param("agency", agency).param("contract", contract)
                .param("placedAt", PlacementStore.timestamp(now.minus(30, ChronoUnit.DAYS))).param("until", today)
                .param("placed", placed).param("recalledAt", PlacementStore.timestamp(now.minus(1, ChronoUnit.DAYS)))
                .param("ended", ended).update();
    }

    /** Decisions the agency's people asked about the institution's cases, {@code denied} of them denied. */
    private void decisions(UUID agency, int count, int denied, Instant now) {
        jdbc.sql("""
                insert into compliance.decision (id, institution_id, account_id, borrower_id, contact_point_id, channel,
                    purpose, actor_organisation_id, actor_user_id, outcome, pack, pack_version, evaluated_at,
                    borrower_local_time, local_day, rules, inputs, valid_until)
                select gen_random_uuid(), :i, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'VOICE',
                       'COLLECTION', :agency, :agency, case when g <= :denied then 'DENY' else 'ALLOW' end, 'CN', '1',
                       :at, cast(:at as timestamp), cast(:at as date), '[]', '{}',
                       case when g <= :denied then null else :at end
                  from generate_series(1, :count) g
                """).param("i", institution).param("agency", agency).param("denied", denied).param("count", count)
                .param("at", PlacementStore.timestamp(now.minus(2, ChronoUnit.DAYS))).update();
    }

    /** Waits inside a transaction held open on purpose (a lambda that cannot throw InterruptedException). */
    private static void awaitOrFail(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private <T> List<T> race(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<UUID, Long> liveByContract() {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("""
                select contract_id, count(*) as n from allocation.placement
                 where institution_id = :i and recalled_at is null group by contract_id
                """).param("i", institution)
                .query(row -> {
                    counts.put(row.getObject("contract_id", UUID.class), row.getLong("n"));
                });
        return counts;
    }

    /**
     * Three agencies with a contract each (room for all): one assigning round robin to two collectors, one by
     * capacity to two collectors of at most one case each, one with a collector and no rule.
     */
    private ThreeAgencies threeAgencies() {
        Registration even = fixture.agency();
        Registration capped = fixture.agency();
        Registration none = fixture.agency();
        UUID toEven = contract(even, List.of(), 100, 10);
        UUID toCapped = contract(capped, List.of(), 100, 9);
        UUID toNone = contract(none, List.of(), 100, 8);
        User e1 = fixture.registry.createUser(even.admin(), "COLLECTOR");
        User e2 = fixture.registry.createUser(even.admin(), "COLLECTOR");
        User c1 = fixture.registry.createUser(capped.admin(), "COLLECTOR");
        User c2 = fixture.registry.createUser(capped.admin(), "COLLECTOR");
        User n1 = fixture.registry.createUser(none.admin(), "COLLECTOR");
        assertThat(fixture.registry.put("/api/v1/placements/assignments/standing-rule", Map.of("mode", "ROUND_ROBIN",
                "keepPrevious", false), even.admin()).status()).isEqualTo(200);
        assertThat(fixture.registry.put("/api/v1/placements/assignments/standing-rule", Map.of("mode", "CAPACITY",
                "keepPrevious", false, "maxOpenPerCollector", 1), capped.admin()).status()).isEqualTo(200);
        return new ThreeAgencies(even, capped, none, toEven, toCapped, toNone,
                Map.of(even.id(), List.of(e1.id(), e2.id()), capped.id(), List.of(c1.id(), c2.id()), none.id(),
                        List.of(n1.id())));
    }

    private record ThreeAgencies(Registration even, Registration capped, Registration none, UUID toEven,
            UUID toCapped, UUID toNone, Map<UUID, List<UUID>> staff) {
    }

    /**
     * Four cases placed with each of {@link #threeAgencies}: the first's two collectors took two each, the second's
     * one each (their maximum, two left), the third's none; each case only with its own agency's collectors; one
     * audit line for each agency that assigned, with its own count.
     */
    private void assertAssignedEachByItsRule(ThreeAgencies three, List<UUID> cases) {
        Map<UUID, UUID> collectors = collectors(cases);
        Map<UUID, UUID> agencyOf = new HashMap<>();
        cases.forEach(id -> agencyOf.put(id, jdbc.sql("""
                select agency_id from allocation.placement where institution_id = :i and account_id = :case
                   and recalled_at is null
                """).param("i", institution).param("case", id).query(UUID.class).single()));
        cases.stream().filter(id -> collectors.get(id) != null)
                .forEach(id -> assertThat(three.staff().get(agencyOf.get(id))).contains(collectors.get(id)));
        Map<UUID, Long> held = new HashMap<>();
        collectors.values().stream().filter(Objects::nonNull).forEach(c -> held.merge(c, 1L, Long::sum));
        List<UUID> even = three.staff().get(three.even().id());
        List<UUID> capped = three.staff().get(three.capped().id());
        assertThat(held).containsOnly(Map.entry(even.get(0), 2L), Map.entry(even.get(1), 2L),
                Map.entry(capped.get(0), 1L), Map.entry(capped.get(1), 1L));
        assertThat(jdbc.sql("""
                select organisation_id, details ->> 'assigned' as n from audit.audit_event
                 where action = 'assignment.assigned' and organisation_id = any(:agencies)
                """).param("agencies", new UUID[] {three.even().id(), three.capped().id(), three.none().id()})
                .query((row, n) -> row.getObject("organisation_id", UUID.class) + "=" + row.getString("n")).list())
                .containsExactlyInAnyOrder(three.even().id() + "=4", three.capped().id() + "=2");
    }

    /** The night's assigned count as its record has it. */
    private long assigned(LocalDate date) {
        return jdbc.sql("select assigned from allocation.placement_night where institution_id = :i and business_date = :d")
                .param("i", institution).param("d", date).query(Long.class).single();
    }

    private long placements() {
        return jdbc.sql("select count(*) from allocation.placement where institution_id = :i").param("i", institution)
                .query(Long.class).single();
    }

    private UUID contractOf(UUID caseId) {
        return jdbc.sql("""
                select contract_id from allocation.placement
                 where institution_id = :i and account_id = :case and recalled_at is null
                """).param("i", institution).param("case", caseId).query(UUID.class).optional().orElse(null);
    }

    private List<UUID> byAccountRef(List<UUID> cases) {
        return jdbc.sql("select id from cases.account where institution_id = :i and id = any(:ids)"
                        + " order by account_ref collate \"C\"")
                .param("i", institution).param("ids", cases.toArray(UUID[]::new)).query(UUID.class).list();
    }

    /** The live collector of each case's live placement (null: unassigned). */
    private Map<UUID, UUID> collectors(List<UUID> cases) {
        Map<UUID, UUID> collectors = new HashMap<>();
        cases.forEach(id -> collectors.put(id, null));
        jdbc.sql("""
                select p.account_id, s.collector_id from allocation.placement p
                  join allocation.assignment s on s.placement_id = p.id and s.ended_at is null
                 where p.institution_id = :i and p.recalled_at is null and p.account_id = any(:ids)
                """).param("i", institution).param("ids", cases.toArray(UUID[]::new))
                .query(row -> {
                    collectors.put(row.getObject("account_id", UUID.class), row.getObject("collector_id", UUID.class));
                });
        return collectors;
    }

    private String status(UUID contract) {
        return jdbc.sql("select status from registry.contract where id = :id").param("id", contract)
                .query(String.class).single();
    }
}
