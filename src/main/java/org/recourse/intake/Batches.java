package org.recourse.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The batches in {@code intake.batch}; every read is scoped to the institution that sent them. */
@Repository
class Batches {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            id, status, source, file_name, total_rows, accepted_rows, rejected_rows, created_accounts,
            updated_accounts, unchanged_accounts, processed_rows, estimated_rows, file_format, file_encoding,
            warnings::text as warnings, failure_code, failure_detail, created_at, finished_at
            """;

    private final JdbcClient jdbc;

    Batches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new batch; false when the institution already used this idempotency key. */
    boolean add(UUID id, UUID institution, String source, @Nullable String fileName, String sha256,
                @Nullable String idempotencyKey, @Nullable Long estimatedRows, @Nullable UUID createdBy, Instant at) {
        try {
            jdbc.sql("""
                    insert into intake.batch (id, institution_id, status, source, file_name, content_sha256,
                        idempotency_key, estimated_rows, created_by, created_at)
                    values (:id, :institution, 'RECEIVED', :source, :fileName, :sha, :key, :estimated, :createdBy, :at)
                    """)
                    .param("id", id).param("institution", institution).param("source", source)
                    .param("fileName", fileName).param("sha", sha256).param("key", idempotencyKey)
                    .param("estimated", estimatedRows).param("createdBy", createdBy).param("at", utc(at))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    record KeyedBatch(UUID id, String sha256) {
    }

    Optional<KeyedBatch> byIdempotencyKey(UUID institution, String key) {
        return jdbc.sql("select id, content_sha256 from intake.batch where institution_id = :institution "
                        + "and idempotency_key = :key")
                .param("institution", institution).param("key", key)
                .query((row, n) -> new KeyedBatch(row.getObject("id", UUID.class), row.getString("content_sha256")))
                .optional();
    }

    Optional<BatchView> find(UUID institution, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from intake.batch where institution_id = :institution and id = :id")
                .param("institution", institution).param("id", id)
                .query((row, n) -> view(row))
                .optional();
    }

    List<BatchView> latest(UUID institution, int limit) {
        return jdbc.sql("select " + COLUMNS + " from intake.batch where institution_id = :institution "
                        + "order by created_at desc limit :limit")
                .param("institution", institution).param("limit", limit)
                .query((row, n) -> view(row))
                .list();
    }

    /** Batches a stopped node left unfinished: they are processed again from the start. */
    List<UUID> unfinished() {
        return jdbc.sql("select id from intake.batch where status in ('RECEIVED', 'VALIDATING', 'LOADING') "
                        + "order by created_at")
                .query(UUID.class).list();
    }

    @Nullable UUID institutionOf(UUID batch) {
        return jdbc.sql("select institution_id from intake.batch where id = :id").param("id", batch)
                .query(UUID.class).optional().orElse(null);
    }

    /** Marks an unfinished batch as being read; false if it is already finished. */
    boolean claim(UUID batch) {
        return jdbc.sql("update intake.batch set status = 'VALIDATING', processed_rows = 0 where id = :id "
                        + "and status in ('RECEIVED', 'VALIDATING', 'LOADING')")
                .param("id", batch).update() == 1;
    }

    void progress(UUID batch, BatchStatus status, long processedRows) {
        jdbc.sql("update intake.batch set status = :status, processed_rows = :processed where id = :id")
                .param("status", status.name()).param("processed", processedRows).param("id", batch)
                .update();
    }

    void describeFile(UUID batch, String format, String encoding, List<BatchView.Warning> warnings) {
        jdbc.sql("update intake.batch set file_format = :format, file_encoding = :encoding, "
                        + "warnings = :warnings::jsonb where id = :id")
                .param("format", format).param("encoding", encoding)
                .param("warnings", JSON.writeValueAsString(warnings)).param("id", batch)
                .update();
    }

    void complete(UUID batch, Counts counts, List<BatchView.Warning> warnings, Instant at) {
        jdbc.sql("""
                update intake.batch
                   set status = 'COMPLETED', total_rows = :total, accepted_rows = :accepted, rejected_rows = :rejected,
                       created_accounts = :created, updated_accounts = :updated, unchanged_accounts = :unchanged,
                       processed_rows = :total, warnings = :warnings::jsonb, finished_at = :at
                 where id = :id
                """)
                .param("total", counts.total()).param("accepted", counts.accepted())
                .param("rejected", counts.rejected()).param("created", counts.created())
                .param("updated", counts.updated()).param("unchanged", counts.unchanged())
                .param("warnings", JSON.writeValueAsString(warnings)).param("at", utc(at)).param("id", batch)
                .update();
    }

    void fail(UUID batch, String code, @Nullable String detail, Instant at) {
        jdbc.sql("""
                update intake.batch set status = 'FAILED', failure_code = :code, failure_detail = :detail,
                       total_rows = 0, accepted_rows = 0, rejected_rows = 0, created_accounts = 0,
                       updated_accounts = 0, unchanged_accounts = 0, finished_at = :at
                 where id = :id
                """)
                .param("code", code).param("detail", detail).param("at", utc(at)).param("id", batch)
                .update();
    }

    /** The final figures of a completed batch. */
    record Counts(long total, long accepted, long rejected, long created, long updated, long unchanged) {
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static BatchView view(ResultSet row) throws SQLException {
        String failureCode = row.getString("failure_code");
        OffsetDateTime finished = row.getObject("finished_at", OffsetDateTime.class);
        long estimated = row.getLong("estimated_rows");
        Long estimatedRows = row.wasNull() ? null : estimated;
        return new BatchView(
                row.getObject("id", UUID.class),
                BatchStatus.valueOf(row.getString("status")),
                row.getString("source"),
                row.getString("file_name"),
                row.getLong("total_rows"), row.getLong("accepted_rows"), row.getLong("rejected_rows"),
                row.getLong("created_accounts"), row.getLong("updated_accounts"), row.getLong("unchanged_accounts"),
                row.getLong("processed_rows"), estimatedRows,
                row.getString("file_format"), row.getString("file_encoding"),
                JSON.readValue(row.getString("warnings"), new TypeReference<List<BatchView.Warning>>() { }),
                failureCode == null ? null : new BatchView.Failure(failureCode, row.getString("failure_detail")),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
