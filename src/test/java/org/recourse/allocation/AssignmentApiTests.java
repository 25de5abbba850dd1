package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Assignment of placed cases to an agency's collectors through the API: each mode's split exactly, a preview that
 * writes nothing, same borrower to the same collector, reassignment only with a reason, history and one audit line
 * per request, roles and tenancy, racing bulk requests that cannot give a case two collectors, and a recall that
 * ends the assignment with the placement.
 */
@RecourseTest
class AssignmentApiTests {

    private static final String ASSIGN = "/api/v1/placements/assignments";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private PlacementFixture fixture;
    private Registration agency;
    private UUID contract;
    private User a;
    private User b;
    private User c;

    @BeforeEach
    void anAgencyWithThreeCollectors() {
        fixture = new PlacementFixture(port, jdbc);
        agency = fixture.agency();
        contract = fixture.contract(agency);
        a = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        b = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        c = fixture.registry.createUser(agency.admin(), "COLLECTOR");
    }

    @Test
    void countSplitsEvenlyInRunsAndThePreviewWritesNothing() {
        List<UUID> cases = placed(10);

        Response preview = assign(request("COUNT", List.of(share(a), share(b), share(c)), true));

        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        assertThat(preview.json().path("preview").asBoolean()).isTrue();
        assertThat(preview.json().path("selected").asInt()).isEqualTo(10);
        assertThat(preview.json().path("assigned").asInt()).isEqualTo(10);
        assertThat(counts(preview)).containsExactly(Map.entry(a.id(), 4), Map.entry(b.id(), 3), Map.entry(c.id(), 3));
        assertThat(liveAssignments()).isZero();
        assertThat(auditLines()).isZero();

        Response done = assign(request("COUNT", List.of(share(a), share(b), share(c)), false));

        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(done.json().path("assigned").asInt()).isEqualTo(10);
        assertThat(done.json().path("skipped").asInt()).isZero();
        // Contiguous runs by account reference (the order the cases were loaded in).
        Map<UUID, UUID> collectors = collectorsByCase();
        for (int i = 0; i < 10; i++) {
            assertThat(collectors.get(cases.get(i))).as("case %d", i).isEqualTo(i < 4 ? a.id() : i < 7 ? b.id() : c.id());
        }
        // One audit line for the request, with its counts.
        assertThat(auditLines()).isOne();
        assertThat(jdbc.sql("select details ->> 'assigned' from audit.audit_event where action = 'assignment.assigned'"
                + " and organisation_id = :agency").param("agency", agency.id()).query(String.class).single()).isEqualTo("10");
        // Nothing unassigned is left to share out.
        assertThat(assign(request("COUNT", List.of(share(a)), false)).json().path("selected").asInt()).isZero();
    }

    @Test
    void outstandingIsBalancedLargestFirstInASnake() {
        List<UUID> cases = fixture.loadOwed(List.of("600", "500", "400", "300", "200", "100"), List.of(1, 2, 3, 4, 5, 6));
        fixture.placed(contract, cases);

        Response preview = assign(request("OUTSTANDING", List.of(share(a), share(b)), true));

        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        JsonNode loads = preview.json().path("collectors");
        assertThat(loads.get(0).path("collectorId").asString()).isEqualTo(a.id().toString());
        assertThat(loads.get(0).path("cases").asInt()).isEqualTo(3);
        assertThat(loads.get(0).path("outstanding").decimalValue()).isEqualByComparingTo("1100.00"); // 600+300+200
        assertThat(loads.get(1).path("cases").asInt()).isEqualTo(3);
        assertThat(loads.get(1).path("outstanding").decimalValue()).isEqualByComparingTo("1000.00"); // 500+400+100

        assign(request("OUTSTANDING", List.of(share(a), share(b)), false));
        Map<UUID, UUID> collectors = collectorsByCase();
        assertThat(List.of(0, 3, 4).stream().map(i -> collectors.get(cases.get(i)))).containsOnly(a.id());
        assertThat(List.of(1, 2, 5).stream().map(i -> collectors.get(cases.get(i)))).containsOnly(b.id());
    }

    @Test
    void percentagesShareTheNumberOfCases() {
        placed(10);
        Map<String, Object> wrong = request("PERCENT",
                List.of(share(a, "percent", 50), share(b, "percent", 30), share(c, "percent", 10)), true);
        Response refused = assign(wrong);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("assignment.percent_total");
        Response missing = assign(request("PERCENT", List.of(share(a, "percent", 100), share(b)), true));
        assertThat(missing.code()).isEqualTo("assignment.percent_required");

        Response done = assign(request("PERCENT",
                List.of(share(a, "percent", 50), share(b, "percent", 30), share(c, "percent", 20)), false));

        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(counts(done)).containsExactly(Map.entry(a.id(), 5), Map.entry(b.id(), 3), Map.entry(c.id(), 2));
        assertThat(liveByCollector()).containsOnly(Map.entry(a.id(), 5L), Map.entry(b.id(), 3L), Map.entry(c.id(), 2L));
    }

    @Test
    void roundRobinDealsInTurnBeginningWithTheLeastLoaded() {
        List<UUID> cases = placed(7);
        assertThat(assignOne(cases.get(0), a, null).status()).isEqualTo(200);
        assertThat(assignOne(cases.get(1), a, null).status()).isEqualTo(200);

        Response done = assign(request("ROUND_ROBIN", List.of(share(a), share(b)), false));

        // a holds two already, so b is dealt first: b, a, b, a, b.
        assertThat(done.json().path("assigned").asInt()).as(done.raw()).isEqualTo(5);
        assertThat(counts(done)).containsExactly(Map.entry(a.id(), 2), Map.entry(b.id(), 3));
        Map<UUID, UUID> collectors = collectorsByCase();
        for (int i = 2; i < 7; i++) {
            assertThat(collectors.get(cases.get(i))).as("case %d", i).isEqualTo(i % 2 == 0 ? b.id() : a.id());
        }
        assertThat(done.json().path("collectors").get(0).path("held").asLong()).isEqualTo(2);
    }

    @Test
    void capacityFillsEachCollectorUpToTheirMaximumAndLeavesTheRest() {
        List<UUID> cases = placed(8);
        assignOne(cases.get(0), a, null);
        Response missing = assign(request("CAPACITY", List.of(share(a, "capacity", 3), share(b)), true));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.code()).isEqualTo("assignment.capacity_required");

        Response done = assign(request("CAPACITY", List.of(share(a, "capacity", 3), share(b, "capacity", 2)), false));

        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(done.json().path("selected").asInt()).isEqualTo(7);
        assertThat(counts(done)).containsExactly(Map.entry(a.id(), 2), Map.entry(b.id(), 2));
        assertThat(done.json().path("leftUnassigned").asInt()).isEqualTo(3);
        assertThat(liveByCollector()).containsOnly(Map.entry(a.id(), 3L), Map.entry(b.id(), 2L));
        Map<UUID, UUID> collectors = collectorsByCase();
        assertThat(List.of(1, 2).stream().map(i -> collectors.get(cases.get(i)))).containsOnly(a.id());
        assertThat(List.of(3, 4).stream().map(i -> collectors.get(cases.get(i)))).containsOnly(b.id());
    }

    @Test
    void aBorrowersCasesGoToOneCollectorAndJoinTheOneWhoHasTheirOthers() {
        // Borrower 1: cases 0, 1, 2; borrower 2: case 3; borrower 3: cases 4 and 5.
        List<UUID> cases = fixture.loadOwed(List.of("100", "100", "100", "100", "100", "100"), List.of(1, 1, 1, 2, 3, 3));
        fixture.placed(contract, cases);
        assertThat(assignOne(cases.get(5), b, null).status()).isEqualTo(200);

        Response done = assign(withSameBorrower(request("ROUND_ROBIN", List.of(share(a), share(c)), false)));

        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(done.json().path("assigned").asInt()).isEqualTo(5);
        Map<UUID, UUID> collectors = collectorsByCase();
        // Borrower 1 as one unit first (both hold nothing: the order named decides), borrower 2 the next in turn.
        assertThat(List.of(0, 1, 2).stream().map(i -> collectors.get(cases.get(i)))).containsOnly(a.id());
        assertThat(collectors.get(cases.get(3))).isEqualTo(c.id());
        // Borrower 3's other case is b's, so this one is b's too, though b was not named.
        assertThat(collectors.get(cases.get(4))).isEqualTo(b.id());

        // Without the rule, the same borrower's cases are dealt one by one.
        List<UUID> more = fixture.loadOwed(List.of("100", "100"), List.of(7, 7));
        fixture.placed(contract, more);
        assign(request("ROUND_ROBIN", List.of(share(a), share(c)), false));
        Map<UUID, UUID> after = collectorsByCase();
        assertThat(after.get(more.get(0))).isNotEqualTo(after.get(more.get(1)));
    }

    @Test
    void movingACaseToAnotherCollectorNeedsAReasonAndKeepsTheHistory() {
        List<UUID> cases = placed(2);
        UUID caseId = cases.get(0);
        assertThat(assignOne(caseId, a, null).status()).isEqualTo(200);

        Response withoutReason = assignOne(caseId, b, null);
        assertThat(withoutReason.status()).as(withoutReason.raw()).isEqualTo(422);
        assertThat(withoutReason.code()).isEqualTo("assignment.reason_required");
        // Giving it to the one who has it changes nothing and needs nothing.
        assertThat(assignOne(caseId, a, null).json().path("assigned").asInt()).isZero();

        Response moved = assignOne(caseId, b, "催收员休假");
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.json().path("reassigned").asInt()).isEqualTo(1);

        List<Map<String, Object>> history = jdbc.sql("""
                select collector_id, previous_collector_id, reason, end_kind, ended_by from allocation.assignment
                 where account_id = :case order by assigned_at, id
                """).param("case", caseId).query().listOfRows();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("collector_id")).isEqualTo(a.id());
        assertThat(history.get(0).get("end_kind")).isEqualTo("REASSIGNED");
        assertThat(history.get(0).get("ended_by")).isNotNull();
        assertThat(history.get(1).get("collector_id")).isEqualTo(b.id());
        assertThat(history.get(1).get("previous_collector_id")).isEqualTo(a.id());
        assertThat(history.get(1).get("reason")).isEqualTo("催收员休假");
        assertThat(history.get(1).get("end_kind")).isNull();

        // In bulk: sharing out assigned cases anew is previewed freely, written only with a reason.
        Map<String, Object> rebalance = request("COUNT", List.of(share(c)), true);
        rebalance.put("includeAssigned", true);
        Response preview = assign(rebalance);
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        assertThat(preview.json().path("reassigned").asInt()).isEqualTo(1);
        assertThat(preview.json().path("assigned").asInt()).isEqualTo(1);
        rebalance.put("preview", false);
        assertThat(assign(rebalance).code()).isEqualTo("assignment.reason_required");
        assertThat(collectorsByCase().get(caseId)).isEqualTo(b.id());
        rebalance.put("reason", "重新分配");
        Response rebalanced = assign(rebalance);
        assertThat(rebalanced.json().path("reassigned").asInt()).as(rebalanced.raw()).isEqualTo(1);
        assertThat(collectorsByCase()).containsOnly(Map.entry(cases.get(0), c.id()), Map.entry(cases.get(1), c.id()));

        // History cannot be rewritten.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql(
                "delete from allocation.assignment where account_id = :case").param("case", caseId).update()))
                .isNotNull();
    }

    @Test
    void onlyTheAgencysAdministratorAssignsAndOnlyItsOwnCasesToItsOwnCollectors() {
        List<UUID> cases = placed(2);
        Registration other = fixture.agency();
        User stranger = fixture.registry.createUser(other.admin(), "COLLECTOR");

        assertThat(fixture.post(ASSIGN, request("COUNT", List.of(share(a)), true), a.login()).status()).isEqualTo(403);
        assertThat(fixture.post(ASSIGN, request("COUNT", List.of(share(a)), true), fixture.admin()).status())
                .isEqualTo(403);
        assertThat(fixture.post("/api/v1/cases/" + cases.get(0) + "/assignment",
                Map.of("collectorId", a.id().toString()), a.login()).status()).isEqualTo(403);

        // Another agency: our cases are not found, by list or one at a time; it has nothing to share out.
        Map<String, Object> named = request("COUNT", List.of(share(stranger)), false);
        named.put("caseIds", cases.stream().map(UUID::toString).toList());
        Response foreign = fixture.post(ASSIGN, named, other.admin());
        assertThat(foreign.status()).as(foreign.raw()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("assignment.case_not_found");
        assertThat(fixture.post("/api/v1/cases/" + cases.get(0) + "/assignment",
                Map.of("collectorId", stranger.id().toString()), other.admin()).status()).isEqualTo(404);
        assertThat(fixture.post(ASSIGN, request("COUNT", List.of(share(stranger)), false), other.admin())
                .json().path("selected").asInt()).isZero();
        // Our agency cannot give cases to another agency's collector.
        Response unknown = assign(request("COUNT", List.of(share(stranger)), false));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("assignment.collector_unknown");
        // A named case that is not placed with us at all.
        Map<String, Object> notPlaced = request("COUNT", List.of(share(a)), false);
        notPlaced.put("caseIds", List.of(owed(1).get(0).toString()));
        assertThat(assign(notPlaced).status()).isEqualTo(404);
        assertThat(liveAssignments()).isZero();
        Response noMode = assign(Map.of("preview", true));
        assertThat(noMode.status()).isEqualTo(400);
    }

    @Test
    void racingBulkAssignmentsNeverGiveACaseTwoCollectors() throws Exception {
        placed(40);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (List<Map<String, Object>> shares : List.of(List.of(share(a), share(b)), List.of(share(c)),
                    List.of(share(b)), List.of(share(a), share(c)))) {
                Callable<Response> task = () -> {
                    start.await();
                    return assign(request("ROUND_ROBIN", shares, false));
                };
                answers.add(pool.submit(task));
            }
            start.countDown();
            int assigned = 0;
            int skipped = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.status()).as(response.raw()).isEqualTo(200);
                assigned += response.json().path("assigned").asInt();
                skipped += response.json().path("skipped").asInt();
            }
            assertThat(assigned).isEqualTo(40);
            assertThat(assigned + skipped).isGreaterThanOrEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(liveAssignments()).isEqualTo(40);
        assertThat(jdbc.sql("""
                select count(*) from (select placement_id from allocation.assignment where agency_id = :agency
                 and ended_at is null group by placement_id having count(*) > 1) twice
                """).param("agency", agency.id()).query(Long.class).single()).isZero();
        // The database itself refuses a second live collector for a placement.
        Map<String, Object> row = jdbc.sql("select * from allocation.assignment where agency_id = :agency limit 1")
                .param("agency", agency.id()).query().singleRow();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql("""
                insert into allocation.assignment (id, placement_id, institution_id, account_id, agency_id, borrower_id,
                    collector_id, assigned_at, assigned_by)
                values (gen_random_uuid(), :placement, :institution, :account, :agency, :borrower, :collector, now(), :by)
                """).param("placement", row.get("placement_id")).param("institution", row.get("institution_id"))
                .param("account", row.get("account_id")).param("agency", agency.id())
                .param("borrower", row.get("borrower_id")).param("collector", c.id()).param("by", c.id()).update()))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    }

    @Test
    void aRecallEndsTheAssignmentAndThePlacementShowsItsCollector() {
        List<UUID> cases = placed(2);
        assign(request("COUNT", List.of(share(a)), false));
        JsonNode views = fixture.get("/api/v1/placements?status=LIVE", agency.admin()).json().path("items");
        assertThat(views).hasSize(2).allSatisfy(view -> {
            assertThat(view.path("collectorId").asString()).isEqualTo(a.id().toString());
            assertThat(view.path("collectorName").asString()).isEqualTo(a.login().username());
        });
        assertThat(fixture.get("/api/v1/placements?collectorId=" + b.id(), agency.admin()).json().path("items")).isEmpty();

        assertThat(fixture.recall(cases.get(0), "机构收回", fixture.admin()).status()).isEqualTo(200);

        Map<String, Object> ended = jdbc.sql("select end_kind, ended_at, ended_by from allocation.assignment"
                + " where account_id = :case").param("case", cases.get(0)).query().singleRow();
        assertThat(ended.get("end_kind")).isEqualTo("RECALLED");
        assertThat(ended.get("ended_at")).isNotNull();
        assertThat(ended.get("ended_by")).isNotNull();
        assertThat(liveAssignments()).isOne();
        // The institution sees who worked it; the recalled placement keeps its last collector.
        JsonNode history = fixture.get("/api/v1/placements?caseId=" + cases.get(0), fixture.admin()).json().path("items");
        assertThat(history.get(0).path("status").asString()).isEqualTo("RECALLED");
        assertThat(history.get(0).path("collectorId").asString()).isEqualTo(a.id().toString());
        // A recalled case cannot be given to anyone.
        assertThat(assignOne(cases.get(0), b, "x").status()).isEqualTo(404);
    }

    private List<UUID> placed(int n) {
        List<UUID> cases = owed(n);
        fixture.placed(contract, cases);
        return cases;
    }

    /** {@code n} cases owing 1,000 each, of {@code n} borrowers. */
    private List<UUID> owed(int n) {
        List<String> principals = new ArrayList<>();
        List<Integer> borrowers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            principals.add("1000");
            borrowers.add(i);
        }
        return fixture.loadOwed(principals, borrowers);
    }

    private static Map<String, Object> share(User collector, Object... more) {
        Map<String, Object> share = new LinkedHashMap<>();
        share.put("collectorId", collector.id().toString());
        for (int i = 0; i < more.length; i += 2) {
            share.put((String) more[i], more[i + 1]);
        }
        return share;
    }

    private static Map<String, Object> request(String mode, List<Map<String, Object>> shares, boolean preview) {
        Map<String, Object> request = new HashMap<>();
        request.put("mode", mode);
        request.put("collectors", shares);
        request.put("preview", preview);
        return request;
    }

    private static Map<String, Object> withSameBorrower(Map<String, Object> request) {
        request.put("sameBorrower", true);
        return request;
    }

    private Response assign(Map<String, ?> request) {
        return fixture.post(ASSIGN, request, agency.admin());
    }

    private Response assignOne(UUID caseId, User collector, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("collectorId", collector.id().toString());
        if (reason != null) {
            body.put("reason", reason);
        }
        return fixture.post("/api/v1/cases/" + caseId + "/assignment", body, agency.admin());
    }

    /** The cases planned per collector, in the answer's order. */
    private static Map<UUID, Integer> counts(Response response) {
        Map<UUID, Integer> counts = new LinkedHashMap<>();
        response.json().path("collectors").forEach(load -> {
            if (load.path("cases").asInt() > 0) {
                counts.put(UUID.fromString(load.path("collectorId").asString()), load.path("cases").asInt());
            }
        });
        return counts;
    }

    private long liveAssignments() {
        return jdbc.sql("select count(*) from allocation.assignment where agency_id = :agency and ended_at is null")
                .param("agency", agency.id()).query(Long.class).single();
    }

    private Map<UUID, Long> liveByCollector() {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("select collector_id, count(*) as n from allocation.assignment where agency_id = :agency"
                + " and ended_at is null group by collector_id").param("agency", agency.id())
                .query(row -> {
                    counts.put(row.getObject("collector_id", UUID.class), row.getLong("n"));
                });
        return counts;
    }

    private Map<UUID, UUID> collectorsByCase() {
        Map<UUID, UUID> collectors = new HashMap<>();
        jdbc.sql("select account_id, collector_id from allocation.assignment where agency_id = :agency"
                + " and ended_at is null").param("agency", agency.id())
                .query(row -> {
                    collectors.put(row.getObject("account_id", UUID.class), row.getObject("collector_id", UUID.class));
                });
        return Collections.unmodifiableMap(collectors);
    }

    private long auditLines() {
        return jdbc.sql("select count(*) from audit.audit_event where action = 'assignment.assigned'"
                + " and organisation_id = :agency").param("agency", agency.id()).query(Long.class).single();
    }
}
