package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.recourse.PageSession;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Assignment on the pages: the agency's administrator previews a bulk assignment (collector, cases, outstanding),
 * nothing saved, then confirms it; reassigns one case from the placements list, only with a reason. Nobody else
 * reaches the form.
 */
@RecourseTest
class AssignmentPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAdministratorPreviewsConfirmsAndReassigns() {
        PlacementFixture fixture = new PlacementFixture(port, jdbc);
        Registration agency = fixture.agency();
        List<UUID> cases = fixture.loadOwed(List.of("300", "200", "100"), List.of(1, 2, 3));
        fixture.placed(fixture.contract(agency), cases);
        User a = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        User b = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        PageSession pages = PageSession.signedIn(port, agency.admin());

        String form = pages.get("/placements/assignments").body();
        assertThat(form).contains("分案给催收员", "id=\"assign-form\"", a.login().username(), b.login().username(),
                "按欠款金额均衡").doesNotContain("id=\"assign-confirm\"");
        assertThat(pages.get("/placements").body()).contains("id=\"assign-link\"");

        List<Map.Entry<String, String>> fields = List.of(Map.entry("mode", "COUNT"),
                Map.entry("collector", a.id().toString()), Map.entry("collector", b.id().toString()),
                Map.entry("action", "preview"));
        HttpResponse<String> preview = pages.post("/placements/assignments", fields, Map.of());

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("分案预览（尚未保存）", "id=\"assign-confirm\"",
                "data-collector=\"" + a.id() + "\" data-cases=\"2\"", "data-collector=\"" + b.id() + "\" data-cases=\"1\"",
                "500.00", "100.00", "选中 3 件：新分配 3 件");
        assertThat(live(agency)).isZero();

        List<Map.Entry<String, String>> confirm = new java.util.ArrayList<>(fields.subList(0, 3));
        confirm.add(Map.entry("action", "confirm"));
        HttpResponse<String> done = pages.post("/placements/assignments", confirm, Map.of());
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(pages.get("/placements/assignments").body()).contains("已分案：新分配 3 件");
        assertThat(live(agency)).isEqualTo(3);

        String list = pages.get("/placements?status=LIVE").body();
        assertThat(list).contains("class=\"inline reassign-form\"", a.login().username(), b.login().username());
        // Reassigning without a reason is refused, and said so; with one it moves the case.
        HttpResponse<String> refused = pages.post("/placements/cases/" + cases.get(0) + "/assignment",
                Map.of("collectorId", b.id().toString()));
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/placements?status=LIVE"));
        assertThat(pages.get("/placements?status=LIVE").body()).contains("改派已分配给其他催收员的案件须填写原因");
        assertThat(collectorOf(cases.get(0))).isEqualTo(a.id());
        pages.post("/placements/cases/" + cases.get(0) + "/assignment",
                Map.of("collectorId", b.id().toString(), "reason", "调整"));
        assertThat(pages.get("/placements?status=LIVE").body()).contains("案件已分配");
        assertThat(collectorOf(cases.get(0))).isEqualTo(b.id());
        assertThat(pages.get("/placements/assignments?lang=en").body()).contains("Assign cases to collectors");

        // Nobody else reaches the form: not a collector, not the institution.
        assertThat(PageSession.signedIn(port, a.login()).get("/placements/assignments").statusCode()).isEqualTo(403);
        assertThat(PageSession.signedIn(port, fixture.admin()).get("/placements/assignments").statusCode())
                .isEqualTo(403);
    }

    private long live(Registration agency) {
        return jdbc.sql("select count(*) from allocation.assignment where agency_id = :agency and ended_at is null")
                .param("agency", agency.id()).query(Long.class).single();
    }

    private UUID collectorOf(UUID caseId) {
        return jdbc.sql("select collector_id from allocation.assignment where account_id = :case and ended_at is null")
                .param("case", caseId).query(UUID.class).single();
    }
}
