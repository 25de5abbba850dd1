package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.ZoneId;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What an agency sees of cases, over the API and the pages: exactly the cases placed with it and still within
 * their period (a collector: of those, the ones assigned to them; see AssignmentVisibilityTests), masked, one
 * institution at a time; any other case, and a case after its recall or the end of
 * its period, is not found (404), as another tenant's. Two institutions and two agencies: I1 places with A,
 * I2 with B.
 */
@RecourseTest
class AgencyCaseAccessTests {

    private static final Pattern CASE_ROW = Pattern.compile("data-case=\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private PlacementFixture first;
    private PlacementFixture second;
    private Registration a;
    private Registration b;
    private List<UUID> firstCases;
    private List<UUID> secondCases;

    @BeforeEach
    void twoInstitutionsPlacingWithTwoAgencies() {
        first = new PlacementFixture(port, jdbc);
        second = new PlacementFixture(port, jdbc);
        a = first.agency();
        b = first.agency();
        firstCases = first.load(4);
        secondCases = second.load(2);
        first.placed(first.contract(a), firstCases.subList(0, 2));
        second.placed(second.contract(b), secondCases.subList(0, 1));
    }

    @AfterEach
    void releaseTheClock() {
        first.registry.releaseClock();
    }

    @Test
    void anAgencyListsAndReadsOnlyTheCasesPlacedWithIt() {
        // The administrator reads every case placed with the agency; a collector those assigned to them (here both).
        org.recourse.registry.RegistryApiFixtures.User assigned = first.registry.createUser(a.admin(), "COLLECTOR");
        for (UUID caseId : firstCases.subList(0, 2)) {
            Response given = first.post("/api/v1/cases/" + caseId + "/assignment",
                    Map.of("collectorId", assigned.id().toString()), a.admin());
            assertThat(given.status()).as(given.raw()).isEqualTo(200);
        }
        Login collector = assigned.login();
        for (Login agencyUser : List.of(a.admin(), collector)) {
            JsonNode page = first.get("/api/v1/cases", agencyUser).json();
            assertThat(ids(page)).containsExactlyInAnyOrderElementsOf(firstCases.subList(0, 2));
            assertThat(page.path("institution").asString()).isEqualTo(first.institution.id().toString());
            assertThat(page.path("items").get(0).path("borrowerName").asString()).contains("*");

            Response placed = first.get("/api/v1/cases/" + firstCases.get(0), agencyUser);
            assertThat(placed.status()).as(placed.raw()).isEqualTo(200);
            assertThat(placed.json().path("borrower").path("idNumber").asString()).contains("*");
            assertThat(first.get("/api/v1/cases/" + firstCases.get(2), agencyUser).status()).isEqualTo(404);
            assertThat(first.get("/api/v1/cases/" + secondCases.get(0), agencyUser).status()).isEqualTo(404);
            // Reading is all: revealing, holds and the lifecycle stay the institution's.
            assertThat(first.post("/api/v1/cases/" + firstCases.get(0) + "/reveal", Map.of(), agencyUser).status())
                    .isEqualTo(403);
            assertThat(first.post("/api/v1/cases/" + firstCases.get(0) + "/holds",
                    Map.of("kind", "LEGAL", "reason", "x"), agencyUser).status()).isEqualTo(403);
        }
        // Naming another institution changes nothing: it places nothing with A.
        assertThat(ids(first.get("/api/v1/cases?institutionId=" + second.institution.id(), a.admin()).json()))
                .containsExactlyInAnyOrderElementsOf(firstCases.subList(0, 2));
        assertThat(ids(first.get("/api/v1/cases", b.admin()).json())).containsExactly(secondCases.get(0));
        assertThat(first.get("/api/v1/cases/" + firstCases.get(0), b.admin()).status()).isEqualTo(404);
        Registration idle = first.agency();
        JsonNode nothing = first.get("/api/v1/cases", idle.admin()).json();
        assertThat(nothing.path("items")).isEmpty();
        assertThat(nothing.has("institution")).isFalse();
    }

    @Test
    void anAgencyReadsEachPlacingInstitutionsCasesInTurn() {
        second.placed(second.contract(a), secondCases.subList(1, 2));

        assertThat(ids(first.get("/api/v1/cases?institutionId=" + first.institution.id(), a.admin()).json()))
                .containsExactlyInAnyOrderElementsOf(firstCases.subList(0, 2));
        assertThat(ids(first.get("/api/v1/cases?institutionId=" + second.institution.id(), a.admin()).json()))
                .containsExactly(secondCases.get(1));
        assertThat(first.get("/api/v1/cases/" + secondCases.get(1), a.admin()).status()).isEqualTo(200);
        PageSession pages = PageSession.signedIn(port, a.admin());
        String list = pages.get("/cases").body();
        assertThat(list).contains("id=\"institution\"", first.institution.name(), second.institution.name());
        assertThat(rows(pages.get("/cases?institution=" + second.institution.id()).body()))
                .containsExactly(secondCases.get(1));
    }

    @Test
    void afterARecallTheAgencyGets404OnTheApiAndThePage() {
        UUID recalled = firstCases.get(1);
        PageSession pages = PageSession.signedIn(port, a.admin());
        assertThat(pages.get("/cases/" + recalled).statusCode()).isEqualTo(200);
        assertThat(rows(pages.get("/cases").body())).contains(recalled);

        assertThat(first.recall(recalled, "机构收回自催", first.admin()).status()).isEqualTo(200);

        assertThat(first.get("/api/v1/cases/" + recalled, a.admin()).status()).isEqualTo(404);
        assertThat(ids(first.get("/api/v1/cases", a.admin()).json())).containsExactly(firstCases.get(0));
        assertThat(pages.get("/cases/" + recalled).statusCode()).isEqualTo(404);
        assertThat(rows(pages.get("/cases").body())).containsExactly(firstCases.get(0));
        // The institution still reads its case, of course.
        assertThat(first.get("/api/v1/cases/" + recalled, first.admin()).status()).isEqualTo(200);
    }

    @Test
    void anAgencyStopsReadingWhenThePeriodEndsEvenBeforeTheNightlyRecall() {
        Map<String, Object> request = first.contractRequest(a);
        request.put("endDate", first.today.toString());
        UUID ending = firstCases.get(3);
        first.placed(first.contract(a, request, true), List.of(ending));
        assertThat(first.get("/api/v1/cases/" + ending, a.admin()).status()).isEqualTo(200);

        first.registry.setClock(first.today.plusDays(1).atTime(0, 5).atZone(ZoneId.of("Asia/Shanghai")).toInstant());

        assertThat(first.get("/api/v1/cases/" + ending, a.admin()).status()).isEqualTo(404);
        assertThat(ids(first.get("/api/v1/cases", a.admin()).json())).doesNotContain(ending);
        assertThat(first.get("/api/v1/placements?caseId=" + ending, first.admin()).json().path("items").get(0)
                .path("status").asString()).isEqualTo("LIVE");
    }

    @Test
    void theAgencysPagesShowPlacedCasesWithoutTheInstitutionsForms() {
        PageSession pages = PageSession.signedIn(port, a.admin());

        String home = pages.get("/").body();
        assertThat(home).contains("id=\"nav-cases\"", "在委案件");
        HttpResponse<String> list = pages.get("/cases");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(rows(list.body())).containsExactlyInAnyOrderElementsOf(firstCases.subList(0, 2));
        assertThat(list.body()).doesNotContain("id=\"portfolio-link\"", "id=\"place-form\"");
        HttpResponse<String> detail = pages.get("/cases/" + firstCases.get(0));
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("id=\"case-ref\"")
                .doesNotContain("id=\"status-form\"", "id=\"hold-form\"", "id=\"reveal\"", "compliance-timeline-link");
        assertThat(pages.get("/cases/" + firstCases.get(2)).statusCode()).isEqualTo(404);
        assertThat(pages.get("/cases/" + secondCases.get(0)).statusCode()).isEqualTo(404);
        assertThat(pages.get("/cases/portfolio").statusCode()).isEqualTo(403);

        PageSession other = PageSession.signedIn(port, b.admin());
        assertThat(rows(other.get("/cases").body())).containsExactly(secondCases.get(0));
        assertThat(other.get("/cases/" + firstCases.get(0)).statusCode()).isEqualTo(404);
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
