package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.compliance.ComplianceFixture.rule;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Policy packs as institutions see them, and overlays that may tighten a pack but never loosen it. */
@RecourseTest
class PolicyApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ComplianceFixture fixture;
    private Login admin;

    @BeforeEach
    void anInstitution() {
        fixture = new ComplianceFixture(port, jdbc);
        admin = fixture.admin;
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void everyPackShipsWithSourcesAndVerificationLabels() {
        Response packs = fixture.get("/api/v1/compliance/packs", admin);

        assertThat(packs.status()).as(packs.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode pack : packs.json()) {
            ids.add(pack.path("pack").asString());
            assertThat(pack.path("packVersion").asString()).isNotBlank();
            assertThat(pack.path("parameters")).isNotEmpty();
            for (JsonNode parameter : pack.path("parameters")) {
                assertThat(parameter.path("source").asString()).isNotBlank();
                assertThat(parameter.path("verification").asString()).isIn("V-primary", "V-secondary", "UNVERIFIED");
            }
        }
        assertThat(ids).containsExactly("CN-NIFA-2018", "UK-CONC", "US-REG-F");
    }

    @Test
    void anInstitutionFollowsTheChinesePackUntilItTightensIt() {
        Response policy = fixture.get("/api/v1/compliance/policy", admin);

        assertThat(policy.status()).as(policy.raw()).isEqualTo(200);
        assertThat(policy.json().path("pack").asString()).isEqualTo("CN-NIFA-2018");
        assertThat(policy.json().path("overlayVersion").asInt()).isZero();
        JsonNode conversations = parameter(policy, "frequency.conversationsPerBorrowerPerDay");
        assertThat(conversations.path("value").asInt()).isEqualTo(3);
        assertThat(conversations.path("name").asString()).isEqualTo("每位借款人每日接通通话上限");
        assertThat(conversations.path("source").asString()).contains("GB/T 45251");
    }

    @Test
    void aStricterOverlayAppliesToTheNextDecision() {
        Response changed = put(admin, Map.of("overrides", Map.of("frequency.conversationsPerBorrowerPerDay", 2,
                "contactWindow.quietFrom", "21:00", "contactWindow.quietTo", "09:00"), "reason", "内部合规要求更严"));

        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.json().path("overlayVersion").asInt()).isEqualTo(1);
        JsonNode conversations = parameter(changed, "frequency.conversationsPerBorrowerPerDay");
        assertThat(conversations.path("packValue").asInt()).isEqualTo(3);
        assertThat(conversations.path("institutionValue").asInt()).isEqualTo(2);

        fixture.at(LocalTime.of(8, 30));
        UUID caseId = fixture.cases.get(0);
        Response early = fixture.decide(admin, caseId, fixture.mobile(caseId), "VOICE", "COLLECT");
        assertThat(early.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(early.json().path("policy").path("overlayVersion").asInt()).isEqualTo(1);
        assertThat(rule(early, "CN.QUIET_HOURS").path("source").asString()).contains("overlay v1");

        fixture.at(LocalTime.of(10, 0));
        fixture.call(admin, caseId, fixture.mobile(caseId), "CONNECTED");
        fixture.call(admin, caseId, fixture.mobile(caseId), "CONNECTED");
        Response third = fixture.decide(admin, caseId, fixture.mobile(caseId), "VOICE", "COLLECT");
        assertThat(rule(third, "CN.CONVERSATIONS_PER_DAY").path("outcome").asString()).isEqualTo("FAIL");

        // Back to the pack: an empty overlay is version 2.
        Response reset = put(admin, Map.of("overrides", Map.of(), "reason", "恢复默认"));
        assertThat(reset.json().path("overlayVersion").asInt()).isEqualTo(2);
        assertThat(parameter(reset, "frequency.conversationsPerBorrowerPerDay").path("value").asInt()).isEqualTo(3);
    }

    @Test
    void aTightenedPolicyAppliesAtOnceThoughDecisionsRememberThePolicy() {
        // A decision first, so that the policy in force (the pack alone) is remembered.
        fixture.at(LocalTime.of(8, 30));
        UUID caseId = fixture.cases.get(0);
        Response before = fixture.decide(admin, caseId, fixture.mobile(caseId), "SMS", "COLLECT");
        assertThat(before.json().path("outcome").asString()).as(before.raw()).isEqualTo("ALLOW");

        // Saving an overlay does not tell the remembered policy (another instance's save could not): the next
        // decision finds the stored version changed and applies the new one.
        put(admin, Map.of("overrides", Map.of("contactWindow.quietFrom", "21:00", "contactWindow.quietTo", "09:00"),
                "reason", "内部合规要求更严"));
        Response after = fixture.decide(admin, caseId, fixture.mobile(caseId), "SMS", "COLLECT");

        assertThat(after.json().path("outcome").asString()).as(after.raw()).isEqualTo("DENY");
        assertThat(after.json().path("policy").path("overlayVersion").asInt()).isEqualTo(1);
        assertThat(rule(after, "CN.QUIET_HOURS").path("outcome").asString()).isEqualTo("FAIL");
    }

    @Test
    void aLooserValueIsRefusedNamingTheParameterAndNothingChanges() {
        Response looser = put(admin, Map.of("overrides", Map.of("frequency.conversationsPerBorrowerPerDay", 4,
                "contactWindow.quietFrom", "23:00", "frequency.smsPerBorrowerPerDay", 1), "reason", "想多打几次"));

        assertThat(looser.status()).as(looser.raw()).isEqualTo(422);
        assertThat(looser.code()).isEqualTo("compliance.policy_looser");
        assertThat(looser.json().path("detail").asString()).contains("frequency.conversationsPerBorrowerPerDay");
        assertThat(looser.fieldErrors()).containsExactlyInAnyOrder(
                "overrides.frequency.conversationsPerBorrowerPerDay:compliance.parameter_looser",
                "overrides.contactWindow.quietFrom:compliance.parameter_looser");
        assertThat(fixture.get("/api/v1/compliance/policy", admin).json().path("overlayVersion").asInt()).isZero();

        Response unknown = put(admin, Map.of("overrides", Map.of("frequency.hugsPerDay", 1, "visits.minCollectors", "two"),
                "reason", "试试"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.fieldErrors()).containsExactlyInAnyOrder("overrides.frequency.hugsPerDay:compliance.parameter_unknown",
                "overrides.visits.minCollectors:compliance.parameter_invalid");
        // The Chinese pack has no UK per-day call attempt cap to tighten.
        Response notInPack = put(admin, Map.of("overrides", Map.of("frequency.callAttemptsPerBorrowerPerDay", 1),
                "reason", "试试"));
        assertThat(notInPack.fieldErrors()).containsExactly(
                "overrides.frequency.callAttemptsPerBorrowerPerDay:compliance.parameter_not_in_pack");
        assertThat(put(admin, Map.of("overrides", Map.of())).fieldErrors()).containsExactly("reason:required");
    }

    @Test
    void onlyTheInstitutionsAdministratorChangesItsPolicy() {
        Login operator = fixture.registry.createUser(admin, "INSTITUTION_OPERATOR").login();
        Map<String, Object> change = Map.of("overrides", Map.of("visits.minCollectors", 3), "reason", "更严");

        assertThat(put(operator, change).status()).isEqualTo(403);
        assertThat(fixture.get("/api/v1/compliance/policy", operator).status()).isEqualTo(200);
        assertThat(put(null, change).status()).isEqualTo(401);
        // Another institution's overlay is its own.
        assertThat(put(admin, change).status()).isEqualTo(200);
        var other = fixture.registry.registerApproved("INSTITUTION");
        assertThat(fixture.get("/api/v1/compliance/policy", other.admin()).json().path("overlayVersion").asInt()).isZero();
    }

    private Response put(Login login, Map<String, Object> body) {
        return fixture.send("PUT", "/api/v1/compliance/policy", RegistryApiFixtures.json(body), login, null);
    }

    private static JsonNode parameter(Response policy, String key) {
        for (JsonNode parameter : policy.json().path("parameters")) {
            if (key.equals(parameter.path("key").asString())) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + key + " in " + policy.raw());
    }
}
