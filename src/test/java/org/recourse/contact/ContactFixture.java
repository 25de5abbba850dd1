package org.recourse.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.recourse.intake.IntakeApiFixtures;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.strategy.StrategyNight;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An approved institution of its own with M1 cases loaded through intake (borrowers without other phones unless a
 * test gives them one), an outbound number, templates and a strategy made through their API and segmented by the
 * night's strategy step, an agency under an accepted contract, and the calls the people make to the task API.
 */
final class ContactFixture {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String OUTBOUND = "4008001234";
    static final String AGENCY_NUMBER = "4008005678";
    static final String GOOD_TEXT = "{{institution}}提醒您：本期账单已到期，请及时处理。工号{{badge}}";

    final IntakeApiFixtures intake;
    final RegistryApiFixtures registry;
    final Registration institution;
    final LocalDate today;
    private final JdbcClient jdbc;
    private final ApplicationContext context;

    ContactFixture(int port, JdbcClient jdbc, ApplicationContext context) {
        this.intake = new IntakeApiFixtures(port, jdbc);
        this.registry = intake.registry();
        this.jdbc = jdbc;
        this.context = context;
        // Ten in the morning in Shanghai: within every pack's calling hours.
        registry.setClock(LocalDate.now(SHANGHAI).atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
        this.institution = intake.institution();
        this.today = intake.today();
        Response number = post("/api/v1/compliance/outbound-numbers", Map.of("number", OUTBOUND, "label", "催收热线"),
                admin());
        assertThat(number.status()).as(number.raw()).isEqualTo(201);
    }

    Login admin() {
        return institution.admin();
    }

    void at(LocalTime time) {
        registry.setClock(today.atTime(time).atZone(SHANGHAI).toInstant());
    }

    Instant now() {
        return registry.clock();
    }

    /**
     * {@code n} accounts of 现金贷 in 广东省, 10 days past due; the borrower of each case numbered in
     * {@code otherMobiles} also gives a second mobile. Answers the case ids in order.
     */
    List<UUID> load(int n, Map<Integer, String> otherMobiles) {
        return load(rows(n, otherMobiles));
    }

    /**
     * As {@link #load(int, Map)}, with the optional {@code email} column (by row; a row without one leaves the cell
     * empty).
     */
    List<UUID> load(int n, Map<Integer, String> otherMobiles, Map<Integer, String> emails) {
        List<List<String>> rows = rows(n, otherMobiles);
        List<String> header = new ArrayList<>(org.recourse.intake.SampleAccounts.COLUMNS);
        header.add("email");
        List<List<String>> withEmail = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = new ArrayList<>(rows.get(i));
            row.add(emails.getOrDefault(i, ""));
            withEmail.add(row);
        }
        return load(rows, csv(header, withEmail, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The rows {@link #load(int, Map)} loads, to change and load again. */
    List<List<String>> rows(int n, Map<Integer, String> otherMobiles) {
        List<List<String>> rows = validRows(intake.sample(ThreadLocalRandom.current().nextLong()), 1, n);
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            LocalDate due = today.minusDays(10);
            row.set(column("product"), "现金贷");
            row.set(column("province"), "广东省");
            row.set(column("due_date"), due.toString());
            row.set(column("loan_date"), due.minusMonths(6).toString());
            row.set(column("other_phones"), otherMobiles.getOrDefault(i, ""));
        }
        return rows;
    }

    /** Loads the rows (again: changed rows update their accounts); answers the case ids in the rows' order. */
    List<UUID> load(List<List<String>> rows) {
        return load(rows, csv(rows));
    }

    private List<UUID> load(List<List<String>> rows, byte[] file) {
        JsonNode batch = intake.load(admin(), "accounts.csv", file);
        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        Map<String, UUID> byRef = new HashMap<>();
        jdbc.sql("select account_ref, id from cases.account where institution_id = :i").param("i", institution.id())
                .query((row, k) -> byRef.put(row.getString("account_ref"), row.getObject("id", UUID.class))).list();
        List<UUID> ids = new ArrayList<>();
        for (List<String> row : rows) {
            ids.add(byRef.get(row.get(column("account_ref"))));
        }
        return ids;
    }

    /** The case's contact points as its page shows them (masked): id by kind, the borrower's first of each. */
    Map<String, UUID> points(UUID caseId) {
        Response detail = get("/api/v1/cases/" + caseId, admin());
        Map<String, UUID> points = new LinkedHashMap<>();
        for (JsonNode point : detail.json().path("contactPoints")) {
            if ("BORROWER".equals(point.path("owner").asString())) {
                String kind = point.path("kind").asString();
                String key = points.containsKey(kind) ? kind + "2" : kind;
                points.putIfAbsent(key, UUID.fromString(point.path("id").asString()));
            }
        }
        return points;
    }

    UUID template(String name, String channel) {
        Response added = post("/api/v1/templates", Map.of("name", name, "channel", channel, "recipient", "BORROWER",
                "text", GOOD_TEXT), admin());
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        return UUID.fromString(added.json().path("id").asString());
    }

    static Map<String, Object> step(int dayOffset, String action, @Nullable UUID template) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("dayOffset", dayOffset);
        step.put("action", action);
        if (template != null) {
            step.put("templateId", template.toString());
        }
        return step;
    }

    /** One segment for every case with the steps given, activated from today and segmented for today. */
    UUID strategy(List<Map<String, Object>> steps, @Nullable Integer maxDelayDays) {
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("name", "全部");
        segment.put("conditions", Map.of());
        segment.put("steps", steps);
        segment.put("variants", List.of());
        Map<String, Object> strategy = new LinkedHashMap<>();
        strategy.put("name", "催收路径");
        strategy.put("segments", List.of(segment));
        if (maxDelayDays != null) {
            strategy.put("maxDelayDays", maxDelayDays);
        }
        Response created = post("/api/v1/strategies", strategy, admin());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().path("id").asString());
        Response activated = post("/api/v1/strategies/" + id + "/activate", Map.of("from", today.toString()), admin());
        assertThat(activated.status()).as(activated.raw()).isEqualTo(200);
        StrategyNight.run(context, institution.id(), today);
        return id;
    }

    /** The night's contact plan for the institution and date. */
    ContactPlanStep.Plan plan(LocalDate date) {
        return context.getBean(ContactPlanStep.class).plan(institution.id(), date);
    }

    Registration agency() {
        return registry.registerApproved("AGENCY");
    }

    /** A contract with the agency (accepted), the cases placed under it and the borrowers told; the placement ids. */
    List<UUID> place(Registration agency, List<UUID> cases) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("agencyId", agency.id().toString());
        request.put("products", List.of("现金贷"));
        request.put("buckets", List.of("M1"));
        request.put("provinces", List.of());
        request.put("commissionRates", Map.of("M1", "0.08"));
        request.put("maxOpenPlacements", 100);
        request.put("startDate", today.minusDays(10).toString());
        request.put("endDate", today.plusDays(30).toString());
        Response proposed = post("/api/v1/contracts", request, admin());
        assertThat(proposed.status()).as(proposed.raw()).isEqualTo(201);
        String contract = proposed.json().path("id").asString();
        Response accepted = post("/api/v1/contracts/" + contract + "/accept", Map.of(), agency.admin());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        Response placed = post("/api/v1/placements", Map.of("contractId", contract,
                "caseIds", cases.stream().map(UUID::toString).toList()), admin());
        assertThat(placed.status()).as(placed.raw()).isEqualTo(200);
        assertThat(placed.json().path("refused")).as(placed.raw()).isEmpty();
        Map<UUID, UUID> byCase = new HashMap<>();
        placed.json().path("placed").forEach(p -> byCase.put(UUID.fromString(p.path("caseId").asString()),
                UUID.fromString(p.path("placementId").asString())));
        List<UUID> placements = cases.stream().map(byCase::get).toList();
        for (UUID placement : placements) {
            Response told = post("/api/v1/placements/" + placement + "/notice",
                    Map.of("sentAt", now().minusSeconds(3600).toString(), "channel", "LETTER"), admin());
            assertThat(told.status()).as(told.raw()).isEqualTo(200);
        }
        return placements;
    }

    void registerNumber(Registration agency) {
        Response number = post("/api/v1/compliance/outbound-numbers",
                Map.of("number", AGENCY_NUMBER, "label", "受托机构热线"), agency.admin());
        assertThat(number.status()).as(number.raw()).isEqualTo(201);
    }

    void assign(Registration agency, UUID caseId, UUID collector) {
        Response assigned = post("/api/v1/cases/" + caseId + "/assignment", Map.of("collectorId", collector.toString()),
                agency.admin());
        assertThat(assigned.status()).as(assigned.raw()).isEqualTo(200);
    }

    /** The institution's admin calls the number and records it as a wrong number (the ledger marks it invalid). */
    void wrongNumber(UUID caseId, UUID point) {
        Response decision = post("/api/v1/compliance/decisions", Map.of("caseId", caseId, "contactPointId", point,
                "channel", "VOICE", "purpose", "COLLECT", "callerNumber", OUTBOUND), admin());
        assertThat(decision.json().path("outcome").asString()).as(decision.raw()).isEqualTo("ALLOW");
        Response attempt = attempt(admin(), decision.json().path("decisionId").asString(), "WRONG_NUMBER");
        assertThat(attempt.status()).as(attempt.raw()).isEqualTo(201);
    }

    Response attempt(Login login, String decisionId, String result) {
        return post("/api/v1/contact-attempts", Map.of("decisionId", decisionId, "result", result,
                "durationSeconds", 30), login);
    }

    /** Every task of the case on the date, by action (as the database holds them). */
    Map<String, Map<String, Object>> tasksOf(UUID caseId, LocalDate date) {
        Map<String, Map<String, Object>> tasks = new LinkedHashMap<>();
        jdbc.sql("select * from contact.task where institution_id = :i and case_id = :c and business_date = :d"
                        + " order by action")
                .param("i", institution.id()).param("c", caseId).param("d", date).query().listOfRows()
                .forEach(row -> tasks.put((String) row.get("action"), row));
        return tasks;
    }

    Response get(String path, @Nullable Login login) {
        return registry.get(path, login);
    }

    Response post(String path, Object body, @Nullable Login login) {
        return registry.post(path, body, login);
    }
}
