package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.intake.IntakeApiFixtures;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Cases through the API, as an institution's systems use them: listed with filters and a cursor, read
 * masked, revealed by an administrator only (audited), moved along the lifecycle, held and released; and
 * the nightly delinquency step that takes cases up and moves them between buckets.
 */
@RecourseTest
class CaseApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DelinquencyStep delinquency;

    @Autowired
    PortfolioStep portfolio;

    private IntakeApiFixtures intake;
    private RegistryApiFixtures registry;
    private Registration institution;
    private Login admin;
    private List<List<String>> rows;
    private LocalDate today;

    @BeforeEach
    void anInstitutionWithTenAccountsDueOnKnownDays() {
        intake = new IntakeApiFixtures(port, jdbc);
        registry = intake.registry();
        institution = intake.institution();
        admin = institution.admin();
        today = intake.today();
        rows = validRows(intake.sample(41), 1, 10);
        for (int i = 0; i < rows.size(); i++) {
            // 5, 25, 45, … 185 days past due today: two cases per 40 days, across every standard bucket.
            LocalDate due = today.minusDays(5 + 20L * i);
            rows.get(i).set(column("due_date"), due.toString());
            rows.get(i).set(column("loan_date"), due.minusMonths(3).toString());
        }
        intake.load(admin, "cases.csv", csv(rows));
    }

    @Test
    void listsCasesMaskedWithDaysPastDueAndBucketsOfToday() {
        JsonNode page = get("/api/v1/cases?size=50", admin).json();

        assertThat(page.path("items")).hasSize(10);
        JsonNode first = page.path("items").get(0);
        // Sorted by days past due, most first.
        assertThat(first.path("dpd").asLong()).isEqualTo(185);
        assertThat(first.path("bucket").asString()).isEqualTo("M6+");
        assertThat(first.path("status").asString()).isEqualTo("NEW");
        assertThat(first.path("borrowerName").asString()).contains("*");
        assertThat(page.path("asOf").asString()).isEqualTo(today.toString());
        assertThat(page.toString()).doesNotContain(rows.get(9).get(column("id_number")))
                .doesNotContain(rows.get(9).get(column("mobile")));
    }

    @Test
    void filtersByBucketAndDaysPastDue() {
        assertThat(dpds("/api/v1/cases?bucket=M2")).containsExactly(45L);
        assertThat(dpds("/api/v1/cases?minDpd=60&maxDpd=130")).containsExactly(125L, 105L, 85L, 65L);
        assertThat(dpds("/api/v1/cases?bucket=M1&minDpd=10")).containsExactly(25L);
        assertThat(dpds("/api/v1/cases?bucket=NOPE")).isEmpty();
    }

    @Test
    void pagesWithACursorThroughEveryCaseOnce() {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/v1/cases?size=3&sort=OUTSTANDING_DESC" + (cursor == null ? "" : "&cursor=" + cursor),
                    admin).json();
            page.path("items").forEach(item -> assertThat(seen.add(item.path("id").asString())).isTrue());
            cursor = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asString();
            pages++;
        } while (cursor != null);

        assertThat(seen).hasSize(10);
        assertThat(pages).isEqualTo(4);
        // By number too, for callers that count pages: the same rows in the same order.
        List<String> numbered = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            get("/api/v1/cases?size=3&sort=OUTSTANDING_DESC&page=" + page, admin).json().path("items")
                    .forEach(item -> numbered.add(item.path("id").asString()));
        }
        assertThat(numbered).hasSize(10).containsExactlyInAnyOrderElementsOf(seen);
        assertThat(get("/api/v1/cases?size=3&page=1", admin).json().path("page").asInt()).isOne();
        assertThat(get("/api/v1/cases?cursor=not-a-cursor", admin).code()).isEqualTo("case.cursor_invalid");
    }

    @Test
    void showsACaseMaskedWithContactPointsThatKeepTheirIds() {
        UUID id = caseOf(0);

        JsonNode detail = get("/api/v1/cases/" + id, admin).json();

        assertThat(detail.path("accountRef").asString()).isEqualTo(rows.get(0).get(column("account_ref")));
        assertThat(detail.path("dpd").asLong()).isEqualTo(5);
        assertThat(detail.path("bucket").asString()).isEqualTo("M1");
        assertThat(detail.path("outstanding").path("currency").asString()).isEqualTo("CNY");
        assertThat(detail.path("borrower").path("idNumber").asString()).contains("*");
        assertThat(detail.path("borrower").path("mobile").asString()).contains("****");
        List<String> kinds = new ArrayList<>();
        detail.path("contactPoints").forEach(point -> kinds.add(point.path("owner").asString() + ":"
                + point.path("kind").asString()));
        assertThat(kinds).contains("BORROWER:MOBILE");
        JsonNode mobile = detail.path("contactPoints").get(0);
        assertThat(mobile.path("value").asString()).contains("****");
        assertThat(mobile.path("source").asString()).isEqualTo("INTAKE");
        assertThat(get("/api/v1/cases/" + id, admin).json().path("contactPoints").get(0).path("id").asString())
                .isEqualTo(mobile.path("id").asString());
        assertThat(detail.toString()).doesNotContain(rows.get(0).get(column("mobile")));
    }

    @Test
    void revealsTheBorrowerToAnAdministratorOnlyAndAuditsIt() {
        UUID id = caseOf(0);
        Login operator = registry.createUser(admin, "INSTITUTION_OPERATOR").login();

        Response revealed = post("/api/v1/cases/" + id + "/reveal", Map.of(), admin);
        Response refused = post("/api/v1/cases/" + id + "/reveal", Map.of(), operator);

        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.json().path("borrower").path("idNumber").asString())
                .isEqualTo(rows.get(0).get(column("id_number")).toUpperCase());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit.audit_event where action = 'personal_data.revealed'"
                        + " and subject = :subject").param("subject", "case/" + id + "/borrower")
                .query(Long.class).single()).isOne();
    }

    @Test
    void keepsOtherTenantsAndAgenciesOut() {
        UUID id = caseOf(0);
        Registration other = intake.institution();
        Registration agency = registry.registerApproved("AGENCY");

        assertThat(get("/api/v1/cases/" + id, other.admin()).code()).isEqualTo("case.not_found");
        assertThat(get("/api/v1/cases", other.admin()).json().path("items")).isEmpty();
        assertThat(post("/api/v1/cases/" + id + "/holds", Map.of("kind", "LEGAL", "reason", "x"), other.admin()).status())
                .isEqualTo(404);
        // An agency reads only the cases placed with it; none are, so it lists nothing and finds nothing.
        assertThat(get("/api/v1/cases", agency.admin()).json().path("items")).isEmpty();
        assertThat(get("/api/v1/cases/" + id, agency.admin()).status()).isEqualTo(404);
    }

    @Test
    void setsABackdatedHoldAndLiftsItOnceWithAReason() {
        UUID id = caseOf(1);

        Response set = post("/api/v1/cases/" + id + "/holds",
                Map.of("kind", "DISPUTED", "reason", "借款人称已还款", "startsOn", today.minusDays(3).toString()), admin);
        assertThat(set.status()).as(set.raw()).isEqualTo(201);
        String hold = set.json().path("id").asString();
        JsonNode held = get("/api/v1/cases/" + id, admin).json();
        assertThat(held.path("holds").get(0).path("kind").asString()).isEqualTo("DISPUTED");
        assertThat(held.path("holds").get(0).path("active").asBoolean()).isTrue();
        assertThat(held.path("holds").get(0).path("startsOn").asString()).isEqualTo(today.minusDays(3).toString());
        assertThat(dpds("/api/v1/cases?hold=DISPUTED")).containsExactly(25L);

        Response noReason = registry.send("DELETE", "/api/v1/cases/" + id + "/holds/" + hold, "application/json", "{}",
                admin);
        Response lifted = registry.send("DELETE", "/api/v1/cases/" + id + "/holds/" + hold, "application/json",
                "{\"reason\":\"核实有误\"}", admin);
        Response again = registry.send("DELETE", "/api/v1/cases/" + id + "/holds/" + hold + "?reason=again", null, null,
                admin);

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.fieldErrors()).contains("reason:required");
        assertThat(lifted.status()).isEqualTo(204);
        assertThat(again.code()).isEqualTo("case.hold_already_lifted");
        JsonNode after = get("/api/v1/cases/" + id, admin).json().path("holds").get(0);
        assertThat(after.path("active").asBoolean()).isFalse();
        assertThat(after.path("liftReason").asString()).isEqualTo("核实有误");
    }

    @Test
    void refusesHoldsThatStartTomorrowOrHaveNoKind() {
        Response refused = post("/api/v1/cases/" + caseOf(0) + "/holds",
                Map.of("reason", "x", "startsOn", today.plusDays(1).toString()), admin);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fieldErrors()).contains("kind:required", "startsOn:case.hold_starts_in_future");
    }

    @Test
    void movesCasesOnlyAlongTheTransitionTableAndKeepsHistory() {
        UUID id = caseOf(2);

        Response forbidden = post("/api/v1/cases/" + id + "/status", Map.of("status", "SETTLED", "reason", "协商结清"),
                admin);
        Response closed = post("/api/v1/cases/" + id + "/status", Map.of("status", "RECALLED", "reason", "机构收回"),
                admin);

        assertThat(forbidden.code()).isEqualTo("case.transition_forbidden");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertThat(closed.json().path("status").asString()).isEqualTo("RECALLED");
        JsonNode change = closed.json().path("statusHistory").get(0);
        assertThat(change.path("from").asString()).isEqualTo("NEW");
        assertThat(change.path("reason").asString()).isEqualTo("机构收回");
        assertThat(change.path("actorKind").asString()).isEqualTo("user");
    }

    @Test
    void takesUpCasesAtNightMovesOnlyThoseThatCrossABandAndRepeatsNothing() {
        long[] first = delinquency.runFor(institution.id(), today);
        long[] again = delinquency.runFor(institution.id(), today);
        long[] nextDay = delinquency.runFor(institution.id(), today.plusDays(1));

        assertThat(first).containsExactly(10, 10);
        assertThat(again).containsExactly(10, 0);
        // 45 → 46 days stays in M2; nothing is 30 or 60 … days past due today, so nothing crosses tomorrow.
        assertThat(nextDay).containsExactly(10, 0);
        // Six days later 25 → 31 (M1 → M2), 85 → 91 (M3 → M4) and 145 → 151 (M5 → M6) cross; the rest stay.
        assertThat(delinquency.runFor(institution.id(), today.plusDays(6))).containsExactly(10, 3);
        UUID id = caseOf(1);
        JsonNode history = get("/api/v1/cases/" + id, admin).json().path("bucketHistory");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("from").asString()).isEqualTo("M1");
        assertThat(history.get(1).path("to").asString()).isEqualTo("M2");
        assertThat(history.get(1).path("dpd").asInt()).isEqualTo(31);
        assertThat(get("/api/v1/cases/" + id, admin).json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void stopsCountingAClosedCase() {
        delinquency.runFor(institution.id(), today);
        UUID id = caseOf(0);
        post("/api/v1/cases/" + id + "/status", Map.of("status", "CLOSED", "reason", "机构结案"), admin);

        long moved = delinquency.runFor(institution.id(), today.plusDays(40))[1];

        assertThat(get("/api/v1/cases/" + id, admin).json().path("dpd").asLong()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from cases.bucket_change where account_id = :id").param("id", id)
                .query(Long.class).single()).isOne();
        assertThat(moved).isPositive();
    }

    @Test
    void keepsThePortfolioOfTheNightEqualToTheAccounts() {
        delinquency.runFor(institution.id(), today);
        portfolio.snapshot(institution.id(), today);

        JsonNode buckets = get("/api/v1/cases/portfolio", admin).json().path("buckets");

        long cases = 0;
        for (JsonNode bucket : buckets) {
            cases += bucket.path("cases").asLong();
        }
        assertThat(cases).isEqualTo(10);
        assertThat(buckets.get(0).path("bucket").asString()).isEqualTo("M1");
        // Maintained aggregate equals the raw query over the accounts.
        String raw = jdbc.sql("""
                select sum(principal_outstanding + interest_outstanding + fees_outstanding + penalty_outstanding)
                  from cases.account where institution_id = :institution
                """).param("institution", institution.id()).query(java.math.BigDecimal.class).single()
                .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (JsonNode bucket : buckets) {
            total = total.add(bucket.path("outstanding").decimalValue());
        }
        assertThat(total.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()).isEqualTo(raw);
    }

    @Test
    void marksACasePaidWhenAFileBringsWhatIsOwedToZero() {
        delinquency.runFor(institution.id(), today);
        List<List<String>> paid = new ArrayList<>(rows.subList(3, 4).stream().map(ArrayList::new).toList());
        for (String part : List.of("principal_outstanding", "interest_outstanding", "fees_outstanding",
                "penalty_outstanding")) {
            paid.get(0).set(column(part), "0");
        }

        JsonNode batch = intake.load(admin, "paid.csv", csv(paid));

        assertThat(batch.path("updatedAccounts").asLong()).as(batch.toString()).isOne();
        JsonNode detail = get("/api/v1/cases/" + caseOf(3), admin).json();
        assertThat(detail.path("status").asString()).isEqualTo("PAID");
        assertThat(detail.path("statusHistory").get(1).path("reason").asString()).isEqualTo("intake.paid_in_full");
    }

    @Test
    void letsAnAdministratorSetBandsAndRefusesBadOnes() {
        Response bad = registry.send("PUT", "/api/v1/cases/settings", "application/json",
                "{\"zone\":\"Asia/Shanghai\",\"bands\":[{\"name\":\"A\",\"minDpd\":1,\"maxDpd\":10},"
                        + "{\"name\":\"B\",\"minDpd\":12,\"maxDpd\":null}]}", admin);
        Response good = registry.send("PUT", "/api/v1/cases/settings", "application/json",
                "{\"zone\":\"Asia/Shanghai\",\"bands\":[{\"name\":\"EARLY\",\"minDpd\":1,\"maxDpd\":100},"
                        + "{\"name\":\"LATE\",\"minDpd\":101,\"maxDpd\":null}]}", admin);

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.code()).isEqualTo("case.bands_invalid");
        assertThat(bad.fieldErrors()).contains("bands[1].minDpd:case.bands_invalid");
        assertThat(good.status()).as(good.raw()).isEqualTo(200);
        assertThat(dpds("/api/v1/cases?bucket=LATE")).containsExactly(185L, 165L, 145L, 125L, 105L);
    }

    private List<Long> dpds(String path) {
        Response response = get(path, admin);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<Long> dpds = new ArrayList<>();
        response.json().path("items").forEach(item -> dpds.add(item.path("dpd").asLong()));
        return dpds;
    }

    private UUID caseOf(int row) {
        return jdbc.sql("select id from cases.account where institution_id = :institution and account_ref = :ref")
                .param("institution", institution.id()).param("ref", rows.get(row).get(column("account_ref")))
                .query(UUID.class).single();
    }

    private Response get(String path, Login login) {
        return registry.get(path, login);
    }

    private Response post(String path, Object body, Login login) {
        return registry.post(path, body, login);
    }
}
