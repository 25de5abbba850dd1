package org.recourse.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.daily.TestSteps.FIRST;
import static org.recourse.daily.TestSteps.SECOND;
import static org.recourse.daily.TestSteps.THIRD;
import static org.recourse.daily.TestSteps.freshDate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.daily.DailyRunLedger.RunRow;
import org.recourse.daily.DailyRunLedger.StepRow;
import org.recourse.daily.DailyRunner.Result;
import org.recourse.daily.TestSteps.Script;
import org.recourse.shared.time.AdjustableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Cluster safety and restarts, below the API: two runners (as on two nodes) racing for one run, a run whose
 * node died half way, a lock still held by a live session, and the nightly schedule driven by the clock.
 */
@RecourseTest
@Import(TestSteps.class)
class DailyRunnerTests {

    @Autowired DataSource dataSource;
    @Autowired DailyRunLedger ledger;
    @Autowired DailyPlan plan;
    @Autowired Clock clock;
    @Autowired ApplicationEventPublisher events;
    @Autowired MeterRegistry meters;
    @Autowired PlatformTransactionManager transactions;
    @Autowired NightlySchedule schedule;
    @Autowired Script script;
    @Autowired JdbcClient jdbc;

    @Test
    void twoRunnersRacingForOneRunRunEachStepExactlyOnce() throws Exception {
        LocalDate date = freshDate();
        UUID run = queued(date);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        script.on(date, FIRST, (day, progress) -> {
            entered.countDown();
            awaitQuietly(release);
            return new StepOutcome(1, 1);
        });
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Result> node = () -> {
                DailyRunner runner = newRunner();
                start.await(10, TimeUnit.SECONDS);
                return runner.run(run);
            };
            Future<Result> a = nodes.submit(node);
            Future<Result> b = nodes.submit(node);
            assertThat(entered.await(30, TimeUnit.SECONDS)).as("one runner is inside the first step").isTrue();

            // While one holds the run inside its first step, the other (if it has not lost to the worker) gives up.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> a.isDone() || b.isDone());
            Result loser = a.isDone() ? a.get() : b.get();
            release.countDown();
            Result winner = (a.isDone() && a.get() == loser ? b : a).get(30, TimeUnit.SECONDS);

            assertThat(loser).isEqualTo(Result.BUSY);
            assertThat(winner).isIn(Result.COMPLETED, Result.BUSY);
        } finally {
            release.countDown();
            nodes.shutdownNow();
        }
        awaitStatus(run, RunStatus.COMPLETED);
        assertThat(script.calls(date)).containsExactly(FIRST, SECOND, THIRD);
    }

    @Test
    void resumesARunWhoseNodeDiedHalfWayWithoutRunningItsCompletedStepsAgain() throws Exception {
        LocalDate date = freshDate();
        UUID run = queued(date);
        // What a node left when it died inside the second step: the first completed, the second half done.
        ledger.running(run, clock.instant());
        ledger.stepStarted(run, FIRST, clock.instant());
        ledger.stepCompleted(run, FIRST, new StepOutcome(7, 7), clock.instant());
        ledger.stepStarted(run, SECOND, clock.instant());
        ledger.stepProgress(run, SECOND, 4, 1);

        Result result = newRunner().run(run);

        // The worker may have taken it up at its minute tick meanwhile; what counts is what ran.
        assertThat(result).isIn(Result.COMPLETED, Result.NOTHING_TO_DO, Result.BUSY);
        awaitStatus(run, RunStatus.COMPLETED);
        assertThat(script.calls(date)).containsExactly(SECOND, THIRD);
        assertThat(step(run, FIRST).processed()).as("the first step's figures are kept").isEqualTo(7);
        assertThat(step(run, SECOND).processed()).as("the second ran again from its start").isEqualTo(5);
        assertThat(step(run, SECOND).status()).isEqualTo(StepStatus.COMPLETED);
    }

    @Test
    void leavesARunAloneWhileAnotherSessionHoldsItsLockAndTakesItOnceThatSessionDies() throws Exception {
        LocalDate date = freshDate();
        UUID run = queued(date);
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        try (Connection otherNode = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), null)) {
            assertThat(lock(otherNode, date)).isTrue();

            assertThat(newRunner().run(run)).isEqualTo(Result.BUSY);
            assertThat(script.calls(date)).isEmpty();

            // The other node dies: PostgreSQL ends its session, and the lock goes with it.
            terminate(backendPid(otherNode));
        }
        Result result = newRunner().run(run);

        // The worker may have taken it up at its minute tick meanwhile; what counts is what ran.
        assertThat(result).isIn(Result.COMPLETED, Result.NOTHING_TO_DO, Result.BUSY);
        awaitStatus(run, RunStatus.COMPLETED);
        assertThat(script.calls(date)).containsExactly(FIRST, SECOND, THIRD);
    }

    @Test
    void leavesARunCutOffByShutdownRunningForTheNextStart() throws Exception {
        LocalDate date = freshDate();
        UUID run = queued(date);
        DailyRunner stopping = newRunner();
        script.on(date, SECOND, (day, progress) -> {
            stopping.stopping();
            throw new IllegalStateException("interrupted");
        });

        assertThat(stopping.run(run)).isEqualTo(Result.STOPPED);
        assertThat(ledger.find(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(step(run, SECOND).status()).isEqualTo(StepStatus.RUNNING);

        newRunner().run(run);
        awaitStatus(run, RunStatus.COMPLETED);
        assertThat(script.calls(date)).containsExactly(FIRST, SECOND, SECOND, THIRD);
    }

    @Test
    void failsARunWithAStepThisNodeDoesNotKnowRatherThanFinishWithoutIt() throws Exception {
        LocalDate date = freshDate();
        UUID run = queued(date);
        jdbc.sql("insert into daily.run_step (run_id, name, position, status) values (:run, 'test-ghost', 15, 'PENDING')")
                .param("run", run).update();

        assertThat(newRunner().run(run)).isEqualTo(Result.FAILED);

        RunRow failed = ledger.find(run).orElseThrow();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.failureCode()).isEqualTo("daily_run.step_unavailable");
        assertThat(script.calls(date)).isEmpty();
    }

    @Test
    void startsTheNightsRunForYesterdayOnceTheConfiguredLocalTimeHasPassed() {
        AdjustableClock adjustable = (AdjustableClock) clock;
        try {
            adjustable.set(Instant.parse("2031-03-05T17:29:00Z")); // 01:29 on 6 March in Shanghai
            assertThat(schedule.startIfDue()).isEmpty();

            adjustable.set(Instant.parse("2031-03-05T17:30:00Z")); // 01:30
            Optional<UUID> started = schedule.startIfDue();
            adjustable.set(Instant.parse("2031-03-06T09:00:00Z"));
            Optional<UUID> again = schedule.startIfDue();

            assertThat(started).isPresent();
            assertThat(again).isEmpty();
            RunRow run = ledger.find(started.orElseThrow()).orElseThrow();
            assertThat(run.businessDate()).isEqualTo(LocalDate.of(2031, 3, 5));
            assertThat(run.requestedBy()).isNull();
            awaitStatus(run.id(), RunStatus.COMPLETED);
        } finally {
            adjustable.release();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** A second runner, as another node would have: its own connections, the same database. */
    private DailyRunner newRunner() {
        return new DailyRunner(dataSource, ledger, plan, clock, events, meters, transactions);
    }

    /** A queued run that no worker was told about. */
    private UUID queued(LocalDate date) {
        UUID run = UUID.randomUUID();
        assertThat(ledger.open(run, date, null, clock.instant())).isTrue();
        ledger.addSteps(run, plan.steps());
        return run;
    }

    private void awaitStatus(UUID run, RunStatus status) {
        Awaitility.await("run " + run + " " + status).atMost(Duration.ofSeconds(30))
                .until(() -> ledger.find(run).orElseThrow().status() == status);
    }

    private StepRow step(UUID run, String name) {
        List<StepRow> steps = ledger.steps(List.of(run));
        return steps.stream().filter(step -> step.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean lock(Connection connection, LocalDate date) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, 0x44414C59);
            statement.setInt(2, Math.toIntExact(date.toEpochDay()));
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_backend_pid()");
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    private void terminate(int pid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select pg_terminate_backend(?)")) {
            statement.setInt(1, pid);
            statement.executeQuery().close();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(
                         "select count(*) from pg_stat_activity where pid = ?")) {
                statement.setInt(1, pid);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return result.getInt(1) == 0;
                }
            }
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
