package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.recourse.PageSession;
import org.recourse.RecourseTest;
import org.recourse.allocation.PlacementFixture.Account;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The placement pages over plain HTTP, as an institution's administrator and an agency's administrator use
 * them: cases ticked on the case list and placed under a contract, the outcome case by case, the notice
 * recorded, a recall with its reason, and the agency's view without the institution's forms.
 */
@RecourseTest
class PlacementPagesTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Pattern PLACEMENT_ROW = Pattern.compile(
            "data-placement=\"([0-9a-f-]{36})\" data-case=\"([0-9a-f-]{36})\" data-status=\"([A-Z]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anInstitutionPlacesFromTheCaseListRecordsTheNoticeAndRecalls() {
        PlacementFixture fixture = new PlacementFixture(port, jdbc);
        List<UUID> cases = fixture.load(List.of(new Account("现金贷", "广东省", 10), new Account("现金贷", "湖南省", 20),
                new Account("汽车金融", "广东省", 10)));
        Registration agency = fixture.agency();
        UUID contract = fixture.contract(agency);
        PageSession admin = PageSession.signedIn(port, fixture.admin());

        String list = admin.get("/cases").body();
        assertThat(list).contains("id=\"place-form\"", "name=\"caseIds\"", contract.toString(), agency.name());

        // One form field per ticked case, as a browser sends them.
        HttpResponse<String> placed = admin.post("/placements", List.of(Map.entry("contractId", contract.toString()),
                Map.entry("caseIds", cases.get(0).toString()), Map.entry("caseIds", cases.get(1).toString()),
                Map.entry("caseIds", cases.get(2).toString())), Map.of());
        assertThat(placed.statusCode()).isEqualTo(302);
        java.net.URI location = java.net.URI.create(placed.headers().firstValue("Location").orElseThrow());
        assertThat(location.getRawPath() + "?" + location.getRawQuery()).isEqualTo("/placements?status=LIVE");
        String page = admin.get("/placements?status=LIVE").body();
        assertThat(page).contains("id=\"outcome\"", "已委外 2 件案件，1 件未委外", "data-code=\"placement.out_of_scope\"",
                "案件不在委托协议范围内");
        List<String[]> rows = rows(page);
        assertThat(rows).extracting(row -> row[1]).containsExactlyInAnyOrder(cases.get(0).toString(),
                cases.get(1).toString());
        assertThat(page).contains("notice-pending", "class=\"inline notice-form\"", "recall-form", agency.name());

        // The notice, typed in the institution's time to the minute.
        String placement = rows.get(0)[0];
        String sentAt = LocalDateTime.ofInstant(fixture.registry.clock().minus(5, ChronoUnit.MINUTES), SHANGHAI)
                .truncatedTo(ChronoUnit.MINUTES).toString();
        assertThat(admin.post("/placements/" + placement + "/notice", Map.of("sentAt", "noon", "channel", "SMS"))
                .statusCode()).isEqualTo(302);
        assertThat(admin.get("/placements").body()).contains("id=\"placement-error\"", "格式不正确");
        HttpResponse<String> noticed = admin.post("/placements/" + placement + "/notice",
                Map.of("sentAt", sentAt, "channel", "LETTER"));
        assertThat(noticed.statusCode()).isEqualTo(302);
        String afterNotice = admin.get("/placements").body();
        assertThat(afterNotice).contains("已记录委外告知", "notice-sent", "LETTER");

        // Recalled with a reason; again, the page says there is nothing to recall.
        UUID recalledCase = UUID.fromString(rows.get(0)[1]);
        assertThat(admin.post("/placements/cases/" + recalledCase + "/recall", Map.of("reason", "借款人投诉"))
                .statusCode()).isEqualTo(302);
        String afterRecall = admin.get("/placements").body();
        assertThat(afterRecall).contains("案件已收回", "机构收回", "借款人投诉");
        assertThat(rows(afterRecall)).filteredOn(row -> row[1].equals(recalledCase.toString()))
                .extracting(row -> row[2]).containsExactly("RECALLED");
        admin.post("/placements/cases/" + recalledCase + "/recall", Map.of("reason", "再次收回"));
        assertThat(admin.get("/placements").body()).contains("该案件当前没有委外");
        assertThat(rows(admin.get("/placements?status=LIVE").body())).hasSize(1);
        assertThat(rows(admin.get("/placements?status=RECALLED&agency=" + agency.id()).body())).hasSize(1);
        assertThat(rows(admin.get("/placements?agency=" + UUID.randomUUID()).body())).isEmpty();

        // Nothing ticked: said so, nothing placed.
        assertThat(admin.post("/placements", Map.of("contractId", contract.toString())).statusCode()).isEqualTo(302);
        assertThat(admin.get("/placements").body()).contains("请至少勾选一件案件");
        assertThat(admin.get("/placements?lang=en").body()).contains("Placements", "Recalled");
    }

    @Test
    void anAgencySeesItsPlacementsWithoutTheInstitutionsForms() {
        PlacementFixture fixture = new PlacementFixture(port, jdbc);
        List<UUID> cases = fixture.load(2);
        Registration agency = fixture.agency();
        fixture.placed(fixture.contract(agency), cases);
        Login collector = fixture.registry.createUser(agency.admin(), "COLLECTOR").login();

        PageSession agencyAdmin = PageSession.signedIn(port, agency.admin());
        String page = agencyAdmin.get("/placements").body();
        assertThat(rows(page)).hasSize(2);
        assertThat(page).contains(fixture.institution.name(), "委托给本机构的案件", "notice-pending")
                .doesNotContain("recall-form", "class=\"inline notice-form\"", "id=\"placement-filter\"");
        assertThat(agencyAdmin.get("/").body()).contains("id=\"nav-placements\"");
        assertThat(agencyAdmin.post("/placements/cases/" + cases.get(0) + "/recall", Map.of("reason", "x")).statusCode())
                .isEqualTo(403);

        PageSession collectorPages = PageSession.signedIn(port, collector);
        assertThat(collectorPages.get("/placements").statusCode()).isEqualTo(403);
        assertThat(collectorPages.get("/").body()).doesNotContain("id=\"nav-placements\"").contains("id=\"nav-cases\"");
        // Another institution sees none of it.
        PageSession stranger = PageSession.signedIn(port, new PlacementFixture(port, jdbc).admin());
        assertThat(rows(stranger.get("/placements").body())).isEmpty();
    }

    /** Each placement row: placement id, case id, status. */
    private static List<String[]> rows(String html) {
        List<String[]> rows = new ArrayList<>();
        Matcher matcher = PLACEMENT_ROW.matcher(html);
        while (matcher.find()) {
            rows.add(new String[] {matcher.group(1), matcher.group(2), matcher.group(3)});
        }
        return rows;
    }
}
