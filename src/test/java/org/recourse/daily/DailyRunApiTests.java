package org.recourse.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.daily.TestSteps.FIRST;
import static org.recourse.daily.TestSteps.SECOND;
import static org.recourse.daily.TestSteps.THIRD;
import static org.recourse.daily.TestSteps.freshDate;
import static org.recourse.registry.RegistryApiFixtures.PLATFORM_ADMIN;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.recourse.RecourseTest;
import org.recourse.daily.TestSteps.Script;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A platform administrator starts the run of a business date over the API and follows it to its end. */
@RecourseTest
@Import(TestSteps.class)
@ExtendWith(OutputCaptureExtension.class)
class DailyRunApiTests {

    private static final String RUNS = "/api/v1/daily-runs";
    /** What a careless step might put in an exception: an ID number and a name. */
    private static final String PERSONAL_DATA = "420102199001011234 张三";

    @LocalServerPort
    int port;

    @Autowired
    Script script;

    @Autowired
    JdbcClient jdbc;

    private RegistryApiFixtures api;

    @BeforeEach
    void signIn() {
        api = new RegistryApiFixtures(port);
    }

    @Test
    void runsEveryStepOnceInTheirOrderAndReportsEach() {
        LocalDate date = freshDate();

        Response started = start(date, PLATFORM_ADMIN);

        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String runId = started.json().path("runId").asString();
        assertThat(started.json().path("status").asString()).isEqualTo("QUEUED");
        assertThat(started.json().path("businessDate").asString()).isEqualTo(date.toString());
        JsonNode run = awaitRun(runId, "COMPLETED");
        assertThat(testSteps(run)).containsExactly(FIRST, SECOND, THIRD);
        for (JsonNode step : run.path("steps")) {
            if (step.path("name").asString().startsWith("test-")) {
                assertThat(step.path("status").asString()).isEqualTo("COMPLETED");
                assertThat(step.path("processed").asLong()).isEqualTo(5);
                assertThat(step.path("changed").asLong()).isEqualTo(2);
                assertThat(step.path("startedAt").asString()).isNotBlank();
                assertThat(step.path("finishedAt").asString()).isNotBlank();
            }
        }
        assertThat(run.path("startedAt").asString()).isNotBlank();
        assertThat(run.path("finishedAt").asString()).isNotBlank();
        assertThat(script.calls(date)).containsExactly(FIRST, SECOND, THIRD);
        assertThat(auditActions(runId)).containsExactly("daily_run.started", "daily_run.completed");
        assertThat(api.get(RUNS, PLATFORM_ADMIN).json().findValuesAsString("runId")).contains(runId);
    }

    @Test
    void refusesASecondRunForADateThatHasOneRunningOrCompleted() throws InterruptedException {
        LocalDate date = freshDate();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        script.on(date, SECOND, (day, progress) -> {
            entered.countDown();
            await(release);
            return new StepOutcome(1, 0);
        });
        String runId = start(date, PLATFORM_ADMIN).json().path("runId").asString();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        Response whileRunning = start(date, PLATFORM_ADMIN);
        release.countDown();
        awaitRun(runId, "COMPLETED");
        Response afterwards = start(date, PLATFORM_ADMIN);

        assertThat(whileRunning.status()).as(whileRunning.raw()).isEqualTo(409);
        assertThat(whileRunning.code()).isEqualTo("daily_run.exists");
        assertThat(whileRunning.json().path("runId").asString()).isEqualTo(runId);
        assertThat(whileRunning.json().path("status").asString()).isEqualTo("RUNNING");
        assertThat(afterwards.status()).as(afterwards.raw()).isEqualTo(409);
        assertThat(afterwards.json().path("runId").asString()).isEqualTo(runId);
        assertThat(afterwards.json().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(script.calls(date, SECOND)).isEqualTo(1);
    }

    @Test
    void restartsAFailedRunWithoutRunningItsCompletedStepsAgain(CapturedOutput output) {
        LocalDate date = freshDate();
        script.on(date, SECOND, (day, progress) -> {
            progress.update(3, 1);
            throw new IllegalStateException("cannot place " + PERSONAL_DATA);
        });

        String runId = start(date, PLATFORM_ADMIN).json().path("runId").asString();
        Response failedGet = awaitRunResponse(runId, "FAILED");
        JsonNode failed = failedGet.json();

        assertThat(failed.path("failureCode").asString()).isEqualTo("daily_run.step_failed");
        assertThat(stepStatuses(failed)).containsExactly(FIRST + ":COMPLETED", SECOND + ":FAILED", THIRD + ":PENDING");
        assertThat(step(failed, SECOND).path("processed").asLong()).isEqualTo(3);
        assertThat(failedGet.raw()).doesNotContain("420102", "张三", "cannot place");
        assertThat(output.getAll()).doesNotContain("420102", "张三", "cannot place");
        assertThat(jdbc.sql("select count(*) from audit.audit_event where details::text like '%420102%'")
                .query(Long.class).single()).isZero();

        Response restarted = start(date, PLATFORM_ADMIN);

        assertThat(restarted.status()).as(restarted.raw()).isEqualTo(202);
        assertThat(restarted.json().path("runId").asString()).isEqualTo(runId);
        assertThat(restarted.json().path("status").asString()).isEqualTo("QUEUED");
        JsonNode completed = awaitRun(runId, "COMPLETED");
        assertThat(completed.path("failureCode").isMissingNode() || completed.path("failureCode").isNull()).isTrue();
        assertThat(stepStatuses(completed)).containsExactly(FIRST + ":COMPLETED", SECOND + ":COMPLETED",
                THIRD + ":COMPLETED");
        assertThat(script.calls(date)).containsExactly(FIRST, SECOND, SECOND, THIRD);
        assertThat(auditActions(runId)).containsExactly("daily_run.started", "daily_run.failed",
                "daily_run.restarted", "daily_run.completed");
    }

    @Test
    void refusesADateAfterTodayInShanghai() {
        LocalDate today = api.clock().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();

        Response response = start(today.plusDays(1), PLATFORM_ADMIN);

        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("daily_run.future_date");
    }

    @Test
    void refusesAMissingOrMalformedDate() {
        Response missing = api.post(RUNS, Map.of(), PLATFORM_ADMIN);
        Response malformed = api.post(RUNS, Map.of("businessDate", "2026-02-30"), PLATFORM_ADMIN);
        Response noBody = api.send("POST", RUNS, "application/json", "", PLATFORM_ADMIN);

        assertThat(missing.status()).as(missing.raw()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("validation_failed");
        assertThat(missing.fieldErrors()).containsExactly("businessDate:required");
        assertThat(malformed.status()).as(malformed.raw()).isEqualTo(400);
        assertThat(malformed.fieldErrors()).containsExactly("businessDate:format");
        assertThat(noBody.status()).as(noBody.raw()).isEqualTo(400);
        assertThat(noBody.code()).isEqualTo("malformed_request");
    }

    @Test
    void isForPlatformAdministratorsOnly() {
        Login institutionAdmin = api.registerApproved("INSTITUTION").admin();
        String runId = start(freshDate(), PLATFORM_ADMIN).json().path("runId").asString();

        Response post = start(freshDate(), institutionAdmin);
        Response get = api.get(RUNS + "/" + runId, institutionAdmin);
        Response list = api.get(RUNS, institutionAdmin);
        Response anonymous = api.get(RUNS + "/" + runId, null);

        assertThat(post.status()).as(post.raw()).isEqualTo(403);
        assertThat(post.code()).isEqualTo("forbidden");
        assertThat(get.status()).isEqualTo(403);
        assertThat(list.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void answersNotFoundForAnUnknownRun() {
        Response response = api.get(RUNS + "/0190a0c4-5e6f-7000-8000-000000000000", PLATFORM_ADMIN);

        assertThat(response.status()).as(response.raw()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("daily_run.not_found");
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private Response start(LocalDate date, Login login) {
        return api.post(RUNS, Map.of("businessDate", date.toString()), login);
    }

    private JsonNode awaitRun(String runId, String status) {
        return awaitRunResponse(runId, status).json();
    }

    private Response awaitRunResponse(String runId, String status) {
        return Awaitility.await("run " + runId + " " + status).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(RUNS + "/" + runId, PLATFORM_ADMIN),
                        response -> status.equals(response.json().path("status").asString()));
    }

    /** The test steps of the run, as the API lists them (steps of other modules may run too). */
    private static List<String> testSteps(JsonNode run) {
        List<String> names = new ArrayList<>();
        run.path("steps").forEach(step -> {
            if (step.path("name").asString().startsWith("test-")) {
                names.add(step.path("name").asString());
            }
        });
        return names;
    }

    private static List<String> stepStatuses(JsonNode run) {
        List<String> statuses = new ArrayList<>();
        run.path("steps").forEach(step -> {
            if (step.path("name").asString().startsWith("test-")) {
                statuses.add(step.path("name").asString() + ":" + step.path("status").asString());
            }
        });
        return statuses;
    }

    private static JsonNode step(JsonNode run, String name) {
        for (JsonNode step : run.path("steps")) {
            if (name.equals(step.path("name").asString())) {
                return step;
            }
        }
        throw new AssertionError("no step " + name);
    }

    private List<String> auditActions(String runId) {
        return jdbc.sql("select action from audit.audit_event where subject = :subject order by id")
                .param("subject", "daily-run/" + runId).query(String.class).list();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
