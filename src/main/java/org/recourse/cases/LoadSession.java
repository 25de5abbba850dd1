package org.recourse.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One bulk load in progress: rows stream into the staging table as they are added; {@link #finish()}
 * merges them. Not thread-safe; used by the one thread that holds the load's transaction, and no other
 * statement may run on that connection between the first {@link #add} and {@link #finish()}.
 */
public final class LoadSession {

    private final PGConnection connection;
    private final StagedRows rows;
    private final JdbcClient jdbc;
    private final UUID institution;
    private final UUID batch;
    private final Instant now;
    private final TimeOrderedIds ids = new TimeOrderedIds();
    private PGCopyOutputStream copy;
    private long staged;

    LoadSession(PGConnection connection, StagedRows rows, JdbcClient jdbc, UUID institution, UUID batch, Instant now) {
        this.connection = connection;
        this.rows = rows;
        this.jdbc = jdbc;
        this.institution = institution;
        this.batch = batch;
        this.now = now;
    }

    public void add(long rowNumber, AccountRecord account) {
        try {
            if (copy == null) {
                copy = new PGCopyOutputStream(connection, StagingSql.COPY_STAGE, 1 << 16);
            }
            long millis = now.toEpochMilli();
            copy.write(rows.line(rowNumber, ids.next(millis), ids.next(millis), account));
            staged++;
        } catch (SQLException e) {
            throw new IllegalStateException("Staging accounts failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Staging accounts failed", e);
        }
    }

    /** Abandons a load that failed half way: cancels the open COPY so that the transaction can roll back. */
    public void abort() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("Cancelling the staging COPY failed", e);
            }
        }
    }

    /** Ends the stream and merges the staged rows into borrowers, accounts and account history. */
    public LoadResult finish() {
        try {
            if (copy != null) {
                copy.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Staging accounts failed", e);
        }
        if (staged == 0) {
            return new LoadResult(0, 0, 0);
        }
        var at = now.atOffset(ZoneOffset.UTC);
        jdbc.sql("analyze account_stage").update();
        jdbc.sql(StagingSql.MERGE_BORROWERS).param("institution", institution).param("now", at).update();
        jdbc.sql(StagingSql.KEEP_HISTORY).param("institution", institution).param("batch", batch).param("now", at)
                .update();
        long[] counts = jdbc.sql(StagingSql.MERGE_ACCOUNTS)
                .param("institution", institution).param("batch", batch).param("now", at)
                .query((row, n) -> new long[] {row.getLong("created"), row.getLong("updated")})
                .single();
        return new LoadResult(counts[0], counts[1], staged - counts[0] - counts[1]);
    }

    public long staged() {
        return staged;
    }
}
