package org.recourse.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.recourse.PageSession;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.strategy.StrategyFixture.Account;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The strategy and template pages over plain HTTP: the administrator adds a template (a blocked one shows its
 * findings), writes a strategy whose refusals are listed with their field paths, saves it, activates it and reads its
 * results with the chart's data; an operator reads without the forms; another institution finds nothing.
 */
@RecourseTest
class StrategyPagesTests {

    private static final Pattern STRATEGY = Pattern.compile("/strategies/([0-9a-f-]{36})\\?saved=1");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SegmentationStep step;

    @Test
    void anAdministratorWritesActivatesAndComparesAStrategy() {
        StrategyFixture fixture = new StrategyFixture(port, jdbc);
        fixture.load(List.of(new Account("现金贷", "广东省", 10, "1000"), new Account("现金贷", "湖南省", 50, "2000")));
        PageSession admin = PageSession.signedIn(port, fixture.admin());

        String templates = admin.get("/templates").body();
        assertThat(templates).contains("id=\"template-form\"", "还没有消息模板");
        HttpResponse<String> blocked = admin.post("/templates", Map.of("name", "威胁", "channel", "SMS",
                "text", "{{institution}}：再不还就找人收拾你。工号{{badge}}"));
        assertThat(blocked.statusCode()).isEqualTo(200);
        assertThat(blocked.body()).contains("id=\"template-error\"", "未通过筛查", "data-rule=\"CONTENT.C1_THREAT\"");
        HttpResponse<String> added = admin.post("/templates", Map.of("name", "提醒", "channel", "SMS",
                "text", StrategyFixture.GOOD_SMS));
        assertThat(added.statusCode()).isEqualTo(302);
        String list = admin.get("/templates").body();
        assertThat(list).contains("模板已通过筛查并保存", "data-template=");
        Matcher template = Pattern.compile("data-template=\"([0-9a-f-]{36})\"").matcher(list);
        assertThat(template.find()).isTrue();

        assertThat(admin.get("/strategies").body()).contains("id=\"new-strategy\"", "还没有策略");
        assertThat(admin.get("/strategies/new").body()).contains("id=\"strategy-form\"", "INTERNAL_QUEUE");
        HttpResponse<String> refused = admin.post("/strategies", Map.of("name", "早期", "segments", """
                [{"name": "M1", "conditions": {"buckets": ["M1"], "minDpd": 20, "maxDpd": 5},
                  "steps": [{"dayOffset": 0, "action": "SMS"}]}]
                """));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"strategy-errors\"",
                "data-field=\"segments[0].conditions.maxDpd\" data-code=\"strategy.dpd_range_inverted\"",
                "data-field=\"segments[0].steps[0].templateId\" data-code=\"strategy.template_required\"",
                "短信、邮件和信函步骤须指定消息模板");
        assertThat(admin.post("/strategies", Map.of("name", "早期", "segments", "[{oops")).body())
                .contains("data-code=\"strategy.form.json_invalid\"");

        HttpResponse<String> saved = admin.post("/strategies", Map.of("name", "早期", "segments", """
                [{"name": "M1", "conditions": {"buckets": ["M1"]},
                  "steps": [{"dayOffset": 0, "action": "SMS", "templateId": "%s"}],
                  "variants": [{"name": "A", "percent": 50, "steps": []}, {"name": "B", "percent": 50,
                                "steps": [{"dayOffset": 2, "action": "VOICE"}]}]},
                 {"name": "其他", "conditions": {}, "steps": [{"dayOffset": 0, "action": "INTERNAL_QUEUE"}]}]
                """.formatted(template.group(1))));
        assertThat(saved.statusCode()).isEqualTo(302);
        Matcher location = STRATEGY.matcher(saved.headers().firstValue("Location").orElseThrow());
        assertThat(location.find()).isTrue();
        UUID id = UUID.fromString(location.group(1));
        String detail = admin.get("/strategies/" + id + "?saved=1").body();
        assertThat(detail).contains("策略已保存", "id=\"activate-form\"", "第 0 天：短信", "第 2 天：电话", "A 50%",
                "尚未生效");

        assertThat(admin.post("/strategies/" + id + "/activate", Map.of("from", fixture.today.minusDays(1).toString(),
                "version", "1")).statusCode()).isEqualTo(302);
        assertThat(admin.get("/strategies/" + id).body()).contains("id=\"strategy-error\"", "生效日期不能早于今天");
        assertThat(admin.post("/strategies/" + id + "/activate", Map.of("from", fixture.today.toString(),
                "version", "1")).statusCode()).isEqualTo(302);
        assertThat(admin.get("/strategies/" + id).body()).contains("已设置生效日期", "id=\"active-version\">v1<");

        String edit = admin.get("/strategies/" + id + "/edit").body();
        assertThat(edit).contains("将保存为 v2", "&quot;INTERNAL_QUEUE&quot;");

        step.segment(fixture.institution.id(), fixture.today);
        String results = admin.get("/strategies/" + id + "/results").body();
        assertThat(results).contains("id=\"chart-variants\"", "id=\"strategy-chart-data\"", "strategy-charts.js",
                "data-segment=\"M1\"", "data-segment=\"其他\"", "（整个分群）");

        // An operator reads, without the forms; another institution finds nothing.
        Login operatorLogin = fixture.registry.createUser(fixture.admin(), "INSTITUTION_OPERATOR").login();
        PageSession operator = PageSession.signedIn(port, operatorLogin);
        assertThat(operator.get("/strategies").body()).contains("早期").doesNotContain("id=\"new-strategy\"");
        String readOnly = operator.get("/strategies/" + id).body();
        assertThat(readOnly).contains("第 0 天：短信").doesNotContain("id=\"activate-form\"", "id=\"edit-strategy\"");
        assertThat(operator.get("/templates").body()).contains("提醒").doesNotContain("id=\"template-form\"");
        assertThat(operator.get("/templates?lang=en").body()).contains(
                "must hold {{institution}} (the institution&#39;s name) and {{badge}}");
        assertThat(operator.get("/strategies/" + id + "?lang=en").body()).contains("Day 0: SMS", "Version in force today");
        StrategyFixture other = new StrategyFixture(port, jdbc);
        PageSession stranger = PageSession.signedIn(port, other.admin());
        assertThat(stranger.get("/strategies/" + id).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/strategies/" + id + "/results").statusCode()).isEqualTo(404);
        assertThat(stranger.get("/strategies").body()).doesNotContain("早期");
    }
}
