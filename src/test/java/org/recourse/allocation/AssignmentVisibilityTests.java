package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.PageSession;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What a collector reads, over the API and the pages: only the placed cases assigned to them now ("my cases");
 * the agency's administrator reads all of the agency's placed cases. After a reassignment or a recall the old
 * collector gets 404, as for any other tenant's case.
 */
@RecourseTest
class AssignmentVisibilityTests {

    private static final Pattern CASE_ROW = Pattern.compile("data-case=\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private PlacementFixture fixture;
    private Registration agency;
    private User first;
    private User second;
    private List<UUID> cases;

    @BeforeEach
    void fourPlacedCasesTwoOfThemAssigned() {
        fixture = new PlacementFixture(port, jdbc);
        agency = fixture.agency();
        cases = fixture.load(4);
        fixture.placed(fixture.contract(agency), cases);
        first = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        second = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        give(cases.get(0), first, null);
        give(cases.get(1), first, null);
        give(cases.get(2), second, null);
    }

    @Test
    void aCollectorReadsOnlyTheirOwnCasesOverTheApi() {
        assertThat(ids(fixture.get("/api/v1/cases", first.login()).json()))
                .containsExactlyInAnyOrderElementsOf(cases.subList(0, 2));
        assertThat(ids(fixture.get("/api/v1/cases", second.login()).json())).containsExactly(cases.get(2));
        assertThat(ids(fixture.get("/api/v1/cases", agency.admin()).json())).containsExactlyInAnyOrderElementsOf(cases);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), first.login()).status()).isEqualTo(200);
        // A colleague's case and an unassigned one are not found.
        assertThat(fixture.get("/api/v1/cases/" + cases.get(2), first.login()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(3), first.login()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(3), agency.admin()).status()).isEqualTo(200);
        // A collector with nothing assigned reads nothing, and is told of no institution.
        User idle = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        JsonNode nothing = fixture.get("/api/v1/cases", idle.login()).json();
        assertThat(nothing.path("items")).isEmpty();
        assertThat(nothing.has("institution")).isFalse();
    }

    @Test
    void afterAReassignmentOrARecallTheOldCollectorGets404() {
        Response moved = give(cases.get(0), second, "工作量调整");
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);

        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), first.login()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(0), second.login()).status()).isEqualTo(200);
        assertThat(ids(fixture.get("/api/v1/cases", first.login()).json())).containsExactly(cases.get(1));
        PageSession firstPages = PageSession.signedIn(port, first.login());
        assertThat(firstPages.get("/cases/" + cases.get(0)).statusCode()).isEqualTo(404);
        assertThat(firstPages.get("/cases/" + cases.get(1)).statusCode()).isEqualTo(200);

        assertThat(fixture.recall(cases.get(1), "机构收回", fixture.admin()).status()).isEqualTo(200);

        assertThat(fixture.get("/api/v1/cases/" + cases.get(1), first.login()).status()).isEqualTo(404);
        assertThat(firstPages.get("/cases/" + cases.get(1)).statusCode()).isEqualTo(404);
        assertThat(rows(firstPages.get("/cases").body())).isEmpty();
        // Placed again with the agency, the case comes back unassigned: the old collector does not get it back.
        fixture.placed(fixture.contract(agency), List.of(cases.get(1)));
        assertThat(fixture.get("/api/v1/cases/" + cases.get(1), first.login()).status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/cases/" + cases.get(1), agency.admin()).status()).isEqualTo(200);
    }

    @Test
    void aCollectorsCaseListIsMyCases() {
        PageSession pages = PageSession.signedIn(port, second.login());
        String list = pages.get("/cases").body();
        assertThat(list).contains("我的案件", "分配给您的在委案件").doesNotContain("id=\"assign-link\"");
        assertThat(rows(list)).containsExactly(cases.get(2));
        assertThat(pages.get("/cases/" + cases.get(0)).statusCode()).isEqualTo(404);
        assertThat(pages.get("/cases?lang=en").body()).contains("My cases");

        PageSession admin = PageSession.signedIn(port, agency.admin());
        String all = admin.get("/cases").body();
        assertThat(all).contains("在委案件", "id=\"assign-link\"").doesNotContain("我的案件");
        assertThat(rows(all)).containsExactlyInAnyOrderElementsOf(cases);
    }

    private Response give(UUID caseId, User collector, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("collectorId", collector.id().toString());
        if (reason != null) {
            body.put("reason", reason);
        }
        Response response = fixture.post("/api/v1/cases/" + caseId + "/assignment", body, agency.admin());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response;
    }

    private static List<UUID> ids(JsonNode page) {
        List<UUID> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(UUID.fromString(item.path("id").asString())));
        return ids;
    }

    private static List<UUID> rows(String html) {
        List<UUID> ids = new ArrayList<>();
        Matcher matcher = CASE_ROW.matcher(html);
        while (matcher.find()) {
            ids.add(UUID.fromString(matcher.group(1)));
        }
        return ids;
    }
}
