package org.recourse.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.PageSession;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pages: a collector's "今日任务" with the button that asks for the decision and shows ALLOW or DENY with the
 * rules; the dispatcher's counts per collector, queue and channel; the path-adjustment form of the case page and the
 * page of a case's adjustments.
 */
@RecourseTest
class TaskPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private ContactFixture fixture;
    private List<UUID> cases;
    private Registration agency;
    private User collector;

    @BeforeEach
    void aPlannedDay() {
        fixture = new ContactFixture(port, jdbc, context);
        cases = fixture.load(2, Map.of());
        agency = fixture.agency();
        fixture.registerNumber(agency);
        fixture.place(agency, cases);
        collector = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        fixture.assign(agency, cases.get(0), collector.id());
        fixture.strategy(List.of(ContactFixture.step(0, "VOICE", null), ContactFixture.step(1, "VOICE", null)), null);
        fixture.plan(fixture.today);
    }

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void aCollectorAsksForTheDecisionOfATaskAndSeesTheOutcome() {
        PageSession pages = PageSession.signedIn(port, collector.login());
        String list = pages.get("/tasks").body();
        assertThat(list).contains("今日任务", "id=\"nav-tasks\"", "data-case=\"" + cases.get(0) + "\"", "申请合规判定")
                .doesNotContain("data-case=\"" + cases.get(1) + "\"").doesNotContain("id=\"task-counts\"");
        UUID task = jdbc.sql("select id from contact.task where case_id = :c and action = 'VOICE'")
                .param("c", cases.get(0)).query(UUID.class).single();

        HttpResponse<String> asked = pages.post("/tasks/" + task + "/decision",
                Map.of("callerNumber", ContactFixture.AGENCY_NUMBER, "date", fixture.today.toString()));

        assertThat(asked.statusCode()).isEqualTo(302);
        String after = pages.get(asked.headers().firstValue("Location").map(TaskPagesTests::path).orElseThrow()).body();
        assertThat(after).contains("id=\"decision\" data-outcome=\"ALLOW\"", "允许", "CN.QUIET_HOURS", "CN.OUTBOUND_NUMBER");
        // Without a calling number the engine denies the call and says why; the task stays open.
        UUID second = jdbc.sql("select id from contact.task where case_id = :c and action = 'VOICE'")
                .param("c", cases.get(1)).query(UUID.class).single();
        PageSession admin = PageSession.signedIn(port, agency.admin());
        HttpResponse<String> denied = admin.post("/tasks/" + second + "/decision", Map.of());
        String deniedPage = admin.get(denied.headers().firstValue("Location").map(TaskPagesTests::path).orElseThrow()).body();
        assertThat(deniedPage).contains("data-outcome=\"DENY\"", "拒绝",
                "data-rule=\"CN.OUTBOUND_NUMBER\" data-outcome=\"FAIL\"");
        assertThat(deniedPage).contains("id=\"task-counts\"", "data-holder=\"COLLECTOR\" data-collector=\"" + collector.id()
                + "\" data-channel=\"VOICE\" data-open=\"1\"", "data-holder=\"AGENCY_QUEUE\"");
        // In English too.
        assertThat(pages.get("/tasks?lang=en").body()).contains("Ask for a decision", "Business date");
        // Another agency's collector sees none of it.
        Registration other = fixture.agency();
        User stranger = fixture.registry.createUser(other.admin(), "COLLECTOR");
        assertThat(PageSession.signedIn(port, stranger.login()).get("/tasks?date=" + fixture.today).body())
                .contains("id=\"no-tasks\"").doesNotContain(cases.get(0).toString());
    }

    @Test
    void theCasePageAdjustsThePath() {
        PageSession pages = PageSession.signedIn(port, collector.login());
        assertThat(pages.get("/cases/" + cases.get(0)).body()).contains("id=\"path-form\"", "跳过步骤", "申请法务审核");

        HttpResponse<String> saved = pages.post("/cases/" + cases.get(0) + "/path-adjustments",
                Map.of("kind", "SKIP", "stepDayOffset", "1", "reason", "借款人已约定还款日"));

        assertThat(saved.statusCode()).isEqualTo(302);
        String history = pages.get(saved.headers().firstValue("Location").map(TaskPagesTests::path).orElseThrow()).body();
        assertThat(history).contains("id=\"path-notice\"", "data-kind=\"SKIP\"", "借款人已约定还款日", "第 1 天的步骤");
        HttpResponse<String> refused = pages.post("/cases/" + cases.get(0) + "/path-adjustments",
                Map.of("kind", "DELAY", "stepDayOffset", "1", "days", "2", "reason", "再推两天"));
        assertThat(pages.get(refused.headers().firstValue("Location").map(TaskPagesTests::path).orElseThrow()).body())
                .contains("id=\"path-error\"", "该步骤已被跳过。");
        // Not the collector's case: not found.
        assertThat(pages.get("/cases/" + cases.get(1) + "/path-adjustments").statusCode()).isEqualTo(404);
        fixture.plan(fixture.today.plusDays(1));
        assertThat(fixture.tasksOf(cases.get(0), fixture.today.plusDays(1))).isEmpty();
        assertThat(fixture.tasksOf(cases.get(1), fixture.today.plusDays(1))).containsKey("VOICE");
    }

    /** The path and query of a redirect's location (answered absolute). */
    private static String path(String location) {
        java.net.URI uri = java.net.URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
