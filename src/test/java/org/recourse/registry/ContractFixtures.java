package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;

/**
 * An approved institution and an approved agency, and the calls each side makes to the contract API. Every
 * instance registers its own pair, because all tests share one database.
 */
final class ContractFixtures {

    final int port;
    final RegistryApiFixtures registry;
    final Registration institution;
    final Registration agency;

    ContractFixtures(int port) {
        this.port = port;
        this.registry = new RegistryApiFixtures(port);
        this.institution = registry.registerApproved("INSTITUTION");
        this.agency = registry.registerApproved("AGENCY");
    }

    Login institutionAdmin() {
        return institution.admin();
    }

    Login agencyAdmin() {
        return agency.admin();
    }

    /** A complete, valid proposal to this fixture's agency, ready to be altered (a mutable map). */
    Map<String, Object> request() {
        return request(agency.id());
    }

    static Map<String, Object> request(UUID agency) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("agencyId", agency.toString());
        request.put("products", List.of("现金贷"));
        request.put("buckets", List.of("M1", "M2"));
        request.put("provinces", List.of("广东省", "湖南省"));
        request.put("commissionRates", new LinkedHashMap<>(Map.of("M1", "0.08", "M2", "0.12")));
        request.put("maxOpenPlacements", 500);
        request.put("startDate", "2026-01-01");
        request.put("endDate", "2026-12-31");
        return request;
    }

    Response propose(Map<String, Object> request) {
        return registry.post("/api/v1/contracts", request, institutionAdmin());
    }

    /** Proposes the valid contract and returns its id. */
    UUID proposed() {
        Response response = propose(request());
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    /** A contract brought to {@code status} along the lifecycle. */
    UUID inStatus(String status) {
        UUID id = proposed();
        if (status.equals("DRAFT")) {
            return id;
        }
        if (status.equals("ENDED")) {
            assertThat(act(id, "end", institutionAdmin(), "撤回").status()).isEqualTo(200);
            return id;
        }
        assertThat(act(id, "accept", agencyAdmin(), null).status()).isEqualTo(200);
        if (status.equals("SUSPENDED")) {
            assertThat(act(id, "suspend", institutionAdmin(), "投诉核查").status()).isEqualTo(200);
        }
        return id;
    }

    Response act(UUID contract, String action, Login login, @Nullable String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason != null) {
            body.put("reason", reason);
        }
        return registry.post("/api/v1/contracts/" + contract + "/" + action, body, login);
    }

    Response get(String path, Login login) {
        return registry.get(path, login);
    }

    /** Posts a proposal and returns the raw answer, for the headers (Location). */
    HttpResponse<String> proposeRaw(Map<String, Object> request) {
        HttpRequest http = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/contracts"))
                .header("Content-Type", "application/json")
                .header("Authorization", RegistryApiFixtures.basic(institutionAdmin()))
                .POST(HttpRequest.BodyPublishers.ofString(RegistryApiFixtures.json(request), StandardCharsets.UTF_8))
                .build();
        try {
            return HttpClient.newHttpClient().send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
