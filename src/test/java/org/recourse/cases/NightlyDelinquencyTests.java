package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;
import static org.recourse.registry.RegistryApiFixtures.PLATFORM_ADMIN;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.intake.IntakeApiFixtures;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The nightly run as a platform administrator starts it: delinquency first, then the portfolio, both reported. */
@RecourseTest
class NightlyDelinquencyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void takesUpTheDaysCasesAndKeepsTheirPortfolioWhenARunIsStarted() {
        IntakeApiFixtures intake = new IntakeApiFixtures(port, jdbc);
        RegistryApiFixtures api = intake.registry();
        Registration institution = intake.institution();
        // A date of its own, so that no other test's run for the same date is in the way.
        LocalDate businessDate = intake.today().minusDays(17);
        List<List<String>> rows = validRows(intake.sample(77), 1, 4);
        for (List<String> row : rows) {
            row.set(column("loan_date"), businessDate.minusMonths(6).toString());
            row.set(column("due_date"), businessDate.minusDays(40).toString());
        }
        intake.load(institution.admin(), "night.csv", csv(rows));

        Response started = api.post("/api/v1/daily-runs", Map.of("businessDate", businessDate.toString()),
                PLATFORM_ADMIN);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String runId = started.json().path("runId").asString();
        JsonNode run = Awaitility.await("the nightly run").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/daily-runs/" + runId, PLATFORM_ADMIN).json(),
                        json -> "COMPLETED".equals(json.path("status").asString()));

        Map<String, String> steps = new LinkedHashMap<>();
        run.path("steps").forEach(step -> steps.put(step.path("name").asString(), step.path("status").asString()));
        assertThat(steps).containsEntry("delinquency", "COMPLETED").containsEntry("portfolio", "COMPLETED");
        assertThat(List.copyOf(steps.keySet()).indexOf("delinquency"))
                .isLessThan(List.copyOf(steps.keySet()).indexOf("portfolio"));
        JsonNode delinquency = stream(run.path("steps")).filter(step -> step.path("name").asString().equals("delinquency"))
                .findFirst().orElseThrow();
        assertThat(delinquency.path("processed").asLong()).isGreaterThanOrEqualTo(4);

        JsonNode cases = api.get("/api/v1/cases", institution.admin()).json().path("items");
        assertThat(cases).hasSize(4);
        cases.forEach(item -> assertThat(item.path("status").asString()).isEqualTo("ACTIVE"));
        JsonNode portfolio = api.get("/api/v1/cases/portfolio", institution.admin()).json();
        assertThat(portfolio.path("businessDate").asString()).isEqualTo(businessDate.toString());
        assertThat(portfolio.path("buckets").get(0).path("bucket").asString()).isEqualTo("M2");
        assertThat(portfolio.path("buckets").get(0).path("cases").asLong()).isEqualTo(4);
        assertThat(portfolio.path("rolls").get(0).path("to").asString()).isEqualTo("M2");
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
