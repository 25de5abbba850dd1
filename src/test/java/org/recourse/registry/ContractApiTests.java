package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An institution proposes an entrustment contract: what it gets back, and every way a proposal is refused —
 * malformed fields (400, every field at once) and the contract's rules (422, a stable code per rule).
 */
@RecourseTest
class ContractApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ContractFixtures fixture;

    @BeforeEach
    void anInstitutionAndAnAgency() {
        fixture = new ContractFixtures(port);
    }

    @Test
    void aProposalIsADraftWithItsTermsAndRatesAsText() {
        HttpResponse<String> created = fixture.proposeRaw(fixture.request());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = RegistryApiFixtures.parse(created.body());
        UUID id = UUID.fromString(body.path("id").asString());
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/contracts/" + id);
        assertThat(body.path("status").asString()).isEqualTo("DRAFT");
        assertThat(body.path("institution").path("id").asString()).isEqualTo(fixture.institution.id().toString());
        assertThat(body.path("institution").path("name").asString()).isEqualTo(fixture.institution.name());
        assertThat(body.path("agency").path("name").asString()).isEqualTo(fixture.agency.name());
        assertThat(texts(body.path("products"))).containsExactly("现金贷");
        assertThat(texts(body.path("buckets"))).containsExactly("M1", "M2");
        assertThat(texts(body.path("provinces"))).containsExactly("广东省", "湖南省");
        // Rates are strings, never JSON numbers that a client would read into a binary float.
        assertThat(body.path("commissionRates").path("M1").isString()).isTrue();
        assertThat(body.path("commissionRates").path("M1").asString()).isEqualTo("0.08");
        assertThat(body.path("commissionRates").path("M2").asString()).isEqualTo("0.12");
        assertThat(body.path("maxOpenPlacements").asInt()).isEqualTo(500);
        assertThat(body.path("startDate").asString()).isEqualTo("2026-01-01");
        assertThat(body.path("endDate").asString()).isEqualTo("2026-12-31");
        // The agency reads the same contract.
        Response seen = fixture.get("/api/v1/contracts/" + id, fixture.agencyAdmin());
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().path("commissionRates").path("M2").asString()).isEqualTo("0.12");
        assertThat(auditActions(id)).containsExactly("contract.proposed");
    }

    @Test
    void anOpenScopeCoversEveryBucketAndNeedsEachRate() {
        Map<String, Object> request = fixture.request();
        request.put("products", List.of());
        request.put("buckets", List.of());
        request.remove("provinces");
        Map<String, String> rates = new LinkedHashMap<>();
        for (String bucket : List.of("M6+", "M0", "M1", "M2", "M3", "M4", "M5", "M6")) {
            rates.put(bucket, "0.1000");
        }
        rates.put("M6+", "0.3");
        request.put("commissionRates", rates);
        request.put("maxOpenPlacements", "20");

        Response created = fixture.propose(request);

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().path("buckets")).isEmpty();
        assertThat(created.json().path("products")).isEmpty();
        assertThat(created.json().path("provinces")).isEmpty();
        // In the order of days past due, without trailing zeros.
        List<String> keys = new ArrayList<>();
        created.json().path("commissionRates").propertyNames().forEach(keys::add);
        assertThat(keys).containsExactly("M0", "M1", "M2", "M3", "M4", "M5", "M6", "M6+");
        assertThat(created.json().path("commissionRates").path("M3").asString()).isEqualTo("0.1");
        assertThat(created.json().path("commissionRates").path("M6+").asString()).isEqualTo("0.3");

        rates.remove("M0");
        Response missing = fixture.propose(request);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.code()).isEqualTo("contract.rate_missing");
        assertThat(missing.fieldErrors()).containsExactly("commissionRates.M0:contract.rate_missing");
    }

    @Test
    void everyMalformedFieldIsNamedAtOnceAndNothingIsStored() {
        long before = contracts();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("agencyId", "not-a-uuid");
        request.put("products", List.of("<b>贷</b>"));
        request.put("provinces", Collections.nCopies(51, "广东省"));
        request.put("maxOpenPlacements", "lots");
        request.put("startDate", "2026/01/01");

        Response refused = fixture.propose(request);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation_failed");
        assertThat(refused.fieldErrors()).containsExactly("agencyId:format", "products[0]:markup_not_allowed",
                "provinces:too_many", "commissionRates:required", "maxOpenPlacements:format", "startDate:format",
                "endDate:required");
        assertThat(refused.json().path("errors").get(0).path("message").asString()).isNotBlank();
        assertThat(contracts()).isEqualTo(before);

        Map<String, Object> empty = fixture.request();
        empty.put("agencyId", " ");
        empty.put("maxOpenPlacements", 0);
        empty.put("products", java.util.Arrays.asList("现金贷", " "));
        empty.put("buckets", java.util.Arrays.asList("M1", null));
        assertThat(fixture.propose(empty).fieldErrors()).containsExactly("agencyId:required", "products[1]:required",
                "buckets[1]:required", "maxOpenPlacements:positive");
        assertThat(fixture.propose(Map.of()).fieldErrors()).containsExactly("agencyId:required",
                "commissionRates:required", "maxOpenPlacements:required", "startDate:required", "endDate:required");
        // A body that is not JSON at all.
        Response notJson = fixture.registry.send("POST", "/api/v1/contracts", "application/json", "{", fixture.institutionAdmin());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("malformed_request");
    }

    @Test
    void aBusinessRuleBrokenAloneIsA422WithItsCode() {
        Map<String, Object> dates = fixture.request();
        dates.put("endDate", "2025-12-31");
        assertRefused(dates, "contract.dates", "endDate:contract.dates");
        assertThat(fixture.propose(dates).json().path("detail").asString()).isEqualTo("结束日期不能早于开始日期。");

        Map<String, Object> unknownBucket = fixture.request();
        unknownBucket.put("buckets", List.of("M1", "M2", "M7"));
        assertRefused(unknownBucket, "contract.bucket_unknown", "buckets[2]:contract.bucket_unknown");
        // While a named bucket is wrong, which buckets need rates is unknown: only the bucket is named.
        unknownBucket.put("buckets", List.of("M7"));
        assertRefused(unknownBucket, "contract.bucket_unknown", "buckets[0]:contract.bucket_unknown");

        Map<String, Object> outside = fixture.request();
        outside.put("commissionRates", Map.of("M1", "0.08", "M2", "0.12", "M3", "0.2"));
        assertRefused(outside, "contract.rate_outside_scope", "commissionRates.M3:contract.rate_outside_scope");

        Map<String, Object> unknownRateBucket = fixture.request();
        unknownRateBucket.put("commissionRates", Map.of("M1", "0.08", "M2", "0.12", "X9", "0.2"));
        assertRefused(unknownRateBucket, "contract.bucket_unknown", "commissionRates.X9:contract.bucket_unknown");

        Map<String, Object> missing = fixture.request();
        missing.put("commissionRates", Map.of("M1", "0.08"));
        assertRefused(missing, "contract.rate_missing", "commissionRates.M2:contract.rate_missing");
    }

    @Test
    void aRateIsADecimalFromZeroToOneWithAtMostFourDecimals() {
        for (String wrong : List.of("1.01", "-0.01", "0.12345", "8%", "abc", "1e-2", "", "0,08")) {
            Map<String, Object> request = fixture.request();
            request.put("commissionRates", Map.of("M1", wrong, "M2", "0.12"));
            assertRefused(request, "contract.rate", "commissionRates.M1:contract.rate");
        }
        Map<String, Object> edges = fixture.request();
        edges.put("commissionRates", Map.of("M1", "0", "M2", "1.0000"));
        Response created = fixture.propose(edges);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().path("commissionRates").path("M1").asString()).isEqualTo("0");
        assertThat(created.json().path("commissionRates").path("M2").asString()).isEqualTo("1");
        Map<String, Object> fourDecimals = fixture.request();
        fourDecimals.put("commissionRates", Map.of("M1", "0.0825", "M2", "0.1200"));
        assertThat(fixture.propose(fourDecimals).json().path("commissionRates").path("M1").asString()).isEqualTo("0.0825");
        // A JSON number is read from its digits, never through a binary float, and answered as text.
        Response numbers = fixture.registry.send("POST", "/api/v1/contracts", "application/json",
                RegistryApiFixtures.json(fixture.request()).replace("\"0.08\"", "0.08").replace("\"0.12\"", "0.1200"),
                fixture.institutionAdmin());
        assertThat(numbers.status()).as(numbers.raw()).isEqualTo(201);
        assertThat(numbers.json().path("commissionRates").path("M1").asString()).isEqualTo("0.08");
        assertThat(numbers.json().path("commissionRates").path("M2").asString()).isEqualTo("0.12");
    }

    @Test
    void onlyAnApprovedAgencyTakesAContractAndTheAnswerNeverSaysWhichOrganisationExists() {
        Registration pending = fixture.registry.register("AGENCY");
        Registration rejected = fixture.registry.register("AGENCY");
        assertThat(fixture.registry.post("/api/v1/registrations/" + rejected.id() + "/reject",
                Map.of("reason", "资质不符"), RegistryApiFixtures.PLATFORM_ADMIN).status()).isEqualTo(200);
        Registration otherInstitution = fixture.registry.registerApproved("INSTITUTION");
        UUID platform = jdbc.sql("select id from registry.organisation where kind = 'PLATFORM'").query(UUID.class).single();

        for (UUID notAnAgency : List.of(UUID.randomUUID(), pending.id(), rejected.id(), otherInstitution.id(),
                fixture.institution.id(), platform)) {
            Response refused = fixture.propose(ContractFixtures.request(notAnAgency));
            assertThat(refused.status()).as(notAnAgency + ": " + refused.raw()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("contract.agency_unknown");
            assertThat(refused.fieldErrors()).containsExactly("agencyId:contract.agency_unknown");
            assertThat(refused.json().path("detail").asString()).isEqualTo(
                    fixture.propose(ContractFixtures.request(UUID.randomUUID())).json().path("detail").asString());
        }
    }

    @Test
    void severalRulesBrokenAreListedInTheOrderOfTheFormUnderTheFirstCode() {
        Map<String, Object> request = fixture.request();
        request.put("agencyId", UUID.randomUUID().toString());
        request.put("commissionRates", Map.of("M1", "2", "M2", "0.12"));
        request.put("endDate", "2025-01-01");

        Response refused = fixture.propose(request);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("contract.agency_unknown");
        assertThat(refused.fieldErrors()).containsExactly("agencyId:contract.agency_unknown",
                "commissionRates.M1:contract.rate", "endDate:contract.dates");
        // A malformed field among them makes the whole answer a 400, still listing every field.
        request.put("maxOpenPlacements", "x");
        Response mixed = fixture.propose(request);
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.fieldErrors()).containsExactly("agencyId:contract.agency_unknown",
                "commissionRates.M1:contract.rate", "maxOpenPlacements:format", "endDate:contract.dates");
    }

    private void assertRefused(Map<String, Object> request, String code, String... fieldErrors) {
        Response refused = fixture.propose(request);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo(code);
        assertThat(refused.fieldErrors()).containsExactly(fieldErrors);
        assertThat(refused.json().path("detail").asString()).isNotBlank();
    }

    private long contracts() {
        return jdbc.sql("select count(*) from registry.contract").query(Long.class).single();
    }

    private List<String> auditActions(UUID contract) {
        return jdbc.sql("select action from audit.audit_event where subject = :subject order by id")
                .param("subject", "contract/" + contract).query(String.class).list();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asString()));
        return texts;
    }
}
