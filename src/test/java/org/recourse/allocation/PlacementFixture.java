package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.time.Instant;
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
 * An approved institution with accounts of chosen product, province and days past due, the agencies and
 * contracts it places them under, and the calls each side makes to the placement API. Every instance registers
 * its own institution, because all tests share one database.
 */
public final class PlacementFixture {

    public final IntakeApiFixtures intake;
    public final RegistryApiFixtures registry;
    public final Registration institution;
    public final LocalDate today;
    private long nextOwedRow = 1_000_000;

    /** An account to load: its product, province and days past due today. */
    public record Account(String product, String province, int dpd) {
    }

    public PlacementFixture(int port, JdbcClient jdbc) {
        this.intake = new IntakeApiFixtures(port, jdbc);
        this.registry = intake.registry();
        this.institution = intake.institution();
        this.today = intake.today();
    }

    public Login admin() {
        return institution.admin();
    }

    /** Loads the accounts and answers their case ids, in the order given. */
    public List<UUID> load(List<Account> accounts) {
        List<List<String>> rows = validRows(intake.sample(ThreadLocalRandom.current().nextLong()), 1, accounts.size());
        for (int i = 0; i < rows.size(); i++) {
            Account account = accounts.get(i);
            List<String> row = rows.get(i);
            LocalDate due = today.minusDays(account.dpd());
            row.set(column("product"), account.product());
            row.set(column("province"), account.province());
            row.set(column("due_date"), due.toString());
            row.set(column("loan_date"), due.minusMonths(6).toString());
        }
        JsonNode batch = intake.load(admin(), "accounts.csv", csv(rows));
        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        Map<String, UUID> byRef = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/cases?size=200" + (cursor == null ? "" : "&cursor=" + cursor), admin()).json();
            page.path("items").forEach(item -> byRef.put(item.path("accountRef").asString(),
                    UUID.fromString(item.path("id").asString())));
            cursor = page.path("next").isMissingNode() || page.path("next").isNull() ? null : page.path("next").asString();
        } while (cursor != null);
        List<UUID> ids = new ArrayList<>();
        for (List<String> row : rows) {
            ids.add(byRef.get(row.get(column("account_ref"))));
        }
        return ids;
    }

    /**
     * Accounts of 现金贷 in 广东省, 10 days past due (M1), owing the principal given (nothing else), each of the
     * borrower numbered in {@code borrowers} (same number, same borrower: the first row's name and ID number);
     * their case ids in the order given, which is also the order of their account references. References are
     * numbered from 1,000,000 on, apart from those of {@link #load(List)}.
     */
    public List<UUID> loadOwed(List<String> principals, List<Integer> borrowers) {
        // Numbered on from the last call: the same account reference would update that account, not add one.
        List<List<String>> rows = validRows(intake.sample(ThreadLocalRandom.current().nextLong()), nextOwedRow,
                principals.size());
        nextOwedRow += principals.size();
        Map<Integer, List<String>> firstOf = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            LocalDate due = today.minusDays(10);
            row.set(column("product"), "现金贷");
            row.set(column("province"), "广东省");
            row.set(column("due_date"), due.toString());
            row.set(column("loan_date"), due.minusMonths(6).toString());
            row.set(column("loan_amount"), "100000.00");
            row.set(column("principal_outstanding"), principals.get(i));
            row.set(column("interest_outstanding"), "0");
            row.set(column("fees_outstanding"), "0");
            row.set(column("penalty_outstanding"), "0");
            List<String> first = firstOf.putIfAbsent(borrowers.get(i), row);
            if (first != null) {
                row.set(column("borrower_name"), first.get(column("borrower_name")));
                row.set(column("id_number"), first.get(column("id_number")));
            }
        }
        JsonNode batch = intake.load(admin(), "owed.csv", csv(rows));
        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        Map<String, UUID> byRef = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/cases?size=200" + (cursor == null ? "" : "&cursor=" + cursor), admin()).json();
            page.path("items").forEach(item -> byRef.put(item.path("accountRef").asString(),
                    UUID.fromString(item.path("id").asString())));
            cursor = page.path("next").isMissingNode() || page.path("next").isNull() ? null : page.path("next").asString();
        } while (cursor != null);
        return rows.stream().map(row -> byRef.get(row.get(column("account_ref")))).toList();
    }

    /** {@code n} accounts of 现金贷 in 广东省, 10 days past due (M1). */
    public List<UUID> load(int n) {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            accounts.add(new Account("现金贷", "广东省", 10));
        }
        return load(accounts);
    }

    /** A newly registered and approved agency. */
    public Registration agency() {
        return registry.registerApproved("AGENCY");
    }

    /** A contract proposal to the agency, in force from ten days ago to thirty days ahead, ready to be altered. */
    public Map<String, Object> contractRequest(Registration agency) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("agencyId", agency.id().toString());
        request.put("products", List.of("现金贷"));
        request.put("buckets", List.of("M1", "M2"));
        request.put("provinces", List.of("广东省", "湖南省"));
        request.put("commissionRates", new LinkedHashMap<>(Map.of("M1", "0.08", "M2", "0.12")));
        request.put("maxOpenPlacements", 100);
        request.put("startDate", today.minusDays(10).toString());
        request.put("endDate", today.plusDays(30).toString());
        return request;
    }

    /** The contract proposed and, unless {@code accept} is false, accepted by the agency. */
    public UUID contract(Registration agency, Map<String, Object> request, boolean accept) {
        Response proposed = post("/api/v1/contracts", request, admin());
        assertThat(proposed.status()).as(proposed.raw()).isEqualTo(201);
        UUID id = UUID.fromString(proposed.json().path("id").asString());
        if (accept) {
            Response accepted = post("/api/v1/contracts/" + id + "/accept", Map.of(), agency.admin());
            assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        }
        return id;
    }

    /** The standard contract with the agency, accepted. */
    public UUID contract(Registration agency) {
        return contract(agency, contractRequest(agency), true);
    }

    public Response place(UUID contract, List<UUID> cases) {
        return post("/api/v1/placements", Map.of("contractId", contract.toString(),
                "caseIds", cases.stream().map(UUID::toString).toList()), admin());
    }

    /** Places the cases and expects every one placed; answers the placement ids in the order of the cases. */
    public List<UUID> placed(UUID contract, List<UUID> cases) {
        Response response = place(contract, cases);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.json().path("refused")).as(response.raw()).isEmpty();
        Map<UUID, UUID> byCase = new HashMap<>();
        response.json().path("placed").forEach(placed -> byCase.put(UUID.fromString(placed.path("caseId").asString()),
                UUID.fromString(placed.path("placementId").asString())));
        return cases.stream().map(byCase::get).toList();
    }

    public Response recall(UUID caseId, String reason, Login login) {
        return post("/api/v1/cases/" + caseId + "/recall", Map.of("reason", reason), login);
    }

    public Response noticeSent(UUID placement, Instant sentAt, Login login) {
        return post("/api/v1/placements/" + placement + "/notice", Map.of("sentAt", sentAt.toString(), "channel", "SMS"),
                login);
    }

    /** The codes of the refused cases, by case id. */
    public static Map<UUID, String> refusals(Response placing) {
        Map<UUID, String> codes = new LinkedHashMap<>();
        placing.json().path("refused").forEach(refused -> codes.put(UUID.fromString(refused.path("caseId").asString()),
                refused.path("code").asString()));
        return codes;
    }

    public Response get(String path, @Nullable Login login) {
        return registry.get(path, login);
    }

    public Response post(String path, Object body, @Nullable Login login) {
        return registry.post(path, body, login);
    }
}
