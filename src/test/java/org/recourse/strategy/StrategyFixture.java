package org.recourse.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.math.BigDecimal;
import java.time.LocalDate;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An approved institution of its own with accounts of chosen product, province, days past due and outstanding,
 * loaded through the intake API as institutions send them, and the calls its people make to the template and
 * strategy API.
 */
final class StrategyFixture {

    /** A template the screening lets through: it names the institution and the collector's badge. */
    static final String GOOD_SMS = "{{institution}}提醒您：本期账单已到期，请及时处理。工号{{badge}}";

    final IntakeApiFixtures intake;
    final RegistryApiFixtures registry;
    final Registration institution;
    final LocalDate today;
    private final JdbcClient jdbc;
    /** The rows loaded, by case id, so that a case can be sent again with new amounts (a repayment). */
    private final Map<UUID, List<String>> rows = new HashMap<>();

    /** An account: product, province, days past due today, and principal outstanding (nothing else owed). */
    record Account(String product, @Nullable String province, int dpd, String principal) {
    }

    StrategyFixture(int port, JdbcClient jdbc) {
        this.intake = new IntakeApiFixtures(port, jdbc);
        this.registry = intake.registry();
        this.institution = intake.institution();
        this.today = intake.today();
        this.jdbc = jdbc;
    }

    Login admin() {
        return institution.admin();
    }

    /** Loads the accounts and answers their case ids, in the order given. */
    List<UUID> load(List<Account> accounts) {
        List<List<String>> rows = validRows(intake.sample(ThreadLocalRandom.current().nextLong()), 1, accounts.size());
        for (int i = 0; i < rows.size(); i++) {
            Account account = accounts.get(i);
            List<String> row = rows.get(i);
            LocalDate due = today.minusDays(account.dpd());
            row.set(column("product"), account.product());
            row.set(column("province"), account.province() == null ? "" : account.province());
            row.set(column("due_date"), due.toString());
            row.set(column("loan_date"), due.minusMonths(6).toString());
            row.set(column("principal_outstanding"), account.principal());
            row.set(column("interest_outstanding"), "0");
            row.set(column("fees_outstanding"), "0");
            row.set(column("penalty_outstanding"), "0");
        }
        JsonNode batch = intake.load(admin(), "accounts.csv", csv(rows));
        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        Map<String, UUID> byRef = new HashMap<>();
        jdbc.sql("select account_ref, id from cases.account where institution_id = :i")
                .param("i", institution.id())
                .query((row, n) -> byRef.put(row.getString("account_ref"), row.getObject("id", UUID.class))).list();
        List<UUID> ids = new ArrayList<>();
        for (List<String> row : rows) {
            UUID id = byRef.get(row.get(column("account_ref")));
            ids.add(id);
            this.rows.put(id, row);
        }
        return ids;
    }

    /** The institution sends the case again owing {@code principal} now (paid down, or to zero: PAID). */
    void owes(UUID caseId, String principal) {
        List<String> row = new ArrayList<>(rows.get(caseId));
        row.set(column("principal_outstanding"), principal);
        JsonNode batch = intake.load(admin(), "update.csv", csv(List.of(row)));
        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        assertThat(batch.path("updatedAccounts").asInt()).as(batch.toString()).isEqualTo(1);
        rows.put(caseId, row);
    }

    /** A template of the channel, screened and approved; answers its id. */
    UUID template(String name, String channel) {
        Response added = post("/api/v1/templates", Map.of("name", name, "channel", channel, "recipient", "BORROWER",
                "text", GOOD_SMS), admin());
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        return UUID.fromString(added.json().path("id").asString());
    }

    static Map<String, Object> segment(String name, Map<String, Object> conditions, List<?> steps, List<?> variants) {
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("name", name);
        segment.put("conditions", conditions);
        segment.put("steps", steps);
        segment.put("variants", variants);
        return segment;
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

    static Map<String, Object> variant(String name, int percent, List<?> steps) {
        return Map.of("name", name, "percent", percent, "steps", steps);
    }

    static Map<String, Object> strategy(String name, List<?> segments) {
        return Map.of("name", name, "segments", segments);
    }

    /** Creates the strategy and answers its id. */
    UUID create(Map<String, Object> strategy) {
        Response created = post("/api/v1/strategies", strategy, admin());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().path("version").asInt()).isEqualTo(1);
        return UUID.fromString(created.json().path("id").asString());
    }

    Response activate(UUID strategy, LocalDate from) {
        return post("/api/v1/strategies/" + strategy + "/activate", Map.of("from", from.toString()), admin());
    }

    /** The field errors of a refusal: field path → code. */
    static Map<String, String> errors(Response response) {
        Map<String, String> errors = new LinkedHashMap<>();
        response.json().path("errors").forEach(error -> errors.put(error.path("field").asString(),
                error.path("code").asString()));
        return errors;
    }

    static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }

    Response get(String path, @Nullable Login login) {
        return registry.get(path, login);
    }

    Response post(String path, Object body, @Nullable Login login) {
        return registry.post(path, body, login);
    }

    Response put(String path, Object body, Login login) {
        return registry.send("PUT", path, "application/json", RegistryApiFixtures.json(body), login);
    }
}
