package org.recourse.daily;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.recourse.daily.DailyRunLedger.RunRow;
import org.recourse.daily.DailyRunLedger.StepRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one run to its end, on the calling thread, while it holds the run's lock ({@link RunLock}): the
 * steps of the plan in order, skipping those completed before (by this node or by one that died), each
 * one's start, progress and end on record as it happens. A step that throws fails the step and the run
 * with a code; its message is never stored or logged, because it may quote personal data.
 */
@Component
class DailyRunner {

    static final String STEP_FAILED = "daily_run.step_failed";
    static final String STEP_UNAVAILABLE = "daily_run.step_unavailable";

    private static final Logger log = LoggerFactory.getLogger(DailyRunner.class);

    /** What became of a call; only tests and logs care. */
    enum Result { COMPLETED, FAILED, BUSY, NOTHING_TO_DO, LOCK_LOST, STOPPED }

    private final DataSource dataSource;
    private final DailyRunLedger ledger;
    private final DailyPlan plan;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;
    private volatile boolean stopping;

    DailyRunner(DataSource dataSource, DailyRunLedger ledger, DailyPlan plan, Clock clock,
                ApplicationEventPublisher events, MeterRegistry meters, PlatformTransactionManager transactions) {
        this.dataSource = dataSource;
        this.ledger = ledger;
        this.plan = plan;
        this.clock = clock;
        this.events = events;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The node is shutting down: a step that fails from now on was most likely cut off by the shutdown, so
     * it is left RUNNING (not FAILED) and the run is resumed at the next start, here or on another node.
     */
    void stopping() {
        stopping = true;
    }

    Result run(UUID runId) throws SQLException {
        RunRow run = ledger.find(runId).orElse(null);
        if (run == null || !run.status().unfinished()) {
            return Result.NOTHING_TO_DO;
        }
        try (RunLock lock = RunLock.tryTake(dataSource, run.businessDate())) {
            if (lock == null) {
                log.debug("Daily run {} is being run by another node", runId);
                return Result.BUSY;
            }
            // Read again under the lock: the node that held it a moment ago may have finished the run.
            RunRow current = ledger.find(runId).orElseThrow();
            if (!current.status().unfinished()) {
                return Result.NOTHING_TO_DO;
            }
            return runLocked(current, lock);
        }
    }

    private Result runLocked(RunRow run, RunLock lock) {
        UUID runId = run.id();
        LocalDate date = run.businessDate();
        ledger.running(runId, clock.instant());
        ledger.addSteps(runId, plan.steps());
        Map<String, StepRow> rows = ledger.steps(List.of(runId)).stream()
                .collect(Collectors.toMap(StepRow::name, Function.identity()));
        log.info("Daily run {} for {} started ({}): steps {}", runId, date,
                run.startedAt() == null ? "first attempt" : "resumed", plan.names());
        long started = System.nanoTime();

        for (StepRow row : rows.values()) {
            if (row.status() != StepStatus.COMPLETED && !plan.names().contains(row.name())) {
                // A step this node does not have (a node of another version ran the run before): fail
                // rather than finish the run without it.
                log.error("Daily run {} for {} has step {} that this node does not know", runId, date, row.name());
                fail(run, row.name(), STEP_UNAVAILABLE);
                return Result.FAILED;
            }
        }
        for (DailyStep step : plan.steps()) {
            StepRow row = rows.get(step.name());
            if (row != null && row.status() == StepStatus.COMPLETED) {
                log.info("Daily run {} for {}: step {} completed before, skipped", runId, date, step.name());
                continue;
            }
            if (!lock.held()) {
                log.warn("Daily run {} for {}: lost its lock before step {}; another node may take it up",
                        runId, date, step.name());
                return Result.LOCK_LOST;
            }
            Result result = runStep(run, step);
            if (result != Result.COMPLETED) {
                return result;
            }
        }
        transaction.executeWithoutResult(status -> {
            ledger.completed(runId, clock.instant());
            events.publishEvent(new DailyRunEvent.RunCompleted(runId, date));
        });
        log.info("Daily run {} for {} completed in {} ms", runId, date, Duration.ofNanos(System.nanoTime() - started)
                .toMillis());
        return Result.COMPLETED;
    }

    private Result runStep(RunRow run, DailyStep step) {
        UUID runId = run.id();
        String name = step.name();
        ledger.stepStarted(runId, name, clock.instant());
        log.info("Daily run {} for {}: step {} started", runId, run.businessDate(), name);
        Timer.Sample sample = Timer.start(meters);
        StepOutcome outcome;
        try {
            outcome = Objects.requireNonNull(step.run(run.businessDate(),
                    (processed, changed) -> ledger.stepProgress(runId, name, processed, changed)), "outcome");
        } catch (Throwable e) {
            // A step is other modules' code: whatever it throws (a bug, a stack overflow) fails it, with a code.
            long millis = stop(sample, name, stopping ? "stopped" : "failed");
            if (stopping) {
                log.info("Daily run {} for {}: step {} cut off by shutdown; the run resumes at the next start",
                        runId, run.businessDate(), name);
                return Result.STOPPED;
            }
            // The message may quote a borrower or a constraint's key: log the type and where it was thrown only.
            log.error("Daily run {} for {}: step {} failed after {} ms with {} at {}", runId, run.businessDate(), name,
                    millis, e.getClass().getName(), origin(e));
            ledger.stepFailed(runId, name, clock.instant());
            fail(run, name, STEP_FAILED);
            return Result.FAILED;
        }
        long millis = stop(sample, name, "completed");
        ledger.stepCompleted(runId, name, outcome, clock.instant());
        log.info("Daily run {} for {}: step {} completed in {} ms, {} processed, {} changed", runId,
                run.businessDate(), name, millis, outcome.processed(), outcome.changed());
        return Result.COMPLETED;
    }

    private void fail(RunRow run, String step, String code) {
        transaction.executeWithoutResult(status -> {
            ledger.failed(run.id(), code, clock.instant());
            events.publishEvent(new DailyRunEvent.RunFailed(run.id(), run.businessDate(), step, code));
        });
        log.info("Daily run {} for {} failed: {} ({})", run.id(), run.businessDate(), code, step);
    }

    private long stop(Timer.Sample sample, String step, String outcome) {
        long nanos = sample.stop(Timer.builder("recourse.daily.step")
                .description("Time a step of the nightly run took")
                .tag("step", step)
                .tag("outcome", outcome)
                .register(meters));
        return Duration.ofNanos(nanos).toMillis();
    }

    private static String origin(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "?" : trace[0].getClassName() + "." + trace[0].getMethodName() + ":"
                + trace[0].getLineNumber();
    }
}
