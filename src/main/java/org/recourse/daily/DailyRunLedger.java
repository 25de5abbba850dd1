package org.recourse.daily;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The runs in {@code daily.run} and their steps in {@code daily.run_step}. Each write is one statement, so
 * outside a transaction it commits at once: what a step has done is on record before the next one begins.
 */
@Repository
class DailyRunLedger {

    private static final String RUN_COLUMNS =
            "id, business_date, status, requested_by, created_at, started_at, finished_at, failure_code";
    private static final String STEP_COLUMNS =
            "run_id, name, position, status, processed, changed, started_at, finished_at";

    private final JdbcClient jdbc;

    DailyRunLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record RunRow(UUID id, LocalDate businessDate, RunStatus status, @Nullable UUID requestedBy, Instant createdAt,
                  @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String failureCode) {
    }

    record StepRow(UUID runId, String name, int position, StepStatus status, long processed, long changed,
                   @Nullable Instant startedAt, @Nullable Instant finishedAt) {
    }

    /** Records a queued run for the date; false when the date already has one (whoever created it). */
    boolean open(UUID id, LocalDate businessDate, @Nullable UUID requestedBy, Instant at) {
        return jdbc.sql("""
                insert into daily.run (id, business_date, status, requested_by, created_at)
                values (:id, :date, 'QUEUED', :requestedBy, :at)
                on conflict (business_date) do nothing
                """)
                .param("id", id).param("date", businessDate).param("requestedBy", requestedBy).param("at", utc(at))
                .update() == 1;
    }

    /** Adds the steps of the plan the run does not have yet, as PENDING; steps it has keep their state. */
    void addSteps(UUID run, List<DailyStep> plan) {
        for (DailyStep step : plan) {
            jdbc.sql("""
                    insert into daily.run_step (run_id, name, position, status) values (:run, :name, :position, 'PENDING')
                    on conflict (run_id, name) do nothing
                    """)
                    .param("run", run).param("name", step.name()).param("position", step.order())
                    .update();
        }
    }

    /**
     * Queues a FAILED run for the date again, its unfinished steps back to PENDING; the completed ones stay
     * completed. Empty when the date has no failed run.
     */
    Optional<UUID> restartFailed(LocalDate businessDate) {
        Optional<UUID> run = jdbc.sql("""
                update daily.run set status = 'QUEUED', failure_code = null, finished_at = null
                 where business_date = :date and status = 'FAILED'
                returning id
                """)
                .param("date", businessDate).query(UUID.class).optional();
        run.ifPresent(id -> jdbc.sql("update daily.run_step set status = 'PENDING' where run_id = :run "
                        + "and status <> 'COMPLETED'")
                .param("run", id).update());
        return run;
    }

    Optional<RunRow> find(UUID run) {
        return jdbc.sql("select " + RUN_COLUMNS + " from daily.run where id = :id")
                .param("id", run).query((row, n) -> run(row)).optional();
    }

    Optional<RunRow> byDate(LocalDate businessDate) {
        return jdbc.sql("select " + RUN_COLUMNS + " from daily.run where business_date = :date")
                .param("date", businessDate).query((row, n) -> run(row)).optional();
    }

    List<RunRow> latest(int limit) {
        return jdbc.sql("select " + RUN_COLUMNS + " from daily.run order by business_date desc limit :limit")
                .param("limit", limit).query((row, n) -> run(row)).list();
    }

    /** The runs a node may take up: queued, or running without a node (which the advisory lock tells). */
    List<UUID> unfinished() {
        return jdbc.sql("select id from daily.run where status in ('QUEUED', 'RUNNING') order by business_date")
                .query(UUID.class).list();
    }

    /** The steps of the runs, each run's in the order they run. */
    List<StepRow> steps(Collection<UUID> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + STEP_COLUMNS + " from daily.run_step where run_id in (:runs) "
                        + "order by run_id, position, name")
                .param("runs", runs).query((row, n) -> step(row)).list();
    }

    void running(UUID run, Instant at) {
        jdbc.sql("update daily.run set status = 'RUNNING', started_at = coalesce(started_at, :at) where id = :id")
                .param("at", utc(at)).param("id", run).update();
    }

    void completed(UUID run, Instant at) {
        jdbc.sql("update daily.run set status = 'COMPLETED', finished_at = :at where id = :id")
                .param("at", utc(at)).param("id", run).update();
    }

    void failed(UUID run, String code, Instant at) {
        jdbc.sql("update daily.run set status = 'FAILED', failure_code = :code, finished_at = :at where id = :id")
                .param("code", code).param("at", utc(at)).param("id", run).update();
    }

    /** A step (re)starts from scratch: its counters from an earlier attempt no longer hold. */
    void stepStarted(UUID run, String step, Instant at) {
        jdbc.sql("""
                update daily.run_step set status = 'RUNNING', processed = 0, changed = 0, started_at = :at,
                       finished_at = null
                 where run_id = :run and name = :name
                """)
                .param("at", utc(at)).param("run", run).param("name", step).update();
    }

    void stepProgress(UUID run, String step, long processed, long changed) {
        jdbc.sql("update daily.run_step set processed = :processed, changed = :changed "
                        + "where run_id = :run and name = :name and status = 'RUNNING'")
                .param("processed", processed).param("changed", changed).param("run", run).param("name", step)
                .update();
    }

    void stepCompleted(UUID run, String step, StepOutcome outcome, Instant at) {
        jdbc.sql("""
                update daily.run_step set status = 'COMPLETED', processed = :processed, changed = :changed,
                       finished_at = :at
                 where run_id = :run and name = :name
                """)
                .param("processed", outcome.processed()).param("changed", outcome.changed()).param("at", utc(at))
                .param("run", run).param("name", step).update();
    }

    void stepFailed(UUID run, String step, Instant at) {
        jdbc.sql("update daily.run_step set status = 'FAILED', finished_at = :at where run_id = :run and name = :name")
                .param("at", utc(at)).param("run", run).param("name", step).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static RunRow run(ResultSet row) throws SQLException {
        Instant created = instant(row, "created_at");
        return new RunRow(row.getObject("id", UUID.class), row.getObject("business_date", LocalDate.class),
                RunStatus.valueOf(row.getString("status")), row.getObject("requested_by", UUID.class),
                created == null ? Instant.EPOCH : created, instant(row, "started_at"), instant(row, "finished_at"),
                row.getString("failure_code"));
    }

    private static StepRow step(ResultSet row) throws SQLException {
        return new StepRow(row.getObject("run_id", UUID.class), row.getString("name"), row.getInt("position"),
                StepStatus.valueOf(row.getString("status")), row.getLong("processed"), row.getLong("changed"),
                instant(row, "started_at"), instant(row, "finished_at"));
    }
}
