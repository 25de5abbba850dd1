package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.PageSession;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contract pages over plain HTTP: the institution's form explains what is wrong field by field and keeps
 * what was typed; the agency accepts or declines on the contract's page; each side sees only the steps that
 * are its own; refused steps are shown on the contract; another tenant's contract is not found.
 */
@RecourseTest
class ContractPagesTests {

    private static final Pattern CONTRACT_PAGE = Pattern.compile("/contracts/([0-9a-f-]{36})$");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ContractFixtures fixture;
    private PageSession institution;
    private PageSession agency;

    @BeforeEach
    void bothSidesSignedIn() {
        fixture = new ContractFixtures(port);
        institution = PageSession.signedIn(port, fixture.institutionAdmin());
        agency = PageSession.signedIn(port, fixture.agencyAdmin());
    }

    @Test
    void theFormNamesEveryWrongFieldKeepsWhatWasTypedAndStoresNothing() {
        long before = jdbc.sql("select count(*) from registry.contract").query(Long.class).single();
        String form = institution.get("/contracts/new").body();
        assertThat(form).contains("id=\"contract-form\"", fixture.agency.name(), fixture.agency.id().toString(),
                "name=\"commissionRates.M6+\"");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("agencyId", "");
        fields.put("products", "现金贷，<b>x</b>");
        fields.put("buckets", "M1");
        fields.put("commissionRates.M1", "2");
        fields.put("commissionRates.M2", "0.1");
        fields.put("maxOpenPlacements", "很多");
        fields.put("startDate", "2026-02-01");
        fields.put("endDate", "2026-01-01");
        HttpResponse<String> refused = institution.post("/contracts", fields);

        assertThat(refused.statusCode()).isEqualTo(200);
        String page = refused.body();
        assertThat(page).contains("id=\"form-errors\"", "提交的信息有误");
        assertThat(error(page, "agencyId")).isEqualTo("必填。");
        assertThat(error(page, "products")).contains("HTML");
        assertThat(error(page, "maxOpenPlacements")).isEqualTo("格式不正确。");
        assertThat(rateRow(page, "M1")).contains("has-error", "最多四位小数", "value=\"2\"");
        assertThat(rateRow(page, "M2")).contains("has-error", "不在协议范围内");
        assertThat(rateRow(page, "M3")).doesNotContain("has-error");
        // The dates are well formed, so the rule on their order is named too.
        assertThat(error(page, "endDate")).isEqualTo("结束日期不能早于开始日期。");
        assertThat(page).contains("value=\"很多\"", "value=\"2026-02-01\"");
        assertThat(jdbc.sql("select count(*) from registry.contract").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theInstitutionProposesTheAgencyAcceptsAndTheInstitutionSeesItInForce() {
        UUID id = propose();
        String draft = institution.get("/contracts/" + id).body();
        assertThat(draft).contains("待对方接受", "现金贷", "广东省、湖南省", "0.08", "8%", "id=\"contract-end\"")
                .doesNotContain("id=\"contract-accept\"", "id=\"contract-suspend\"");

        String list = agency.get("/contracts").body();
        assertThat(list).contains("data-contract=\"" + id + "\"", fixture.institution.name());
        String offered = agency.get("/contracts/" + id).body();
        assertThat(offered).contains("id=\"contract-accept\"", "id=\"contract-decline\"")
                .doesNotContain("id=\"contract-end\"", "id=\"new-contract\"");

        // Declining needs a reason: the page says so and nothing changes.
        HttpResponse<String> noReason = agency.post("/contracts/" + id + "/decline", Map.of("reason", ""));
        assertThat(noReason.statusCode()).isEqualTo(200);
        assertThat(error(noReason.body(), "reason")).isEqualTo("必填。");

        HttpResponse<String> accepted = agency.post("/contracts/" + id + "/accept", Map.of("reason", ""));
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/contracts/" + id));
        assertThat(agency.get("/contracts/" + id).body()).contains("已接受协议，协议生效。", "生效中")
                .doesNotContain("id=\"contract-accept\"");

        String active = institution.get("/contracts/" + id).body();
        assertThat(active).contains("生效中", "id=\"contract-suspend\"", "id=\"contract-end\"", "接受协议",
                fixture.agencyAdmin().username()).doesNotContain("id=\"contract-resume\"");
        assertThat(institution.post("/contracts/" + id + "/suspend", Map.of("reason", "投诉核查")).statusCode()).isEqualTo(302);
        assertThat(institution.get("/contracts/" + id).body()).contains("已暂停", "id=\"contract-resume\"", "投诉核查");
        assertThat(institution.get("/contracts?status=SUSPENDED").body()).contains("data-contract=\"" + id + "\"");
        assertThat(institution.get("/contracts?status=DRAFT").body()).doesNotContain("data-contract=\"" + id + "\"");
    }

    @Test
    void aStepTheStatusDoesNotAllowIsExplainedOnTheContract() {
        UUID id = fixture.inStatus("ACTIVE");

        HttpResponse<String> refused = institution.post("/contracts/" + id + "/resume", Map.of());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"contract-problem\"", "协议状态不能从 ACTIVE 变为 ACTIVE（操作：RESUME）");
        // A step of the other side is forbidden, whatever the status.
        assertThat(institution.post("/contracts/" + id + "/accept", Map.of()).statusCode()).isEqualTo(403);
        assertThat(agency.post("/contracts/" + id + "/end", Map.of("reason", "不干了")).statusCode()).isEqualTo(403);
    }

    @Test
    void anotherTenantsContractIsNotFoundAndOnlyTheInstitutionsAdministratorProposes() {
        UUID id = fixture.inStatus("ACTIVE");
        ContractFixtures strangers = new ContractFixtures(port);
        PageSession otherInstitution = PageSession.signedIn(port, strangers.institutionAdmin());
        PageSession otherAgency = PageSession.signedIn(port, strangers.agencyAdmin());

        assertThat(otherInstitution.get("/contracts/" + id).statusCode()).isEqualTo(404);
        assertThat(otherInstitution.post("/contracts/" + id + "/suspend", Map.of("reason", "接管")).statusCode()).isEqualTo(404);
        assertThat(otherAgency.get("/contracts/" + id).statusCode()).isEqualTo(404);
        assertThat(otherAgency.get("/contracts").body()).doesNotContain(id.toString());
        assertThat(institution.get("/contracts/" + id).body()).contains("生效中");

        Login operator = fixture.registry.createUser(fixture.institutionAdmin(), "INSTITUTION_OPERATOR").login();
        PageSession operatorPages = PageSession.signedIn(port, operator);
        assertThat(operatorPages.get("/contracts").body()).contains("id=\"nav-contracts\"", id.toString())
                .doesNotContain("id=\"new-contract\"");
        assertThat(operatorPages.get("/contracts/new").statusCode()).isEqualTo(403);
        assertThat(operatorPages.get("/contracts/" + id).body()).doesNotContain("id=\"contract-actions\"");
        Login collector = fixture.registry.createUser(fixture.agencyAdmin(), "COLLECTOR").login();
        PageSession collectorPages = PageSession.signedIn(port, collector);
        assertThat(collectorPages.get("/").body()).doesNotContain("id=\"nav-contracts\"");
        assertThat(collectorPages.get("/contracts").statusCode()).isEqualTo(403);
    }

    @Test
    void readsInEnglishToo() {
        UUID id = fixture.inStatus("SUSPENDED");

        String page = institution.get("/contracts/" + id + "?lang=en").body();

        assertThat(page).contains("Entrustment contract", "Suspended", "Commission rates", "Resume", "History");
    }

    /** Proposes the fixture's contract through the form and returns its id from the redirect. */
    private UUID propose() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("agencyId", fixture.agency.id().toString());
        fields.put("products", "现金贷");
        fields.put("provinces", "广东省、湖南省");
        fields.put("commissionRates.M1", "0.08");
        fields.put("commissionRates.M2", "0.12");
        fields.put("maxOpenPlacements", "500");
        fields.put("startDate", "2026-01-01");
        fields.put("endDate", "2026-12-31");
        // Two ticked boxes: the form posts the name twice.
        HttpResponse<String> created = institution.post("/contracts?buckets=M1&buckets=M2", fields);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Matcher id = CONTRACT_PAGE.matcher(created.headers().firstValue("Location").orElse(""));
        assertThat(id.find()).isTrue();
        return UUID.fromString(id.group(1));
    }

    private static String error(String page, String field) {
        Matcher error = Pattern.compile("id=\"" + Pattern.quote(field) + "-error\"[^>]*>([^<]*)<").matcher(page);
        return error.find() ? error.group(1).strip() : "";
    }

    private static String rateRow(String page, String bucket) {
        Matcher row = Pattern.compile("<tr[^>]*data-bucket=\"" + Pattern.quote(bucket) + "\"[^>]*>.*?</tr>", Pattern.DOTALL)
                .matcher(page);
        return row.find() ? row.group() : "";
    }
}
