package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.recourse.PageSession;
import org.recourse.RecourseTest;
import org.recourse.intake.IntakeApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.shared.Masking;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The case screens over plain HTTP, as an institution's staff use them: a list that masks borrowers, filters and
 * pages by cursor, an export with masked data only, a case page where administrators (not operators) reveal the
 * borrower, and forms that set and lift holds and change the status, with refusals shown on the form. One
 * institution with 120 loaded accounts serves the class; tests that change cases each take their own.
 */
@RecourseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasePagesTests {

    private static final int ACCOUNTS = 120;
    private static final Pattern CASE_ROW = Pattern.compile("data-case=\"([0-9a-f-]{36})\"");
    private static final Pattern BUCKET_CELL = Pattern.compile("<td class=\"bucket\">([^<]+)</td>");
    private static final Pattern NEXT = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");
    private static final Pattern HOLD_ROW = Pattern.compile("data-hold=\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private IntakeApiFixtures intake;
    private Registration institution;
    private List<List<String>> rows;
    private PageSession admin;

    @BeforeAll
    void anInstitutionWithLoadedAccounts() {
        intake = new IntakeApiFixtures(port, jdbc);
        institution = intake.institution();
        rows = validRows(intake.sample(53), 1, ACCOUNTS);
        intake.load(institution.admin(), "cases.csv", csv(rows));
        admin = PageSession.signedIn(port, institution.admin());
    }

    @Test
    void listsCasesWithBorrowersMaskedAndTheDateTheyAreAsOf() {
        HttpResponse<String> page = admin.get("/cases");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(ids(page.body())).hasSize(50);
        assertThat(page.body()).contains("id=\"as-of\"", intake.today().toString(), "id=\"next-page\"")
                .doesNotContain("id=\"first-page\"");
        for (List<String> row : rows) {
            assertThat(page.body()).doesNotContain(row.get(column("id_number")), row.get(column("mobile")),
                    ">" + row.get(column("borrower_name")) + "<");
        }
        assertThat(page.body()).contains(">" + Masking.personName(rows.get(0).get(column("borrower_name"))) + "<");
    }

    @Test
    void aBucketFilterNarrowsTheListToThatBucket() {
        Set<String> everyBucket = new LinkedHashSet<>();
        walk("/cases").forEach(body -> everyBucket.addAll(cells(BUCKET_CELL, body)));
        assertThat(everyBucket).hasSizeGreaterThan(1);
        String bucket = everyBucket.iterator().next();

        List<String> pages = walk("/cases?bucket=" + encode(bucket));

        List<String> buckets = pages.stream().flatMap(body -> cells(BUCKET_CELL, body).stream()).toList();
        assertThat(buckets).isNotEmpty().hasSizeLessThan(ACCOUNTS).containsOnly(bucket);
        assertThat(pages.get(0)).contains("<option value=\"" + bucket + "\" selected=\"selected\">");
    }

    @Test
    void followsTheCursorToTheNextRowsUntilEveryCaseWasShownOnce() {
        List<String> pages = walk("/cases?sort=ACCOUNT_REF");

        assertThat(pages).hasSize(3);
        List<UUID> all = pages.stream().flatMap(body -> ids(body).stream()).toList();
        assertThat(all).hasSize(ACCOUNTS).doesNotHaveDuplicates();
        assertThat(pages.get(1)).contains("id=\"first-page\"");
        assertThat(pages.get(2)).doesNotContain("id=\"next-page\"");
        // The filters and the sort travel with the cursor.
        assertThat(next(pages.get(0))).contains("sort=ACCOUNT_REF", "cursor=");
    }

    @Test
    void showsWhatIsWrongWithAFilterOnTheFormInsteadOfFailing() {
        HttpResponse<String> page = admin.get("/cases?minDpd=abc&maxOutstanding=-5&minOutstanding=&bucket=M99");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"filter-error\"", "id=\"minDpd-error\"", "请输入整数",
                "id=\"maxOutstanding-error\"", "取值无效", "value=\"abc\"").doesNotContain("id=\"cases\"");
        assertThat(admin.get("/cases?minDpd=30&maxDpd=10").body()).contains("id=\"maxDpd-error\"", "上限不能小于下限");
        assertThat(admin.get("/cases?cursor=not-a-cursor").body()).contains("分页游标无效", "id=\"first-page\"");
    }

    @Test
    void exportsTheFilteredListWithMaskedDataOnly() throws IOException {
        HttpResponse<byte[]> export = admin.download("/cases/export.xlsx?sort=OUTSTANDING_DESC");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        List<String> text = new ArrayList<>();
        int dataRows;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("借据号");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("借款人（脱敏）");
            dataRows = sheet.getLastRowNum();
            for (Row row : sheet) {
                for (Cell cell : row) {
                    text.add(cell.getCellType() == CellType.STRING ? cell.getStringCellValue()
                            : Double.toString(cell.getNumericCellValue()));
                }
            }
        }
        assertThat(dataRows).isEqualTo(ACCOUNTS);
        for (List<String> row : rows) {
            assertThat(text).noneMatch(cell -> cell.contains(row.get(column("id_number")))
                    || cell.contains(row.get(column("mobile"))) || cell.equals(row.get(column("borrower_name"))));
            assertThat(text).contains(row.get(column("account_ref")),
                    Masking.personName(row.get(column("borrower_name"))));
        }

        HttpResponse<byte[]> bad = admin.download("/cases/export.xlsx?maxDpd=lots");
        assertThat(bad.statusCode()).isEqualTo(302);
        assertThat(bad.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .contains("/cases?maxDpd=lots"));
    }

    @Test
    void showsACaseWithTheBorrowerMaskedAndRevealsItInFullToAnAdministrator() {
        List<String> row = rows.get(1);
        UUID id = caseOf(row);

        HttpResponse<String> page = admin.get("/cases/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(Masking.idNumber(row.get(column("id_number"))),
                Masking.phone(row.get(column("mobile"))), "id=\"reveal\"", "id=\"contact-points\"",
                row.get(column("account_ref")))
                .doesNotContain(row.get(column("id_number")), row.get(column("mobile")));

        HttpResponse<String> revealed = admin.post("/cases/" + id + "/reveal", Map.of(), Map.of("HX-Request", "true"));

        assertThat(revealed.statusCode()).isEqualTo(200);
        assertThat(revealed.body()).contains("id=\"personal\"", row.get(column("id_number")),
                row.get(column("mobile")), row.get(column("borrower_name")), "id=\"revealed\"")
                .doesNotContain("<html", "id=\"reveal\"");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                select count(*) from audit.audit_event where action = 'personal_data.revealed' and subject = :subject
                """).param("subject", "case/" + id + "/borrower").query(Long.class).single() == 1);
    }

    @Test
    void refusesToRevealToAnOperatorWhoSeesNoButton() {
        Login operatorLogin = intake.registry().createUser(institution.admin(), "INSTITUTION_OPERATOR").login();
        PageSession operator = PageSession.signedIn(port, operatorLogin);
        UUID id = caseOf(rows.get(2));

        HttpResponse<String> page = operator.get("/cases/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"personal\"").doesNotContain("id=\"reveal\"");

        HttpResponse<String> refused = operator.post("/cases/" + id + "/reveal", Map.of(), Map.of("HX-Request", "true"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(rows.get(2).get(column("id_number")));
    }

    @Test
    void setsAHoldFromTheFormAndLiftsItWithAReason() {
        UUID id = caseOf(rows.get(3));
        LocalDate started = intake.today().minusDays(3);
        admin.get("/cases/" + id);

        HttpResponse<String> set = admin.post("/cases/" + id + "/holds",
                Map.of("kind", "DISPUTED", "reason", "借款人对金额提出异议", "startsOn", started.toString(), "endsOn", ""));

        assertThat(set.statusCode()).isEqualTo(302);
        assertThat(set.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/cases/" + id));
        String page = admin.get("/cases/" + id).body();
        assertThat(page).contains("暂停已设置", "借款人对金额提出异议", started.toString(), "生效中", "class=\"inline lift-form\"");
        assertThat(admin.get("/cases?hold=DISPUTED").body()).contains("data-case=\"" + id + "\"");
        UUID hold = UUID.fromString(cells(HOLD_ROW, page).get(0));

        HttpResponse<String> emptyReason = admin.post("/cases/" + id + "/holds/" + hold + "/lift", Map.of("reason", " "));
        assertThat(emptyReason.statusCode()).isEqualTo(200);
        assertThat(emptyReason.body()).contains("id=\"lift-error\"", "必填");

        HttpResponse<String> lifted = admin.post("/cases/" + id + "/holds/" + hold + "/lift", Map.of("reason", "异议已核实"));

        assertThat(lifted.statusCode()).isEqualTo(302);
        String after = admin.get("/cases/" + id).body();
        assertThat(after).contains("暂停已解除", "异议已核实").doesNotContain("class=\"inline lift-form\"");
        assertThat(admin.get("/cases?hold=DISPUTED").body()).doesNotContain("data-case=\"" + id + "\"");
    }

    @Test
    void showsWhatIsWrongWithAHoldOnItsForm() {
        UUID id = caseOf(rows.get(4));
        admin.get("/cases/" + id);

        HttpResponse<String> refused = admin.post("/cases/" + id + "/holds",
                Map.of("kind", "LEGAL", "reason", "", "startsOn", intake.today().plusDays(2).toString()));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"hold-error\"", "必填", "暂停开始日期不能晚于今天",
                "value=\"" + intake.today().plusDays(2) + "\"", "<option value=\"LEGAL\" selected=\"selected\">")
                .doesNotContain("id=\"status-error\"");
        assertThat(admin.post("/cases/" + id + "/holds", Map.of("kind", "LEGAL", "reason", "诉讼",
                "startsOn", "yesterday")).body()).contains("id=\"hold-error\"", "格式不正确");
    }

    @Test
    void changesTheStatusAndShowsAForbiddenChangeOnTheForm() {
        UUID id = caseOf(rows.get(5));
        String page = admin.get("/cases/" + id).body();
        assertThat(page).contains("<option value=\"ACTIVE\">", "<option value=\"RECALLED\">")
                .doesNotContain("<option value=\"NEW\">", "<option value=\"SETTLED\">");

        HttpResponse<String> forbidden = admin.post("/cases/" + id + "/status", Map.of("status", "SETTLED", "reason", "和解"));

        assertThat(forbidden.statusCode()).isEqualTo(200);
        assertThat(forbidden.body()).contains("id=\"status-error\"", "案件状态不能从 新案件 变为 已和解结清", ">和解</textarea>");

        HttpResponse<String> moved = admin.post("/cases/" + id + "/status", Map.of("status", "RECALLED", "reason", "机构撤回"));

        assertThat(moved.statusCode()).isEqualTo(302);
        String after = admin.get("/cases/" + id).body();
        assertThat(after).contains("案件状态已变更", "机构撤回", "新案件 → 已撤回", "案件已结束");
    }

    @Test
    void keepsAnotherInstitutionsCaseAndAnAgencyOut() {
        UUID id = caseOf(rows.get(6));
        Registration other = intake.institution();
        PageSession stranger = PageSession.signedIn(port, other.admin());

        assertThat(stranger.get("/cases/" + id).statusCode()).isEqualTo(404);
        assertThat(stranger.post("/cases/" + id + "/holds", Map.of("kind", "LEGAL", "reason", "x")).statusCode())
                .isEqualTo(404);
        assertThat(stranger.get("/cases").body()).doesNotContain("data-case=");

        Login agency = intake.registry().registerApproved("AGENCY").admin();
        PageSession agencyAdmin = PageSession.signedIn(port, agency);
        // An agency reads only the cases placed with it (AgencyCaseAccessTests); none are placed here.
        assertThat(agencyAdmin.get("/cases").body()).doesNotContain("data-case=").contains("id=\"placed-hint\"");
        assertThat(agencyAdmin.get("/cases/" + id).statusCode()).isEqualTo(404);
        assertThat(admin.get("/").body()).contains("id=\"nav-cases\"");
    }

    @Test
    void showsThePortfolioOnceTheNightlyRunHasRun() {
        Registration fresh = intake.institution();
        intake.load(fresh.admin(), "portfolio.csv", csv(validRows(intake.sample(71), 1, 30)));
        PageSession freshAdmin = PageSession.signedIn(port, fresh.admin());

        assertThat(freshAdmin.get("/cases/portfolio").body()).contains("id=\"no-run\"", "夜间批处理尚未运行")
                .doesNotContain("id=\"chart-buckets\"");

        NightlyRun.run(context, fresh.id(), intake.today());
        HttpResponse<String> page = freshAdmin.get("/cases/portfolio");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"chart-buckets\"", "id=\"chart-rolls\"", "data-portfolio=",
                "id=\"bucket-totals\"", "新接收", "/webjars/echarts/5.3.1/dist/echarts.min.js", "/js/portfolio.js")
                .doesNotContain("id=\"no-run\"");
        long cases = jdbc.sql("select sum(cases) from cases.portfolio_day where institution_id = :i")
                .param("i", fresh.id()).query(Long.class).single();
        assertThat(cases).isEqualTo(30);
        assertThat(freshAdmin.download("/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(200);
        // The bucket history of a case now shows the take-up.
        UUID any = ids(freshAdmin.get("/cases").body()).get(0);
        assertThat(freshAdmin.get("/cases/" + any).body()).contains("新接收 → ", "夜间批处理");
    }

    @Test
    void revealsOnAWholePageWithoutHtmxAndSpeaksEnglishWithNoMessageMissing() {
        List<String> row = rows.get(7);
        UUID id = caseOf(row);
        admin.get("/cases/" + id);

        HttpResponse<String> whole = admin.post("/cases/" + id + "/reveal", Map.of());

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).contains("<html", "id=\"status-form\"", row.get(column("id_number")));

        PageSession english = PageSession.signedIn(port, institution.admin());
        english.get("/?lang=en");
        String list = english.get("/cases").body();
        String detail = english.get("/cases/" + id).body();
        String portfolio = english.get("/cases/portfolio").body();
        String invalid = english.get("/cases?minDpd=x").body();
        assertThat(list).contains("Next page", "As of", "the institution&#39;s time zone", "Total outstanding");
        assertThat(detail).contains("Show in full", "Set a hold", "Contact points", "Institution upload");
        assertThat(portfolio).contains("The nightly run has not run yet");
        assertThat(invalid).contains("Enter a whole number.");
        for (String body : List.of(list, detail, portfolio, invalid, admin.get("/cases").body(),
                admin.get("/cases/" + id).body(), admin.get("/cases/portfolio").body())) {
            assertThat(body).doesNotContain("??");
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private UUID caseOf(List<String> row) {
        return jdbc.sql("select id from cases.account where institution_id = :i and account_ref = :ref")
                .param("i", institution.id()).param("ref", row.get(column("account_ref"))).query(UUID.class).single();
    }

    /** The bodies of every page of the list from {@code path}, following the next-page links. */
    private List<String> walk(String path) {
        List<String> pages = new ArrayList<>();
        String next = path;
        while (next != null && pages.size() < 20) {
            HttpResponse<String> page = admin.get(next);
            assertThat(page.statusCode()).isEqualTo(200);
            pages.add(page.body());
            next = next(page.body());
        }
        return pages;
    }

    private static String next(String body) {
        Matcher link = NEXT.matcher(body);
        return link.find() ? link.group(1).replace("&amp;", "&") : null;
    }

    private static List<UUID> ids(String body) {
        return cells(CASE_ROW, body).stream().map(UUID::fromString).toList();
    }

    private static List<String> cells(Pattern pattern, String body) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(body);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
