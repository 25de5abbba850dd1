package org.recourse.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.strategy.StrategyFixture.errors;
import static org.recourse.strategy.StrategyFixture.segment;
import static org.recourse.strategy.StrategyFixture.step;
import static org.recourse.strategy.StrategyFixture.strategy;
import static org.recourse.strategy.StrategyFixture.variant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * Templates and strategies through the API as an institution's systems use them: templates screened before they are
 * approved; strategies saved as versions, each rule refusing with its code at the field's path, activated from a day
 * not past; other institutions get 404, people without the role 403.
 */
@RecourseTest
class StrategyApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private StrategyFixture fixture;
    private Login admin;

    @BeforeEach
    void anInstitution() {
        fixture = new StrategyFixture(port, jdbc);
        admin = fixture.admin();
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void aTemplateIsApprovedOnlyWhenScreeningDoesNotBlockIt() {
        Response added = fixture.post("/api/v1/templates", Map.of("name", "到期提醒", "channel", "SMS",
                "recipient", "BORROWER", "text", StrategyFixture.GOOD_SMS), admin);
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        assertThat(added.json().path("screeningOutcome").asString()).isEqualTo("ALLOW");
        assertThat(added.json().path("channel").asString()).isEqualTo("SMS");

        Response threat = fixture.post("/api/v1/templates", Map.of("name", "威胁", "channel", "SMS",
                "recipient", "BORROWER", "text", "{{institution}}：再不还款就找人收拾你。工号{{badge}}"), admin);
        assertThat(threat.status()).as(threat.raw()).isEqualTo(422);
        assertThat(threat.code()).isEqualTo("template.blocked");
        assertThat(threat.json().path("findings")).isNotEmpty();
        assertThat(threat.json().path("findings").get(0).path("ruleId").asString()).isEqualTo("CONTENT.C1_THREAT");

        Response noBadge = fixture.post("/api/v1/templates", Map.of("name", "无工号", "channel", "LETTER",
                "text", "{{institution}}提醒您：本期账单已到期。"), admin);
        assertThat(noBadge.status()).as(noBadge.raw()).isEqualTo(422);
        assertThat(noBadge.code()).isEqualTo("template.blocked");

        Response again = fixture.post("/api/v1/templates", Map.of("name", "到期提醒", "channel", "EMAIL",
                "text", StrategyFixture.GOOD_SMS), admin);
        assertThat(again.status()).as(again.raw()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("template.name_taken");

        Response fax = fixture.post("/api/v1/templates", Map.of("name", "传真", "channel", "FAX",
                "text", StrategyFixture.GOOD_SMS), admin);
        assertThat(fax.status()).isEqualTo(422);
        assertThat(errors(fax)).containsEntry("channel", "template.channel_unknown");
        Response empty = fixture.post("/api/v1/templates", Map.of("channel", "SMS"), admin);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(errors(empty)).containsEntry("name", "required").containsEntry("text", "required");

        Login operator = fixture.registry.createUser(admin, "INSTITUTION_OPERATOR").login();
        assertThat(fixture.post("/api/v1/templates", Map.of("name", "x", "channel", "SMS",
                "text", StrategyFixture.GOOD_SMS), operator).status()).isEqualTo(403);
        JsonNode listed = fixture.get("/api/v1/templates", operator).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asString()).isEqualTo("到期提醒");
        assertThat(fixture.get("/api/v1/templates?channel=EMAIL", operator).json()).isEmpty();

        StrategyFixture other = new StrategyFixture(port, jdbc);
        assertThat(other.get("/api/v1/templates", other.admin()).json()).isEmpty();
    }

    @Test
    void savesVersionsAndActivatesFromADayNotPast() {
        UUID sms = fixture.template("提醒", "SMS");
        Map<String, Object> first = strategy("早期", List.of(
                segment("M1", Map.of("buckets", List.of("M1")), List.of(step(0, "SMS", sms), step(3, "VOICE", null)),
                        List.of()),
                segment("其他", Map.of(), List.of(step(0, "INTERNAL_QUEUE", null)), List.of())));
        Response created = fixture.post("/api/v1/strategies", first, admin);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().path("id").asString());
        assertThat(created.json().path("version").asInt()).isEqualTo(1);

        Map<String, Object> second = strategy("早期（改）", List.of(
                segment("M1", Map.of("buckets", List.of("M1")), List.of(step(1, "SMS", sms)),
                        List.of(variant("A", 50, List.of(step(2, "VOICE", null))),
                                variant("B", 50, List.of(step(5, "VOICE", null))))),
                segment("其他", Map.of(), List.of(), List.of())));
        Response revised = fixture.put("/api/v1/strategies/" + id, second, admin);
        assertThat(revised.status()).as(revised.raw()).isEqualTo(200);
        assertThat(revised.json().path("version").asInt()).isEqualTo(2);

        JsonNode detail = fixture.get("/api/v1/strategies/" + id, admin).json();
        assertThat(detail.path("name").asString()).isEqualTo("早期（改）");
        assertThat(detail.path("latestVersion").asInt()).isEqualTo(2);
        assertThat(detail.path("versions")).hasSize(2);
        assertThat(detail.path("versions").get(0).path("definition").path("segments").get(0).path("steps")).hasSize(2);
        assertThat(detail.path("versions").get(1).path("definition").path("segments").get(0).path("variants"))
                .hasSize(2);
        assertThat(detail.path("activeVersion").asInt(0)).isZero();

        Response past = fixture.activate(id, fixture.today.minusDays(1));
        assertThat(past.status()).as(past.raw()).isEqualTo(422);
        assertThat(past.code()).isEqualTo("strategy.activation_in_past");
        Response missing = fixture.post("/api/v1/strategies/" + id + "/activate", Map.of(), admin);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(errors(missing)).containsEntry("from", "required");
        Response noSuchVersion = fixture.post("/api/v1/strategies/" + id + "/activate",
                Map.of("from", fixture.today.toString(), "version", 7), admin);
        assertThat(noSuchVersion.status()).isEqualTo(422);
        assertThat(noSuchVersion.code()).isEqualTo("strategy.version_unknown");

        Response tomorrow = fixture.post("/api/v1/strategies/" + id + "/activate",
                Map.of("from", fixture.today.plusDays(1).toString(), "version", 1), admin);
        assertThat(tomorrow.status()).as(tomorrow.raw()).isEqualTo(200);
        assertThat(tomorrow.json().path("activeVersion").asInt(0)).isZero();
        Response today = fixture.activate(id, fixture.today);
        assertThat(today.json().path("activeVersion").asInt()).isEqualTo(2);
        assertThat(today.json().path("activations")).hasSize(2);

        JsonNode list = fixture.get("/api/v1/strategies", admin).json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("latestVersion").asInt()).isEqualTo(2);
        assertThat(list.get(0).path("activeVersion").asInt()).isEqualTo(2);
        assertThat(list.get(0).path("nextActivation").asString()).isEqualTo(fixture.today.plusDays(1).toString());

        // The audit trail has each save and the activations.
        assertThat(jdbc.sql("select count(*) from audit.audit_event where organisation_id = :i and action like 'strategy.%'")
                .param("i", fixture.institution.id()).query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void refusesEveryRuleWithItsCodeAtTheFieldsPath() {
        UUID sms = fixture.template("短信", "SMS");
        UUID letter = fixture.template("信函", "LETTER");
        StrategyFixture other = new StrategyFixture(port, jdbc);
        UUID othersTemplate = other.template("别家", "SMS");
        Map<String, Object> badConditions = new LinkedHashMap<>();
        badConditions.put("buckets", List.of("M9"));
        badConditions.put("minDpd", 40);
        badConditions.put("maxDpd", 10);
        Map<String, Object> badAmounts = new LinkedHashMap<>();
        badAmounts.put("minOutstanding", 5000);
        badAmounts.put("maxOutstanding", 100);
        Map<String, Object> negative = Map.of("minOutstanding", -1);
        Response refused = fixture.post("/api/v1/strategies", strategy("坏策略", List.of(
                segment("A", badConditions, List.of(
                        step(-1, "VOICE", null),
                        step(0, "SMS", null),
                        step(0, "SMS", letter),
                        step(0, "EMAIL", UUID.randomUUID()),
                        step(0, "LETTER", othersTemplate),
                        step(0, "VOICE", sms),
                        step(0, "TELEPATHY", null),
                        step(4000, "VOICE", null)), List.of()),
                segment("B", badAmounts, List.of(), List.of(
                        variant("甲", 60, List.of()), variant("乙", 30, List.of()), variant("丙", 0, List.of()))),
                segment("C", negative, List.of(), List.of(variant("甲", 50, List.of()), variant("甲", 50, List.of()))),
                segment("A", Map.of("buckets", List.of("M2")), List.of(), List.of(
                        variant("甲", 70, List.of()), variant("乙", 20, List.of()))))), admin);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(errors(refused)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("segments[0].conditions.buckets", "strategy.bucket_unknown"),
                Map.entry("segments[0].conditions.maxDpd", "strategy.dpd_range_inverted"),
                Map.entry("segments[0].steps[0].dayOffset", "strategy.day_offset_negative"),
                Map.entry("segments[0].steps[1].templateId", "strategy.template_required"),
                Map.entry("segments[0].steps[2].templateId", "strategy.template_channel"),
                Map.entry("segments[0].steps[3].templateId", "strategy.template_unknown"),
                Map.entry("segments[0].steps[4].templateId", "strategy.template_unknown"),
                Map.entry("segments[0].steps[5].templateId", "strategy.template_not_applicable"),
                Map.entry("segments[0].steps[6].action", "strategy.action_unknown"),
                Map.entry("segments[0].steps[7].dayOffset", "strategy.day_offset_too_large"),
                Map.entry("segments[1].conditions.maxOutstanding", "strategy.outstanding_range_inverted"),
                Map.entry("segments[1].variants[2].percent", "strategy.variant_percent"),
                Map.entry("segments[2].conditions.minOutstanding", "strategy.outstanding_negative"),
                Map.entry("segments[2].variants[1].name", "strategy.variant_name_taken"),
                Map.entry("segments[3].name", "strategy.segment_name_taken"),
                Map.entry("segments[3].variants", "strategy.variant_percents_sum")));
        assertThat(refused.code()).isEqualTo("strategy.bucket_unknown");
        assertThat(refused.json().path("errors").get(0).path("message").asString()).isNotBlank();
        assertThat(fixture.get("/api/v1/strategies", admin).json()).isEmpty();

        // Malformed fields are a 400, listed with the rules' refusals.
        Response malformed = fixture.post("/api/v1/strategies", Map.of("segments", List.of(
                segment("", Map.of(), List.of(Map.of("action", "VOICE"), step(0, "SMS", null)), List.of()))), admin);
        assertThat(malformed.status()).as(malformed.raw()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("validation_failed");
        assertThat(errors(malformed)).containsEntry("name", "required").containsEntry("segments[0].name", "required")
                .containsEntry("segments[0].steps[0].dayOffset", "required")
                .containsEntry("segments[0].steps[1].templateId", "strategy.template_required");
        assertThat(errors(fixture.post("/api/v1/strategies", Map.of("name", "空"), admin)))
                .containsEntry("segments", "required");
    }

    @Test
    void aSegmentThatCanNeverMatchIsRefused() {
        // M1 is days 1–30: "M1 with at least 40 days" is empty; "30–60 days" is left with 31–60 after M1 took 1–30.
        Response contradictory = fixture.post("/api/v1/strategies", strategy("s", List.of(
                segment("矛盾", Map.of("buckets", List.of("M1"), "minDpd", 40), List.of(), List.of()))), admin);
        assertThat(contradictory.status()).as(contradictory.raw()).isEqualTo(422);
        assertThat(errors(contradictory)).containsExactly(Map.entry("segments[0].conditions", "strategy.segment_unreachable"));

        // Covered only by two earlier segments together: 广东 cases of any product, then 现金贷 anywhere.
        Response covered = fixture.post("/api/v1/strategies", strategy("s", List.of(
                segment("广东", Map.of("provinces", List.of("广东省")), List.of(), List.of()),
                segment("现金贷", Map.of("products", List.of("现金贷")), List.of(), List.of()),
                segment("广东或现金贷", Map.of("products", List.of("现金贷"), "provinces", List.of("广东省", "湖南省"),
                        "minDpd", 30), List.of(), List.of()),
                segment("其他", Map.of(), List.of(), List.of()),
                segment("还有", Map.of("buckets", List.of("M3")), List.of(), List.of()))), admin);
        assertThat(covered.status()).as(covered.raw()).isEqualTo(422);
        assertThat(errors(covered)).containsExactly(
                Map.entry("segments[2].conditions", "strategy.segment_unreachable"),
                Map.entry("segments[4].conditions", "strategy.segment_unreachable"));

        // Overlapping but each reaching some case: accepted, the first match wins.
        Response overlapping = fixture.post("/api/v1/strategies", strategy("s", List.of(
                segment("M1-M2", Map.of("buckets", List.of("M1", "M2")), List.of(), List.of()),
                segment("30-90", Map.of("minDpd", 30, "maxDpd", 90), List.of(), List.of()),
                segment("大额", Map.of("minOutstanding", 10000), List.of(), List.of()),
                segment("其他", Map.of(), List.of(), List.of()))), admin);
        assertThat(overlapping.status()).as(overlapping.raw()).isEqualTo(201);
    }

    @Test
    void stepsThePolicyForbidsAreRefused() {
        Map<String, Object> visits = strategy("外访", List.of(segment("全部", Map.of(),
                List.of(step(0, "FIELD_VISIT", null), step(7, "VOICE", null), step(7, "VOICE", null),
                        step(7, "VOICE", null), step(7, "VOICE", null)),
                List.of())));
        Response capped = fixture.post("/api/v1/strategies", visits, admin);
        assertThat(capped.status()).as(capped.raw()).isEqualTo(422);
        // The CN pack lets at most three conversations reach a borrower a day.
        assertThat(errors(capped)).containsExactly(Map.entry("segments[0].steps[4].dayOffset",
                "strategy.steps_exceed_daily_cap"));

        Response tightened = fixture.registry.send("PUT", "/api/v1/compliance/policy", "application/json",
                org.recourse.registry.RegistryApiFixtures.json(Map.of("overrides",
                        Map.of("frequency.visitsPerBorrowerPerDay", 0), "reason", "本机构不做外访")), admin);
        assertThat(tightened.status()).as(tightened.raw()).isEqualTo(200);
        Response forbidden = fixture.post("/api/v1/strategies", strategy("外访", List.of(segment("全部", Map.of(),
                List.of(step(3, "SMS", fixture.template("提醒", "SMS"))),
                List.of(variant("上门", 50, List.of(step(0, "FIELD_VISIT", null))), variant("电话", 50,
                        List.of(step(0, "VOICE", null))))))), admin);
        assertThat(forbidden.status()).as(forbidden.raw()).isEqualTo(422);
        assertThat(errors(forbidden)).containsExactly(Map.entry("segments[0].variants[0].steps[0].action",
                "strategy.step_forbidden_by_policy"));
    }

    @Test
    void anotherInstitutionFindsNothingAndOtherRolesAreRefused() {
        UUID id = fixture.create(strategy("s", List.of(segment("全部", Map.of(), List.of(), List.of()))));
        StrategyFixture other = new StrategyFixture(port, jdbc);
        Login stranger = other.admin();
        assertThat(other.get("/api/v1/strategies/" + id, stranger).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/strategies/" + id, stranger).code()).isEqualTo("strategy.not_found");
        assertThat(other.get("/api/v1/strategies/" + id + "/results", stranger).status()).isEqualTo(404);
        assertThat(other.put("/api/v1/strategies/" + id, strategy("s", List.of(segment("全部", Map.of(), List.of(),
                List.of()))), stranger).status()).isEqualTo(404);
        assertThat(other.activate(id, other.today).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/strategies", stranger).json()).isEmpty();

        Login operator = fixture.registry.createUser(admin, "INSTITUTION_OPERATOR").login();
        assertThat(fixture.get("/api/v1/strategies/" + id, operator).status()).isEqualTo(200);
        assertThat(fixture.post("/api/v1/strategies", strategy("s", List.of(segment("全部", Map.of(), List.of(),
                List.of()))), operator).status()).isEqualTo(403);
        assertThat(fixture.post("/api/v1/strategies/" + id + "/activate", Map.of("from", fixture.today.toString()),
                operator).status()).isEqualTo(403);
        Registration agency = fixture.registry.registerApproved("AGENCY");
        assertThat(fixture.get("/api/v1/strategies", agency.admin()).status()).isEqualTo(403);
        assertThat(fixture.get("/api/v1/strategies/" + id, agency.admin()).status()).isEqualTo(403);
    }
}
