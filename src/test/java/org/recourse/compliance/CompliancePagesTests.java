package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.PageSession;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The compliance officer's pages over plain HTTP: the decision log and its filters (rule, outcome, agency,
 * collector, period), the period's denials by rule and by agency, one decision explained, a case's timeline,
 * the policy with its overlay form (looser values refused, naming the parameter), and one institution's
 * decisions hidden from every other organisation.
 */
@RecourseTest
class CompliancePagesTests {

    private static final Pattern DECISION_ROW = Pattern.compile("data-decision=\"([0-9a-f-]{36})\"");
    private static final Pattern TIMELINE_ROW = Pattern.compile("data-kind=\"([A-Z-]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ComplianceFixture fixture;
    private Login admin;
    private User officer;
    private PageSession pages;

    @BeforeEach
    void anInstitutionWithACompliancePerson() {
        fixture = new ComplianceFixture(port, jdbc);
        admin = fixture.admin;
        officer = fixture.registry.createUser(admin, "COMPLIANCE_OFFICER");
        pages = PageSession.signedIn(port, officer.login());
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void theLogListsDecisionsNewestFirstAndEachFilterNarrowsIt() {
        UUID caseId = fixture.cases.get(0);
        UUID other = fixture.cases.get(1);
        fixture.at(LocalTime.of(10, 0));
        String allowed = decide(admin, caseId, "VOICE");
        User operator = fixture.registry.createUser(admin, "INSTITUTION_OPERATOR");
        fixture.at(LocalTime.of(10, 5));
        String byOperator = decide(operator.login(), other, "SMS");
        fixture.at(LocalTime.of(22, 30));
        String quietCall = decide(admin, caseId, "VOICE");
        fixture.at(LocalTime.of(22, 31));
        String quietSms = decide(admin, other, "SMS");

        HttpResponse<String> log = pages.get("/compliance/decisions");

        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(rows(log.body())).containsExactly(quietSms, quietCall, byOperator, allowed);
        assertThat(log.body()).contains("CN.QUIET_HOURS", "id=\"chart-rules\"", "id=\"chart-agencies\"",
                "data-charts=", "/js/compliance-charts.js", operator.login().username());
        assertThat(rows(pages.get("/compliance/decisions?outcome=DENY").body())).containsExactly(quietSms, quietCall);
        assertThat(rows(pages.get("/compliance/decisions?outcome=ALLOW").body())).containsExactly(byOperator, allowed);
        assertThat(rows(pages.get("/compliance/decisions?rule=CN.QUIET_HOURS").body())).containsExactly(quietSms, quietCall);
        assertThat(rows(pages.get("/compliance/decisions?rule=CN.HOLD").body())).isEmpty();
        assertThat(rows(pages.get("/compliance/decisions?collectorId=" + operator.id()).body())).containsExactly(byOperator);
        assertThat(rows(pages.get("/compliance/decisions?agencyId=" + fixture.institution.id()).body())).hasSize(4);
        assertThat(rows(pages.get("/compliance/decisions?agencyId=" + UUID.randomUUID()).body())).isEmpty();
        LocalDate today = LocalDate.now(ComplianceFixture.SHANGHAI);
        assertThat(rows(pages.get("/compliance/decisions?from=" + today + "&to=" + today).body())).hasSize(4);
        assertThat(rows(pages.get("/compliance/decisions?from=" + today.plusDays(1)).body())).isEmpty();
        assertThat(rows(pages.get("/compliance/decisions?to=" + today.minusDays(1)).body())).isEmpty();
        // Filters combine.
        assertThat(rows(pages.get("/compliance/decisions?outcome=DENY&collectorId=" + operator.id()).body())).isEmpty();
    }

    @Test
    void countsThePeriodsDenialsByRuleAndByAgencyWithTheInstitutionAsOneRow() {
        UUID caseId = fixture.cases.get(0);
        fixture.at(LocalTime.of(10, 0));
        decide(admin, caseId, "VOICE");
        fixture.at(LocalTime.of(23, 0));
        decide(admin, caseId, "VOICE");
        decide(admin, fixture.cases.get(1), "SMS");

        String body = pages.get("/compliance/decisions").body();

        assertThat(table(body, "denials-by-rule")).contains("CN.QUIET_HOURS|2");
        assertThat(table(body, "denials-by-agency")).containsExactly("本机构（" + fixture.institution.name() + "）|3|2");
        assertThat(body).contains("共 3 次判定，其中拒绝 2 次");
        // The period is the filter's: a day without decisions counts none.
        LocalDate yesterday = LocalDate.now(ComplianceFixture.SHANGHAI).minusDays(1);
        String before = pages.get("/compliance/decisions?from=" + yesterday + "&to=" + yesterday).body();
        assertThat(table(before, "denials-by-rule")).isEmpty();
        assertThat(before).contains("该期间没有被拒绝的联系");
    }

    @Test
    void showsWhatIsWrongWithAFilterNextToItsField() {
        HttpResponse<String> page = pages.get("/compliance/decisions?outcome=MAYBE&rule=CN.NOPE&from=2026-13-01&agencyId=x");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"filter-error\"", "id=\"outcome-error\"", "id=\"rule-error\"",
                "id=\"from-error\"", "id=\"agencyId-error\"", "格式不正确", "取值无效").doesNotContain("id=\"decisions\"");
        assertThat(pages.get("/compliance/decisions?from=2026-05-02&to=2026-05-01").body())
                .contains("id=\"to-error\"", "上限不能小于下限");
        assertThat(pages.get("/compliance/decisions?cursor=not-a-cursor").body())
                .contains("分页游标无效", "id=\"first-page\"");
    }

    @Test
    void explainsADecisionInPlainWordsWithTheAttemptMadeOnIt() {
        UUID caseId = fixture.cases.get(0);
        fixture.at(LocalTime.of(22, 30));
        String denied = decide(admin, caseId, "VOICE");
        fixture.at(LocalTime.of(10, 0));
        Response allowed = fixture.decide(admin, caseId, fixture.mobile(caseId), "VOICE", "COLLECT");
        String allowedId = allowed.json().path("decisionId").asString();
        fixture.attempt(admin, allowedId, "CONNECTED");

        String deniedPage = pages.get("/compliance/decisions/" + denied).body();

        assertThat(deniedPage).contains("拒绝本次电话联系，未通过的规则：CN.QUIET_HOURS",
                "借款人当地时间 22:30（Asia/Shanghai），处于 22:00–08:00 禁止联系时段内", "CN-NIFA-2018",
                "GB/T 45251", "判定为拒绝，不得据此联系", fixture.admin.username());
        assertThat(deniedPage).contains(LocalDate.now(ComplianceFixture.SHANGHAI).plusDays(1) + " 08:00 (Asia/Shanghai)");
        String allowedPage = pages.get("/compliance/decisions/" + allowedId).body();
        assertThat(allowedPage).contains("允许本次电话联系", "id=\"attempt-result\">已接通<");
        assertThat(pages.get("/compliance/decisions/" + denied + "?lang=en").body())
                .contains("It is 22:30 for the borrower (Asia/Shanghai), inside the quiet hours 22:00–08:00.");
        assertThat(pages.get("/compliance/decisions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void aCasesTimelineListsItsDecisionsAndItsContactsInTimeOrder() {
        UUID caseId = fixture.cases.get(2);
        fixture.at(LocalTime.of(9, 0));
        fixture.call(admin, caseId, fixture.mobile(caseId), "NO_ANSWER");
        fixture.at(LocalTime.of(11, 0));
        Response inbound = fixture.post("/api/v1/contact-attempts", Map.of("direction", "INBOUND", "caseId", caseId,
                "contactPointId", fixture.mobile(caseId), "channel", "VOICE", "result", "CONNECTED"), admin);
        assertThat(inbound.status()).as(inbound.raw()).isEqualTo(201);
        fixture.at(LocalTime.of(22, 45));
        decide(admin, caseId, "SMS");

        HttpResponse<String> timeline = pages.get("/compliance/cases/" + caseId);

        assertThat(timeline.statusCode()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        Matcher kind = TIMELINE_ROW.matcher(timeline.body());
        while (kind.find()) {
            kinds.add(kind.group(1));
        }
        assertThat(kinds).containsExactly("DECISION", "ATTEMPT-OUTBOUND", "ATTEMPT-INBOUND", "DECISION");
        assertThat(timeline.body()).contains("无人接听", "借款人来电/来访", "CN.QUIET_HOURS");
        assertThat(pages.get("/compliance/cases/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        // The case page links to it.
        PageSession staff = PageSession.signedIn(port, admin);
        assertThat(staff.get("/cases/" + caseId).body()).contains("/compliance/cases/" + caseId);
    }

    @Test
    void anotherInstitutionSeesNoneOfItAndAnAgencyNothingYet() {
        UUID caseId = fixture.cases.get(0);
        fixture.at(LocalTime.of(22, 30));
        String denied = decide(admin, caseId, "VOICE");
        Registration stranger = fixture.registry.registerApproved("INSTITUTION");
        PageSession theirs = PageSession.signedIn(port, stranger.admin());

        assertThat(rows(theirs.get("/compliance/decisions").body())).isEmpty();
        assertThat(table(theirs.get("/compliance/decisions").body(), "denials-by-rule")).isEmpty();
        assertThat(theirs.get("/compliance/decisions/" + denied).statusCode()).isEqualTo(404);
        assertThat(theirs.get("/compliance/cases/" + caseId).statusCode()).isEqualTo(404);
        // Naming the victim's organisation as the agency filter changes nothing: the tenant is the signed-in one.
        assertThat(rows(theirs.get("/compliance/decisions?agencyId=" + fixture.institution.id()).body())).isEmpty();

        Registration agency = fixture.registry.registerApproved("AGENCY");
        PageSession agencyPages = PageSession.signedIn(port, agency.admin());
        assertThat(rows(agencyPages.get("/compliance/decisions").body())).isEmpty();
        assertThat(agencyPages.get("/compliance/decisions/" + denied).statusCode()).isEqualTo(404);
        assertThat(agencyPages.get("/").body()).doesNotContain("id=\"nav-compliance\"");
        assertThat(pages.get("/").body()).contains("id=\"nav-compliance\"", "id=\"nav-policy\"");
    }

    @Test
    void showsThePolicyWithEveryParameterItsSourceAndVerification() {
        HttpResponse<String> policy = pages.get("/compliance/policy");

        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(policy.body()).contains("id=\"policy-pack\">CN-NIFA-2018<", "2026.11.1", "Asia/Shanghai",
                "frequency.smsPerBorrowerPerDay", "每位借款人每日短信上限", "label-UNVERIFIED", "label-V-secondary",
                "Product default: no source found", "id=\"not-enforced\"", "无（沿用方案包）");
        // A compliance officer reads the policy; only the institution's administrator changes it.
        assertThat(policy.body()).doesNotContain("id=\"policy-submit\"");
        assertThat(pages.post("/compliance/policy", Map.of("p.frequency.smsPerBorrowerPerDay", "2", "reason", "收紧"))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> packs = pages.get("/compliance/packs");
        assertThat(packs.body()).contains("data-pack=\"CN-NIFA-2018\"", "data-pack=\"UK-CONC\"", "data-pack=\"US-REG-F\"");
    }

    @Test
    void thePolicyFormRefusesALooserValueNamingTheParameterAndSavesAStricterOne() {
        PageSession administrator = PageSession.signedIn(port, admin);
        administrator.get("/compliance/policy");

        HttpResponse<String> looser = administrator.post("/compliance/policy",
                Map.of("p.frequency.smsPerBorrowerPerDay", "9", "p.contactWindow.quietFrom", "", "reason", "试试放宽"));

        assertThat(looser.statusCode()).isEqualTo(200);
        assertThat(looser.body()).contains("id=\"policy-error\"", "frequency.smsPerBorrowerPerDay 比方案包的值更宽松",
                "id=\"error-frequency.smsPerBorrowerPerDay\"", "每位借款人每日短信上限：比方案包的值更宽松，不能放宽",
                "value=\"9\"", "value=\"试试放宽\"");
        HttpResponse<String> english = administrator.post("/compliance/policy?lang=en",
                Map.of("p.frequency.smsPerBorrowerPerDay", "9", "reason", "loosen"));
        assertThat(english.body()).contains("Text messages per borrower per day", "is looser than the pack");
        administrator.get("/compliance/policy?lang=zh_CN");

        HttpResponse<String> stricter = administrator.post("/compliance/policy",
                Map.of("p.frequency.smsPerBorrowerPerDay", "2", "p.contactWindow.quietFrom", "21:00",
                        "reason", "机构要求更严格"));
        assertThat(stricter.statusCode()).isEqualTo(302);
        String saved = administrator.get("/compliance/policy").body();
        assertThat(saved).contains("第 1 版", "机构要求更严格", "value=\"2\"", "value=\"21:00\"");
        assertThat(fixture.get("/api/v1/compliance/policy", admin).json().path("overlayVersion").asInt()).isEqualTo(1);
    }

    private String decide(Login login, UUID caseId, String channel) {
        Response decision = fixture.decide(login, caseId, fixture.mobile(caseId), channel, "COLLECT");
        assertThat(decision.status()).as(decision.raw()).isEqualTo(201);
        return decision.json().path("decisionId").asString();
    }

    private static List<String> rows(String body) {
        List<String> ids = new ArrayList<>();
        Matcher row = DECISION_ROW.matcher(body);
        while (row.find()) {
            ids.add(row.group(1));
        }
        return ids;
    }

    /** The body rows of the table with {@code id}, each as its cells' text joined by '|'; no "empty" row. */
    private static List<String> table(String body, String id) {
        int start = body.indexOf("id=\"" + id + "\"");
        if (start < 0) {
            return List.of();
        }
        String table = body.substring(body.indexOf("<tbody>", start), body.indexOf("</tbody>", start));
        List<String> rows = new ArrayList<>();
        for (String row : table.split("<tr")) {
            if (row.contains("class=\"empty\"") || !row.contains("<td")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(row);
            while (cell.find()) {
                cells.add(cell.group(1).strip());
            }
            rows.add(String.join("|", cells));
        }
        return rows;
    }
}
