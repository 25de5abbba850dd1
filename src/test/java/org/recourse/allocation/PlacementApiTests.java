package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.recourse.allocation.PlacementFixture.refusals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.allocation.PlacementFixture.Account;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Placements through the API, as an institution's systems and an agency's administrator use them: cases placed
 * under a contract in force within its scope and capacity, every other case refused with its reason; one agency
 * per case at a time, held by the database even against racing requests; recalls on request, at the end of the
 * period and with the contract, history kept; the outsourcing notice recorded once.
 */
@RecourseTest
class PlacementApiTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PeriodEndStep periodEnd;

    private PlacementFixture fixture;
    private Login admin;

    @BeforeEach
    void anInstitution() {
        fixture = new PlacementFixture(port, jdbc);
        admin = fixture.admin();
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void placesChosenCasesAndSaysWhyEachOtherIsRefused() {
        List<UUID> cases = fixture.load(List.of(
                new Account("现金贷", "广东省", 10),
                new Account("现金贷", "湖南省", 40),
                new Account("消费分期", "广东省", 10),
                new Account("现金贷", "北京市", 10),
                new Account("现金贷", "广东省", 100),
                new Account("现金贷", "广东省", 10)));
        Response closed = fixture.post("/api/v1/cases/" + cases.get(5) + "/status",
                Map.of("status", "CLOSED", "reason", "已核销"), admin);
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        PlacementFixture other = new PlacementFixture(port, jdbc);
        UUID othersCase = other.load(1).get(0);
        UUID unknown = UUID.randomUUID();
        Registration agency = fixture.agency();
        UUID contract = fixture.contract(agency);

        List<UUID> asked = new ArrayList<>(cases);
        asked.add(unknown);
        asked.add(othersCase);
        Response placing = fixture.post("/api/v1/placements", Map.of("contractId", contract.toString(),
                "caseIds", asked.stream().map(UUID::toString).toList()), admin);

        assertThat(placing.status()).as(placing.raw()).isEqualTo(200);
        JsonNode body = placing.json();
        assertThat(body.path("agencyId").asString()).isEqualTo(agency.id().toString());
        assertThat(body.path("placedUntil").asString()).isEqualTo(fixture.today.plusDays(30).toString());
        List<String> placed = new ArrayList<>();
        body.path("placed").forEach(item -> placed.add(item.path("caseId").asString()));
        assertThat(placed).containsExactlyInAnyOrder(cases.get(0).toString(), cases.get(1).toString());
        assertThat(refusals(placing)).containsExactly(
                Map.entry(cases.get(2), "placement.out_of_scope"),
                Map.entry(cases.get(3), "placement.out_of_scope"),
                Map.entry(cases.get(4), "placement.out_of_scope"),
                Map.entry(cases.get(5), "placement.case_closed"),
                Map.entry(unknown, "placement.case_not_found"),
                Map.entry(othersCase, "placement.case_not_found"));
        assertThat(body.path("refused").get(0).path("message").asString()).contains("委托协议范围");

        // Placed once: again, with this agency or another, it is refused; nothing else changed.
        Registration second = fixture.agency();
        UUID secondContract = fixture.contract(second);
        assertThat(refusals(fixture.place(contract, List.of(cases.get(0)))))
                .containsExactly(Map.entry(cases.get(0), "placement.already_placed"));
        assertThat(refusals(fixture.place(secondContract, List.of(cases.get(0), cases.get(1)))))
                .containsOnlyKeys(cases.get(0), cases.get(1)).containsValue("placement.already_placed");

        JsonNode live = fixture.get("/api/v1/placements?status=LIVE", admin).json().path("items");
        assertThat(live).hasSize(2);
        JsonNode first = live.get(0);
        assertThat(first.path("agencyName").asString()).isEqualTo(agency.name());
        assertThat(first.path("institutionName").asString()).isEqualTo(fixture.institution.name());
        assertThat(first.path("contractId").asString()).isEqualTo(contract.toString());
        assertThat(first.path("status").asString()).isEqualTo("LIVE");
        assertThat(first.path("placedBy").asString()).isEqualTo(admin.username());
        assertThat(first.path("notice").path("status").asString()).isEqualTo("PENDING");
        assertThat(jdbc.sql("select count(*) from audit.audit_event where action = 'placement.placed' and organisation_id = :i")
                .param("i", fixture.institution.id()).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void refusesWhatIsNotAContractInForceOrNotTheInstitutions() {
        List<UUID> cases = fixture.load(2);
        Registration agency = fixture.agency();
        UUID draft = fixture.contract(agency, fixture.contractRequest(agency), false);
        Map<String, Object> later = fixture.contractRequest(agency);
        later.put("startDate", fixture.today.plusDays(1).toString());
        UUID notYet = fixture.contract(agency, later, true);
        UUID suspended = fixture.contract(agency);
        assertThat(fixture.post("/api/v1/contracts/" + suspended + "/suspend", Map.of("reason", "投诉核查"), admin).status())
                .isEqualTo(200);

        for (UUID contract : List.of(draft, notYet, suspended)) {
            Response refused = fixture.place(contract, cases);
            assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("placement.contract_not_active");
        }
        // By agency: none in force, then exactly one, then two (name one).
        Map<String, Object> byAgency = Map.of("agencyId", agency.id().toString(), "caseIds", List.of(cases.get(0)));
        assertThat(fixture.post("/api/v1/placements", byAgency, admin).code()).isEqualTo("placement.contract_not_active");
        UUID active = fixture.contract(agency);
        Response one = fixture.post("/api/v1/placements", byAgency, admin);
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        assertThat(one.json().path("contractId").asString()).isEqualTo(active.toString());
        fixture.contract(agency);
        assertThat(fixture.post("/api/v1/placements", Map.of("agencyId", agency.id().toString(),
                "caseIds", List.of(cases.get(1))), admin).code()).isEqualTo("placement.contract_ambiguous");
        assertThat(fixture.post("/api/v1/placements", Map.of("contractId", active.toString(),
                "agencyId", fixture.agency().id().toString(), "caseIds", List.of(cases.get(1))), admin).code())
                .isEqualTo("placement.agency_mismatch");

        // Another institution's contract is not found; malformed requests name their fields; roles.
        PlacementFixture other = new PlacementFixture(port, jdbc);
        Response foreign = fixture.post("/api/v1/placements", Map.of("contractId", active.toString(),
                "caseIds", List.of(other.load(1).get(0))), other.admin());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("placement.contract_not_found");
        Response empty = fixture.post("/api/v1/placements", Map.of("caseIds", List.of()), admin);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.fieldErrors()).containsExactlyInAnyOrder("contractId:required", "caseIds:required");
        Login operator = fixture.registry.createUser(admin, "INSTITUTION_OPERATOR").login();
        assertThat(fixture.place(active, cases).status()).isEqualTo(200);
        assertThat(fixture.post("/api/v1/placements", Map.of("contractId", active.toString(), "caseIds", cases), operator)
                .status()).isEqualTo(403);
        assertThat(fixture.post("/api/v1/placements", Map.of("contractId", active.toString(), "caseIds", cases),
                agency.admin()).status()).isEqualTo(403);
    }

    @Test
    void keepsToTheContractsLimitOfOpenPlacements() {
        List<UUID> cases = fixture.load(5);
        Registration agency = fixture.agency();
        Map<String, Object> request = fixture.contractRequest(agency);
        request.put("maxOpenPlacements", 3);
        UUID contract = fixture.contract(agency, request, true);

        Response placing = fixture.place(contract, cases);

        assertThat(placing.json().path("placed")).hasSize(3);
        assertThat(refusals(placing)).containsExactly(Map.entry(cases.get(3), "placement.capacity"),
                Map.entry(cases.get(4), "placement.capacity"));
        // A recall makes room for one more.
        assertThat(fixture.recall(cases.get(0), "机构自行处理", admin).status()).isEqualTo(200);
        assertThat(refusals(fixture.place(contract, cases.subList(3, 5))))
                .containsExactly(Map.entry(cases.get(4), "placement.capacity"));
    }

    @Test
    void holdsOneLivePlacementPerCaseInTheDatabaseAndKeepsHistory() {
        UUID caseId = fixture.load(1).get(0);
        Registration agency = fixture.agency();
        UUID placement = fixture.placed(fixture.contract(agency), List.of(caseId)).get(0);

        // Around the application, straight into the table: the index still refuses a second live placement.
        assertThatThrownBy(() -> jdbc.sql("""
                insert into allocation.placement (id, institution_id, account_id, account_ref, agency_id, contract_id,
                    placed_at, placed_by, placed_until)
                select gen_random_uuid(), institution_id, account_id, account_ref, gen_random_uuid(), contract_id,
                       placed_at, placed_by, placed_until
                  from allocation.placement where id = :id
                """).param("id", placement).update()).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.sql("delete from allocation.placement where id = :id").param("id", placement)
                .update()).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("update allocation.placement set placed_until = placed_until + 1 where id = :id")
                .param("id", placement).update()).isInstanceOf(DataAccessException.class);
    }

    @Test
    void twoRequestsRacingForOneCaseHaveOneWinner() throws Exception {
        int rounds = 8;
        List<UUID> cases = fixture.load(rounds + 2);
        UUID first = fixture.contract(fixture.agency());
        UUID second = fixture.contract(fixture.agency());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                UUID caseId = cases.get(round);
                List<Response> answers = race(pool, () -> fixture.place(first, List.of(caseId)),
                        () -> fixture.place(second, List.of(caseId)));
                assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.raw()).isEqualTo(200));
                assertThat(answers.stream().filter(answer -> answer.json().path("placed").size() == 1).count())
                        .as("round %d: %s", round, answers).isOne();
                assertThat(answers.stream().map(PlacementFixture::refusals).filter(codes -> !codes.isEmpty()))
                        .containsExactly(Map.of(caseId, "placement.already_placed"));
            }
            // Overlapping sets in opposite orders: no deadlock, every case placed exactly once.
            UUID a = cases.get(rounds);
            UUID b = cases.get(rounds + 1);
            List<Response> both = race(pool, () -> fixture.place(first, List.of(a, b)),
                    () -> fixture.place(second, List.of(b, a)));
            assertThat(both).allSatisfy(answer -> assertThat(answer.status()).as(answer.raw()).isEqualTo(200));
            assertThat(both.get(0).json().path("placed").size() + both.get(1).json().path("placed").size()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("""
                select count(*) from allocation.placement where institution_id = :i and recalled_at is null
                """).param("i", fixture.institution.id()).query(Long.class).single()).isEqualTo(rounds + 2);
    }

    @Test
    void recallsOnRequestAndKeepsTheHistory() {
        UUID caseId = fixture.load(1).get(0);
        Registration agency = fixture.agency();
        UUID contract = fixture.contract(agency);
        UUID placement = fixture.placed(contract, List.of(caseId)).get(0);

        assertThat(fixture.recall(caseId, " ", admin).fieldErrors()).containsExactly("reason:required");
        assertThat(fixture.recall(caseId, "借款人投诉", agency.admin()).status()).isEqualTo(403);
        PlacementFixture other = new PlacementFixture(port, jdbc);
        Response foreign = fixture.recall(caseId, "x", other.admin());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("placement.case_not_found");
        assertThat(fixture.recall(UUID.randomUUID(), "x", admin).status()).isEqualTo(404);

        Response recalled = fixture.recall(caseId, "借款人投诉", admin);

        assertThat(recalled.status()).as(recalled.raw()).isEqualTo(200);
        assertThat(recalled.json().path("id").asString()).isEqualTo(placement.toString());
        assertThat(recalled.json().path("status").asString()).isEqualTo("RECALLED");
        assertThat(recalled.json().path("recallKind").asString()).isEqualTo("REQUEST");
        assertThat(recalled.json().path("recallReason").asString()).isEqualTo("借款人投诉");
        assertThat(recalled.json().path("recalledBy").asString()).isEqualTo(admin.username());
        Response again = fixture.recall(caseId, "借款人投诉", admin);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("placement.not_placed");

        // Placed again later: a new placement; the old one stays on record.
        UUID second = fixture.placed(contract, List.of(caseId)).get(0);
        JsonNode history = fixture.get("/api/v1/placements?caseId=" + caseId, admin).json().path("items");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("id").asString()).isEqualTo(second.toString());
        assertThat(history.get(0).path("status").asString()).isEqualTo("LIVE");
        assertThat(history.get(1).path("status").asString()).isEqualTo("RECALLED");
        assertThat(jdbc.sql("select count(*) from audit.audit_event where action = 'placement.recalled' and subject = :s")
                .param("s", "case/" + caseId + "/placement/" + placement).query(Long.class).single()).isOne();
    }

    @Test
    void showsEachPartyOnlyItsOwnPlacements() {
        List<UUID> cases = fixture.load(3);
        Registration a = fixture.agency();
        Registration b = fixture.agency();
        fixture.placed(fixture.contract(a), cases.subList(0, 2));
        fixture.placed(fixture.contract(b), cases.subList(2, 3));
        Login collectorOfA = fixture.registry.createUser(a.admin(), "COLLECTOR").login();
        PlacementFixture other = new PlacementFixture(port, jdbc);

        assertThat(items("/api/v1/placements", admin)).hasSize(3);
        assertThat(items("/api/v1/placements?agencyId=" + a.id(), admin)).hasSize(2);
        assertThat(items("/api/v1/placements?status=RECALLED", admin)).isEmpty();
        assertThat(items("/api/v1/placements", a.admin())).hasSize(2)
                .allSatisfy(item -> assertThat(item.path("agencyId").asString()).isEqualTo(a.id().toString()));
        assertThat(items("/api/v1/placements?agencyId=" + b.id(), a.admin())).isEmpty();
        assertThat(items("/api/v1/placements", b.admin())).hasSize(1);
        assertThat(items("/api/v1/placements", other.admin())).isEmpty();
        assertThat(fixture.get("/api/v1/placements", collectorOfA).status()).isEqualTo(403);
        String anyOfA = items("/api/v1/placements", a.admin()).get(0).path("id").asString();
        assertThat(fixture.get("/api/v1/placements/" + anyOfA, b.admin()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/placements/" + anyOfA, other.admin()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/placements/" + anyOfA, a.admin()).status()).isEqualTo(200);

        // Pages of one, newest first, by cursor.
        JsonNode page = fixture.get("/api/v1/placements?size=2", admin).json();
        assertThat(page.path("items")).hasSize(2);
        JsonNode rest = fixture.get("/api/v1/placements?size=2&cursor=" + page.path("next").asString(), admin).json();
        assertThat(rest.path("items")).hasSize(1);
        assertThat(rest.has("next")).isFalse();
        assertThat(fixture.get("/api/v1/placements?cursor=nope", admin).status()).isEqualTo(400);
    }

    @Test
    void recordsTheOutsourcingNoticeOnce() {
        UUID caseId = fixture.load(1).get(0);
        Registration agency = fixture.agency();
        UUID placement = fixture.placed(fixture.contract(agency), List.of(caseId)).get(0);
        Instant now = fixture.registry.clock();

        Response future = fixture.noticeSent(placement, now.plusSeconds(3600), admin);
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.code()).isEqualTo("placement.notice_in_future");
        Response missing = fixture.post("/api/v1/placements/" + placement + "/notice", Map.of("sentAt", now.toString()),
                admin);
        assertThat(missing.fieldErrors()).containsExactly("channel:required");
        assertThat(fixture.noticeSent(placement, now, agency.admin()).status()).isEqualTo(403);
        assertThat(fixture.noticeSent(placement, now, new PlacementFixture(port, jdbc).admin()).status()).isEqualTo(404);

        Instant sent = now.minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Response recorded = fixture.noticeSent(placement, sent, admin);

        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);
        assertThat(recorded.json().path("notice").path("status").asString()).isEqualTo("SENT");
        assertThat(Instant.parse(recorded.json().path("notice").path("sentAt").asString())).isEqualTo(sent);
        assertThat(recorded.json().path("notice").path("channel").asString()).isEqualTo("SMS");
        Response again = fixture.noticeSent(placement, now, admin);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("placement.notice_already_sent");
        // The agency sees where the notice stands.
        assertThat(fixture.get("/api/v1/placements/" + placement, agency.admin()).json().path("notice").path("status")
                .asString()).isEqualTo("SENT");
    }

    @Test
    void recallsPlacementsAtNightOnceTheirPeriodHasEnded() {
        UUID caseId = fixture.load(1).get(0);
        Registration agency = fixture.agency();
        Map<String, Object> request = fixture.contractRequest(agency);
        request.put("endDate", fixture.today.toString());
        UUID placement = fixture.placed(fixture.contract(agency, request, true), List.of(caseId)).get(0);

        // The last day is still going on: a run for today started by hand leaves it alone.
        periodEnd.run(fixture.today, (processed, changed) -> { });
        assertThat(status(placement)).isEqualTo("LIVE");

        fixture.registry.setClock(fixture.today.plusDays(1).atTime(1, 30).atZone(SHANGHAI).toInstant());
        periodEnd.run(fixture.today, (processed, changed) -> { });

        JsonNode ended = fixture.get("/api/v1/placements/" + placement, admin).json();
        assertThat(ended.path("status").asString()).isEqualTo("RECALLED");
        assertThat(ended.path("recallKind").asString()).isEqualTo("PERIOD_ENDED");
        assertThat(ended.path("recallReason").asString()).isEqualTo("period ended");
        assertThat(ended.has("recalledBy")).isFalse();
        // Repeating the date finds nothing left to do.
        assertThat(periodEnd.recallEnded(fixture.institution.id(), fixture.today)).isZero();
    }

    @Test
    void recallsAContractsPlacementsWhenItIsSuspendedOrEnded() {
        List<UUID> cases = fixture.load(3);
        Registration agency = fixture.agency();
        UUID contract = fixture.contract(agency);
        List<UUID> placements = fixture.placed(contract, cases.subList(0, 2));

        assertThat(fixture.post("/api/v1/contracts/" + contract + "/suspend", Map.of("reason", "投诉核查"), admin)
                .status()).isEqualTo(200);

        for (UUID placement : placements) {
            JsonNode view = fixture.get("/api/v1/placements/" + placement, admin).json();
            assertThat(view.path("status").asString()).isEqualTo("RECALLED");
            assertThat(view.path("recallKind").asString()).isEqualTo("CONTRACT_SUSPENDED");
            assertThat(view.path("recallReason").asString()).isEqualTo("投诉核查");
        }
        assertThat(fixture.place(contract, cases.subList(2, 3)).code()).isEqualTo("placement.contract_not_active");
        // Resumed, nothing comes back by itself; placed anew, then ended with the contract.
        assertThat(fixture.post("/api/v1/contracts/" + contract + "/resume", Map.of(), admin).status()).isEqualTo(200);
        assertThat(items("/api/v1/placements?status=LIVE", admin)).isEmpty();
        UUID again = fixture.placed(contract, cases.subList(2, 3)).get(0);
        assertThat(fixture.post("/api/v1/contracts/" + contract + "/end", Map.of("reason", "合作结束"), admin).status())
                .isEqualTo(200);
        assertThat(fixture.get("/api/v1/placements/" + again, admin).json().path("recallKind").asString())
                .isEqualTo("CONTRACT_ENDED");
    }

    private JsonNode items(String path, Login login) {
        Response response = fixture.get(path, login);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().path("items");
    }

    private String status(UUID placement) {
        return fixture.get("/api/v1/placements/" + placement, admin).json().path("status").asString();
    }

    /** Both requests at once. */
    private static List<Response> race(ExecutorService pool, Callable<Response> one, Callable<Response> two)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Future<Response> a = pool.submit(() -> {
            start.await();
            return one.call();
        });
        Future<Response> b = pool.submit(() -> {
            start.await();
            return two.call();
        });
        start.countDown();
        return List.of(a.get(), b.get());
    }
}
