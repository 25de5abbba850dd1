package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.compliance.ComplianceFixture.SHANGHAI;
import static org.recourse.compliance.ComplianceFixture.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The compliance engine as collectors' systems call it: a decision before every contact, with every rule
 * explained; caps counted across the day and held by reservations so that a race for the last slot has one
 * winner; attempts only against a live ALLOW; what attempts teach (wrong numbers, refusing third parties).
 */
@RecourseTest
class ComplianceApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ComplianceFixture fixture;
    private Login admin;

    @BeforeEach
    void anInstitutionWithThreeCases() {
        fixture = new ComplianceFixture(port, jdbc);
        admin = fixture.admin;
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void allowsADaytimeCallAndExplainsEveryRuleWithItsSource() {
        Instant now = fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(0);

        Response decision = fixture.decide(admin, caseId, fixture.mobile(caseId), "VOICE", "COLLECT");

        assertThat(decision.status()).as(decision.raw()).isEqualTo(201);
        JsonNode body = decision.json();
        assertThat(body.path("outcome").asString()).isEqualTo("ALLOW");
        assertThat(body.path("policy").path("pack").asString()).isEqualTo("CN-NIFA-2018");
        assertThat(body.path("borrowerLocalTime").asString()).startsWith(LocalDate.now(SHANGHAI) + "T10:00");
        assertThat(Instant.parse(body.path("reservationExpiresAt").asString())).isEqualTo(now.plus(Duration.ofMinutes(5)));
        List<String> ids = new ArrayList<>();
        body.path("rules").forEach(rule -> ids.add(rule.path("ruleId").asString()));
        assertThat(ids).contains("CN.QUIET_HOURS", "CN.CONVERSATIONS_PER_DAY", "CN.UNANSWERED_PER_NUMBER_PER_DAY",
                "CN.SMS_PER_DAY", "CN.THIRD_PARTY", "CN.HOLD", "CN.OUTSOURCING_NOTICE", "CN.VISIT_TWO_COLLECTORS",
                "CN.OUTBOUND_NUMBER");
        JsonNode quiet = rule(decision, "CN.QUIET_HOURS");
        assertThat(quiet.path("outcome").asString()).isEqualTo("PASS");
        assertThat(quiet.path("message").asString()).contains("10:00", "22:00–08:00");
        assertThat(quiet.path("source").asString()).contains("GB/T 45251");
        assertThat(rule(decision, "CN.SMS_PER_DAY").path("outcome").asString()).isEqualTo("NOT_APPLICABLE");
        assertThat(rule(decision, "CN.OUTSOURCING_NOTICE").path("outcome").asString()).isEqualTo("NOT_APPLICABLE");

        // Explained later, in English, exactly as it was made.
        Response explained = fixture.send("GET", "/api/v1/compliance/decisions/" + body.path("decisionId").asString(),
                null, admin, "en");
        assertThat(explained.status()).as(explained.raw()).isEqualTo(200);
        assertThat(rule(explained, "CN.QUIET_HOURS").path("message").asString())
                .isEqualTo("It is 10:00 for the borrower, outside the quiet hours 22:00–08:00.");
        assertThat(explained.json().path("rules")).hasSameSizeAs(body.path("rules"));
        // Each rule cites the same source as when it was made, though the row keeps the sources once per policy.
        body.path("rules").forEach(made -> assertThat(rule(explained, made.path("ruleId").asString()).path("source")
                .asString()).as(made.path("ruleId").asString()).isNotEmpty().isEqualTo(made.path("source").asString()));
        String stored = jdbc.sql("select rules::text from compliance.decision where id = :id")
                .param("id", UUID.fromString(body.path("decisionId").asString())).query(String.class).single();
        assertThat(stored).doesNotContain("\"source\"", "GB/T 45251");
    }

    @Test
    void refusesEveryChannelInTheQuietHoursAndSaysWhenTheyEnd() {
        fixture.at(LocalTime.of(22, 30));
        UUID caseId = fixture.cases.get(0);

        for (String channel : List.of("VOICE", "AI_VOICE", "SMS")) {
            Response decision = fixture.decide(admin, caseId, fixture.mobile(caseId), channel, "COLLECT");

            assertThat(decision.json().path("outcome").asString()).as(decision.raw()).isEqualTo("DENY");
            assertThat(rule(decision, "CN.QUIET_HOURS").path("outcome").asString()).isEqualTo("FAIL");
            assertThat(Instant.parse(decision.json().path("nextAllowedAt").asString()))
                    .isEqualTo(LocalDate.now(SHANGHAI).plusDays(1).atTime(8, 0).atZone(SHANGHAI).toInstant());
            assertThat(decision.json().has("reservationExpiresAt")).isFalse();
        }
        fixture.at(LocalTime.of(7, 59));
        assertThat(fixture.decide(admin, caseId, fixture.mobile(caseId), "VOICE", "COLLECT").json().path("outcome")
                .asString()).isEqualTo("DENY");
        fixture.at(LocalTime.of(8, 0));
        assertThat(fixture.decide(admin, caseId, fixture.mobile(caseId), "VOICE", "COLLECT").json().path("outcome")
                .asString()).isEqualTo("ALLOW");
    }

    @Test
    void countsConnectedConversationsOfTheDayAndOpensAgainTomorrow() {
        fixture.at(LocalTime.of(9, 0));
        UUID caseId = fixture.cases.get(1);
        UUID mobile = fixture.mobile(caseId);
        for (int i = 0; i < 3; i++) {
            fixture.call(admin, caseId, mobile, "CONNECTED");
        }

        Response fourth = fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT");

        assertThat(fourth.json().path("outcome").asString()).isEqualTo("DENY");
        JsonNode cap = rule(fourth, "CN.CONVERSATIONS_PER_DAY");
        assertThat(cap.path("outcome").asString()).isEqualTo("FAIL");
        assertThat(cap.path("message").asString()).contains("3", "上限");
        assertThat(Instant.parse(fourth.json().path("nextAllowedAt").asString()))
                .isEqualTo(LocalDate.now(SHANGHAI).plusDays(1).atTime(8, 0).atZone(SHANGHAI).toInstant());
        // An SMS is another cap; another borrower is another count.
        assertThat(fixture.decide(admin, caseId, mobile, "SMS", "COLLECT").json().path("outcome").asString())
                .isEqualTo("ALLOW");
        UUID other = fixture.cases.get(2);
        assertThat(fixture.decide(admin, other, fixture.mobile(other), "VOICE", "COLLECT").json().path("outcome")
                .asString()).isEqualTo("ALLOW");
    }

    @Test
    void countsUnansweredDialsPerNumber() {
        fixture.at(LocalTime.of(9, 0));
        UUID caseId = fixture.cases.get(0);
        UUID mobile = fixture.mobile(caseId);
        for (int i = 0; i < 6; i++) {
            fixture.call(admin, caseId, mobile, i % 2 == 0 ? "NO_ANSWER" : "BUSY");
        }

        Response seventh = fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT");

        assertThat(seventh.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(seventh, "CN.UNANSWERED_PER_NUMBER_PER_DAY").path("outcome").asString()).isEqualTo("FAIL");
        assertThat(rule(seventh, "CN.CONVERSATIONS_PER_DAY").path("outcome").asString()).isEqualTo("PASS");
    }

    @Test
    void exactlyOneOfManyRacingForTheLastSlotIsAllowed() throws Exception {
        fixture.at(LocalTime.of(11, 0));
        UUID caseId = fixture.cases.get(2);
        UUID mobile = fixture.mobile(caseId);
        fixture.call(admin, caseId, mobile, "CONNECTED");
        fixture.call(admin, caseId, mobile, "CONNECTED");
        Login collector = fixture.registry.createUser(admin, "INSTITUTION_OPERATOR").login();
        Login operator = fixture.registry.createUser(admin, "INSTITUTION_OPERATOR").login();

        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Response>> racing = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                Login who = i % 3 == 0 ? admin : i % 3 == 1 ? collector : operator;
                Callable<Response> race = () -> fixture.decide(who, caseId, mobile, "VOICE", "COLLECT");
                racing.add(pool.submit(race));
            }
            int allowed = 0;
            for (Future<Response> answer : racing) {
                Response decision = answer.get();
                assertThat(decision.status()).as(decision.raw()).isEqualTo(201);
                if ("ALLOW".equals(decision.json().path("outcome").asString())) {
                    allowed++;
                } else {
                    JsonNode cap = rule(decision, "CN.CONVERSATIONS_PER_DAY");
                    assertThat(cap.path("outcome").asString()).isEqualTo("FAIL");
                    // Refused for a reservation that may lapse: it says when.
                    assertThat(Instant.parse(decision.json().path("nextAllowedAt").asString()))
                            .isBefore(Instant.parse(cap.path("nextAllowedAt").asString()).plusSeconds(1));
                }
            }
            assertThat(allowed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from compliance.decision where account_id = :case and outcome = 'ALLOW'")
                .param("case", caseId).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aLapsedReservationFreesItsSlot() {
        Instant nine = fixture.at(LocalTime.of(9, 0));
        UUID caseId = fixture.cases.get(0);
        UUID mobile = fixture.mobile(caseId);
        fixture.call(admin, caseId, mobile, "CONNECTED");
        fixture.call(admin, caseId, mobile, "CONNECTED");
        Response reserved = fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT");
        assertThat(reserved.json().path("outcome").asString()).isEqualTo("ALLOW");

        Response blocked = fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT");
        assertThat(blocked.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(Instant.parse(blocked.json().path("nextAllowedAt").asString()))
                .isEqualTo(Instant.parse(reserved.json().path("reservationExpiresAt").asString()));

        fixture.registry.setClock(nine.plus(Duration.ofMinutes(6)));
        assertThat(fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT").json().path("outcome").asString())
                .isEqualTo("ALLOW");
        // The lapsed ALLOW can no longer be acted on.
        Response late = fixture.attempt(admin, reserved.json().path("decisionId").asString(), "CONNECTED");
        assertThat(late.status()).as(late.raw()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("contact_attempt.no_live_decision");
    }

    @Test
    void anOutboundAttemptNeedsALiveAllowOfItsOwn() {
        fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(0);
        UUID mobile = fixture.mobile(caseId);

        Response unknown = fixture.attempt(admin, UUID.randomUUID().toString(), "CONNECTED");
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(409);

        fixture.at(LocalTime.of(23, 0));
        Response denied = fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT");
        assertThat(fixture.attempt(admin, denied.json().path("decisionId").asString(), "CONNECTED").status())
                .isEqualTo(409);

        fixture.at(LocalTime.of(10, 0));
        String allowed = fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT").json().path("decisionId").asString();
        Response wrongResult = fixture.attempt(admin, allowed, "DELIVERED");
        assertThat(wrongResult.status()).as(wrongResult.raw()).isEqualTo(422);
        assertThat(wrongResult.code()).isEqualTo("contact_attempt.result_not_for_channel");
        assertThat(fixture.attempt(admin, allowed, "CONNECTED").status()).isEqualTo(201);
        Response twice = fixture.attempt(admin, allowed, "CONNECTED");
        assertThat(twice.status()).isEqualTo(409);

        // Another institution cannot use (or see) this institution's decision.
        Registration other = fixture.registry.registerApproved("INSTITUTION");
        String second = fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT").json().path("decisionId").asString();
        assertThat(fixture.attempt(other.admin(), second, "CONNECTED").status()).isEqualTo(409);
        assertThat(fixture.get("/api/v1/compliance/decisions/" + second, other.admin()).status()).isEqualTo(404);
        assertThat(fixture.decide(other.admin(), caseId, mobile, "VOICE", "COLLECT").status()).isEqualTo(404);
    }

    @Test
    void inboundContactsNeedNoDecisionAndDoNotCountAgainstCaps() {
        fixture.at(LocalTime.of(23, 30));
        UUID caseId = fixture.cases.get(1);
        UUID mobile = fixture.mobile(caseId);
        for (int i = 0; i < 4; i++) {
            Response inbound = fixture.post("/api/v1/contact-attempts", Map.of("direction", "INBOUND", "caseId", caseId,
                    "contactPointId", mobile, "channel", "VOICE", "result", "CONNECTED", "note", "借款人来电询问还款方式"), admin);
            assertThat(inbound.status()).as(inbound.raw()).isEqualTo(201);
        }
        fixture.at(LocalTime.of(9, 0));
        assertThat(fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT").json().path("outcome").asString())
                .isEqualTo("ALLOW");
        // Notes are personal data: not stored in plain text.
        assertThat(jdbc.sql("select count(*) from compliance.contact_attempt where note_enc like '%还款%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aWrongNumberIsNotDialledAgain() {
        fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(0);
        UUID mobile = fixture.mobile(caseId);
        fixture.call(admin, caseId, mobile, "WRONG_NUMBER");

        Response again = fixture.decide(admin, caseId, mobile, "VOICE", "COLLECT");

        assertThat(again.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(again, "CN.CONTACT_POINT_VALID").path("outcome").asString()).isEqualTo("FAIL");
        assertThat(again.json().has("nextAllowedAt")).isFalse();
    }

    @Test
    void aThirdPartyOnlyToRestoreContactWithAnUnreachableBorrowerAndNeverAfterARefusal() {
        fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(1);
        UUID contact = fixture.emergencyContact(caseId);

        Response toCollect = fixture.decide(admin, caseId, contact, "VOICE", "COLLECT");
        assertThat(toCollect.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(toCollect, "CN.THIRD_PARTY").path("message").asString()).contains("恢复与借款人的联系");

        Response reachable = fixture.decide(admin, caseId, contact, "VOICE", "RESTORE_CONTACT");
        assertThat(reachable.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(reachable, "CN.THIRD_PARTY").path("message").asString()).contains("尚未失联");

        fixture.call(admin, caseId, fixture.mobile(caseId), "WRONG_NUMBER");
        Response unreachable = fixture.decide(admin, caseId, contact, "VOICE", "RESTORE_CONTACT");
        assertThat(unreachable.json().path("outcome").asString()).as(unreachable.raw()).isEqualTo("ALLOW");
        assertThat(rule(unreachable, "CN.THIRD_PARTY").path("message").asString()).contains("号码均无效", "不得透露债务");

        assertThat(fixture.attempt(admin, unreachable.json().path("decisionId").asString(), "REJECTED").status())
                .isEqualTo(201);
        Response refused = fixture.decide(admin, caseId, contact, "VOICE", "RESTORE_CONTACT");
        assertThat(refused.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(refused, "CN.THIRD_PARTY").path("message").asString()).contains("要求不再联系");
    }

    @Test
    void threeFailedCallsMakeTheBorrowerUnreachableFromTheNextDay() {
        Instant monday = fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(2);
        for (int i = 0; i < 3; i++) {
            fixture.call(admin, caseId, fixture.mobile(caseId), "NO_ANSWER");
        }
        UUID contact = fixture.emergencyContact(caseId);
        assertThat(fixture.decide(admin, caseId, contact, "VOICE", "RESTORE_CONTACT").json().path("outcome").asString())
                .isEqualTo("DENY");

        fixture.registry.setClock(monday.plus(Duration.ofDays(1)));
        Response nextDay = fixture.decide(admin, caseId, contact, "VOICE", "RESTORE_CONTACT");
        assertThat(nextDay.json().path("outcome").asString()).as(nextDay.raw()).isEqualTo("ALLOW");
        assertThat(rule(nextDay, "CN.THIRD_PARTY").path("message").asString()).contains("连续三次");
    }

    @Test
    void holdsStopContactAndACeaseHoldOnlyItsChannel() {
        fixture.at(LocalTime.of(10, 0));
        UUID ceased = fixture.cases.get(0);
        Response hold = fixture.post("/api/v1/cases/" + ceased + "/holds",
                Map.of("kind", "CEASE_CONTACT", "channel", "SMS", "reason", "借款人要求不要再发短信"), admin);
        assertThat(hold.status()).as(hold.raw()).isEqualTo(201);

        Response sms = fixture.decide(admin, ceased, fixture.mobile(ceased), "SMS", "COLLECT");
        assertThat(sms.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(sms, "CN.HOLD").path("message").asString()).contains("停止联系");
        assertThat(fixture.decide(admin, ceased, fixture.mobile(ceased), "VOICE", "COLLECT").json().path("outcome")
                .asString()).isEqualTo("ALLOW");

        UUID disputed = fixture.cases.get(1);
        fixture.post("/api/v1/cases/" + disputed + "/holds", Map.of("kind", "DISPUTED", "reason", "借款人对金额有异议"), admin);
        for (String channel : List.of("VOICE", "SMS", "LETTER", "EMAIL")) {
            Response decision = fixture.decide(admin, disputed, fixture.mobile(disputed), channel, "COLLECT");
            assertThat(decision.json().path("outcome").asString()).as(channel).isEqualTo("DENY");
            assertThat(rule(decision, "CN.HOLD").path("outcome").asString()).isEqualTo("FAIL");
        }
        Response channelOnOtherKind = fixture.post("/api/v1/cases/" + disputed + "/holds",
                Map.of("kind", "LEGAL", "channel", "SMS", "reason", "起诉"), admin);
        assertThat(channelOnOtherKind.status()).isEqualTo(400);
        assertThat(channelOnOtherKind.fieldErrors()).containsExactly("channel:case.hold_channel_only_for_cease");
    }

    @Test
    void callsAndTextsGoOutFromRegisteredNumbersOnly() {
        fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(0);
        UUID mobile = fixture.mobile(caseId);

        Response none = fixture.decide(admin, Map.of("caseId", caseId, "contactPointId", mobile, "channel", "VOICE",
                "purpose", "COLLECT"));
        assertThat(none.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(none, "CN.OUTBOUND_NUMBER").path("message").asString()).contains("未说明");

        Response privatePhone = fixture.decide(admin, Map.of("caseId", caseId, "contactPointId", mobile, "channel", "SMS",
                "purpose", "COLLECT", "callerNumber", "13512345678"));
        assertThat(privatePhone.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(privatePhone, "CN.OUTBOUND_NUMBER").path("message").asString()).contains("未登记");

        Response spelledDifferently = fixture.decide(admin, Map.of("caseId", caseId, "contactPointId", mobile,
                "channel", "VOICE", "purpose", "COLLECT", "callerNumber", "400-800-1234"));
        assertThat(spelledDifferently.json().path("outcome").asString()).isEqualTo("ALLOW");
        Response listed = fixture.get("/api/v1/compliance/outbound-numbers", admin);
        assertThat(listed.json().get(0).path("number").asString()).doesNotContain("8001");
    }

    @Test
    void aVisitTakesTwoCollectorsOfTheOrganisation() {
        fixture.at(LocalTime.of(14, 0));
        UUID caseId = fixture.cases.get(0);
        UUID address = null;
        for (JsonNode point : fixture.get("/api/v1/cases/" + caseId, admin).json().path("contactPoints")) {
            if ("ADDRESS".equals(point.path("kind").asString())) {
                address = UUID.fromString(point.path("id").asString());
            }
        }
        assertThat(address).isNotNull();
        Map<String, Object> alone = new HashMap<>(Map.of("caseId", caseId, "contactPointId", address, "channel", "VISIT",
                "purpose", "COLLECT"));

        Response single = fixture.decide(admin, alone);
        assertThat(single.json().path("outcome").asString()).isEqualTo("DENY");
        assertThat(rule(single, "CN.VISIT_TWO_COLLECTORS").path("outcome").asString()).isEqualTo("FAIL");

        Registration stranger = fixture.registry.registerApproved("INSTITUTION");
        UUID outsider = fixture.registry.createUser(stranger.admin(), "INSTITUTION_OPERATOR").id();
        alone.put("companions", List.of(outsider));
        assertThat(fixture.decide(admin, alone).json().path("outcome").asString()).isEqualTo("DENY");

        UUID colleague = fixture.registry.createUser(admin, "INSTITUTION_OPERATOR").id();
        alone.put("companions", List.of(colleague));
        Response pair = fixture.decide(admin, alone);
        assertThat(pair.json().path("outcome").asString()).as(pair.raw()).isEqualTo("ALLOW");
        assertThat(rule(pair, "CN.OUTBOUND_NUMBER").path("outcome").asString()).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void refusesMalformedAndForeignRequestsClearly() {
        fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(0);

        Response missing = fixture.decide(admin, Map.of("caseId", caseId));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fieldErrors()).containsExactlyInAnyOrder("contactPointId:required", "channel:required",
                "purpose:required");

        Response badChannel = fixture.send("POST", "/api/v1/compliance/decisions",
                "{\"caseId\":\"" + caseId + "\",\"contactPointId\":\"" + fixture.mobile(caseId)
                        + "\",\"channel\":\"PIGEON\",\"purpose\":\"COLLECT\"}", admin, null);
        assertThat(badChannel.status()).as(badChannel.raw()).isEqualTo(400);

        Response otherCasesPoint = fixture.decide(admin, caseId, fixture.mobile(fixture.cases.get(1)), "VOICE", "COLLECT");
        assertThat(otherCasesPoint.status()).isEqualTo(422);
        assertThat(otherCasesPoint.code()).isEqualTo("compliance.contact_point_unknown");

        assertThat(fixture.decide(admin, UUID.randomUUID(), fixture.mobile(caseId), "VOICE", "COLLECT").status())
                .isEqualTo(404);
        assertThat(fixture.decide(null, caseId, fixture.mobile(caseId), "VOICE", "COLLECT").status()).isEqualTo(401);

        // Agencies reach cases only through placements; there are none, so there is nothing to find.
        Registration agency = fixture.registry.registerApproved("AGENCY");
        Response byAgency = fixture.decide(agency.admin(), caseId, fixture.mobile(caseId), "VOICE", "COLLECT");
        assertThat(byAgency.status()).as(byAgency.raw()).isEqualTo(404);
        // A compliance decision is not the platform administrator's to ask for.
        assertThat(fixture.decide(org.recourse.registry.RegistryApiFixtures.PLATFORM_ADMIN, caseId, fixture.mobile(caseId),
                "VOICE", "COLLECT").status()).isEqualTo(403);
    }
}
