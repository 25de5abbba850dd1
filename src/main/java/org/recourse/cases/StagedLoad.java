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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A load into an institution that already has accounts: rows stream through {@code COPY} into an
 * unindexed staging table as they are added; {@link #finish()} merges them with a few set-based
 * statements (borrowers de-duplicated by the keyed hash of the ID number; accounts matched by account
 * reference; the previous values of a changed account kept as history).
 */
final class StagedLoad implements LoadSession {

    private static final Logger log = LoggerFactory.getLogger(StagedLoad.class);

    private final PGConnection connection;
    private final CopyRows rows;
    private final CopyTuples tuples = new CopyTuples(1024);
    private final JdbcClient jdbc;
    private final UUID institution;
    private final UUID batch;
    private final Instant now;
    private final DelinquencySettings delinquency;
    private final TimeOrderedIds.Sequence accountIds;
    private final TimeOrderedIds.Sequence borrowerIds;
    private PGCopyOutputStream copy;
    private long staged;

    StagedLoad(PGConnection connection, CopyRows rows, JdbcClient jdbc, UUID institution, UUID batch, Instant now,
            DelinquencySettings delinquency) {
        this.connection = connection;
        this.rows = rows;
        this.jdbc = jdbc;
        this.institution = institution;
        this.batch = batch;
        this.now = now;
        this.delinquency = delinquency;
        TimeOrderedIds ids = new TimeOrderedIds();
        this.accountIds = ids.sequence(now.toEpochMilli());
        this.borrowerIds = ids.sequence(now.toEpochMilli());
    }

    @Override
    public void add(long rowNumber, AccountRecord account) {
        try {
            if (copy == null) {
                copy = new PGCopyOutputStream(connection, StagingSql.COPY_STAGE, 1 << 16);
                tuples.header();
            }
            rows.stage(tuples, rowNumber, accountIds.next(), borrowerIds.next(), account, rows.seal(account));
            copy.write(tuples.bytes(), 0, tuples.length());
            tuples.reset();
            staged++;
        } catch (SQLException e) {
            throw new IllegalStateException("Staging accounts failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Staging accounts failed", e);
        }
    }

    /** Cancels the open COPY so that the transaction can roll back. */
    @Override
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
    @Override
    public LoadResult finish() {
        try {
            if (copy != null) {
                tuples.trailer();
                copy.write(tuples.bytes(), 0, tuples.length());
                copy.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Staging accounts failed", e);
        }
        if (staged == 0) {
            return new LoadResult(0, 0, 0);
        }
        var at = now.atOffset(ZoneOffset.UTC);
        long start = System.nanoTime();
        jdbc.sql("analyze account_stage").update();
        long analysed = System.nanoTime();
        jdbc.sql(StagingSql.UPDATE_BORROWERS).param("institution", institution).param("now", at).update();
        jdbc.sql(StagingSql.INSERT_BORROWERS).param("institution", institution).param("now", at).update();
        long borrowers = System.nanoTime();
        jdbc.sql(StagingSql.KEEP_HISTORY).param("institution", institution).param("batch", batch).param("now", at)
                .update();
        long history = System.nanoTime();
        long updated = jdbc.sql(StagingSql.UPDATE_ACCOUNTS)
                .param("institution", institution).param("batch", batch).param("now", at).update();
        long created = jdbc.sql(StagingSql.INSERT_ACCOUNTS)
                .param("institution", institution).param("batch", batch).param("now", at).update();
        log.debug("Merge of {} staged rows: analyze {} ms, borrowers {} ms, history {} ms, accounts {} ms", staged,
                (analysed - start) / 1_000_000, (borrowers - analysed) / 1_000_000, (history - borrowers) / 1_000_000,
                (System.nanoTime() - history) / 1_000_000);
        if (updated > 0) {
            jdbc.sql(StagingSql.SETTLE_PAID.formatted(delinquency.bands().sqlCase("(cast(:today as date) - a.due_date)")))
                    .param("institution", institution).param("batch", batch).param("now", at)
                    .param("today", now.atZone(delinquency.zone()).toLocalDate()).update();
        }
        return new LoadResult(created, updated, staged - created - updated);
    }

    @Override
    public long staged() {
        return staged;
    }
}
