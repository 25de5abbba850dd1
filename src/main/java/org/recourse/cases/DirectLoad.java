package org.recourse.cases;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.recourse.shared.TimeOrderedIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The first load of an institution, which has no partitions of borrowers and accounts yet (and cannot get
 * them meanwhile: {@link AccountLoading} holds the institution's load lock). Every row is new, so rows go
 * by {@code COPY} into the institution's bare new tables; at the end each index is built in one sorted
 * pass and the tables are attached as the institution's partitions (migration V5). At a million accounts
 * this is several times faster than inserting into indexed tables (PERFORMANCE.md §4.3).
 *
 * <p>Three stages work at once, because at a million rows each alone takes seconds: the caller's thread
 * reads and validates rows; a sealer thread encrypts them into chunks (in order, so the borrowers of
 * the batch are told apart as they come); a sender thread copies the previous chunk over the
 * transaction's connection. The connection is used by one thread at a time: the sealer waits for the
 * sender before it hands over the next chunk, and the caller waits for both before it finishes.
 */
final class DirectLoad implements LoadSession {

    private static final Logger log = LoggerFactory.getLogger(DirectLoad.class);
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int HANDOFF_ROWS = 2_000;

    private final CopyManager copies;
    private final String suffix;
    private final String copyAccounts;
    private final String copyBorrowers;
    private final CopyRows rows;
    private final JdbcClient jdbc;
    private final UUID institution;
    private final Instant now;
    private final TimeOrderedIds.Sequence accountIds;
    private final TimeOrderedIds.Sequence borrowerIds;
    private final BatchBorrowers borrowers = new BatchBorrowers();
    private final List<IdentityChange> identityChanges = new ArrayList<>();
    private final ExecutorService sealer;
    private final ExecutorService sender;
    private List<AccountRecord> pending = new ArrayList<>(HANDOFF_ROWS);
    private final Deque<Future<?>> sealing = new ArrayDeque<>();
    private Chunk filling = new Chunk();
    private Chunk spare = new Chunk();
    private Future<?> sending = CompletableFuture.completedFuture(null);
    private long staged;
    // Written by the sender, read after awaiting it (the future orders the two).
    private volatile long copyNanos;
    private long waitNanos;

    /** A later row of the batch that spells a borrower's identity differently: the last one wins. */
    private record IdentityChange(UUID borrowerId, String identityEnc, byte[] identityHash) {
    }

    /** Tuples for both tables, copied together so that memory stays at two chunks whatever the file size. */
    private static final class Chunk {
        final CopyTuples accounts = new CopyTuples(CHUNK_BYTES + 4096);
        final CopyTuples borrowers = new CopyTuples(CHUNK_BYTES / 2);
        int accountCount;
        int borrowerCount;

        Chunk() {
            reset();
        }

        void reset() {
            accounts.reset();
            borrowers.reset();
            accounts.header();
            borrowers.header();
            accountCount = 0;
            borrowerCount = 0;
        }
    }

    DirectLoad(PGConnection connection, CopyRows rows, JdbcClient jdbc, UUID institution, UUID batch, Instant now)
            throws SQLException {
        this.copies = connection.getCopyAPI();
        jdbc.sql(StagingSql.PREPARE_PARTITIONS).param("institution", institution).query().singleRow();
        // The partitions' names end in the institution's id (cases.partition_name, migration V5).
        this.suffix = institution.toString().replace("-", "");
        // Ids and an ISO instant: nothing in them needs quoting beyond the literal's own quotes.
        String at = now.atOffset(ZoneOffset.UTC).toString();
        jdbc.sql(StagingSql.LOAD_DEFAULTS_ACCOUNTS.formatted(suffix, institution, batch, batch, at, at)).update();
        jdbc.sql(StagingSql.LOAD_DEFAULTS_BORROWERS.formatted(suffix, institution, at, at)).update();
        // FREEZE: the tables were created in this transaction, so no one else can see the rows before it
        // commits, and PostgreSQL may write them frozen and all-visible at once instead of rewriting every
        // page of a million rows later to set hint bits and freeze them (its vacuum, or the first nightly run).
        this.copyAccounts = "copy cases.account_" + suffix + " (" + CopyRows.ACCOUNT_COLUMNS + ") from stdin"
                + " (format binary, freeze)";
        this.copyBorrowers = "copy cases.borrower_" + suffix + " (" + CopyRows.BORROWER_COLUMNS + ") from stdin"
                + " (format binary, freeze)";
        this.rows = rows;
        this.jdbc = jdbc;
        this.institution = institution;
        this.now = now;
        TimeOrderedIds ids = new TimeOrderedIds();
        this.accountIds = ids.sequence(now.toEpochMilli());
        this.borrowerIds = ids.sequence(now.toEpochMilli());
        this.sealer = Executors.newSingleThreadExecutor(task -> daemon(task, "intake-seal"));
        this.sender = Executors.newSingleThreadExecutor(task -> daemon(task, "intake-copy"));
    }

    @Override
    public void add(long rowNumber, AccountRecord account) {
        pending.add(account);
        staged++;
        if (pending.size() == HANDOFF_ROWS) {
            handOff();
        }
    }

    /**
     * Hands the validated rows gathered so far to the sealer; waits first if two hand-offs are still being
     * sealed, so that memory stays bounded when encryption is slower than reading.
     */
    private void handOff() {
        if (pending.isEmpty()) {
            return;
        }
        List<AccountRecord> batch = pending;
        pending = new ArrayList<>(HANDOFF_ROWS);
        while (sealing.size() >= 2) {
            await(sealing.removeFirst(), "Encrypting accounts failed");
        }
        sealing.addLast(sealer.submit(() -> {
            batch.forEach(this::seal);
            return null;
        }));
    }

    /** On the sealer thread: encrypts one account into the chunk being filled; sends the chunk when full. */
    private void seal(AccountRecord account) {
        CopyRows.Sealed sealed = rows.seal(account);
        BatchBorrowers.Seen borrower = borrowers.see(sealed.idNumberHash(), sealed.identityHash(), borrowerIds::next);
        if (borrower.first()) {
            rows.borrower(filling.borrowers, borrower.borrowerId(), sealed);
            filling.borrowerCount++;
        } else if (borrower.identityChanged()) {
            identityChanges.add(new IdentityChange(borrower.borrowerId(), sealed.identityEnc(), sealed.identityHash()));
        }
        rows.account(filling.accounts, accountIds.next(), borrower.borrowerId(), account, sealed);
        filling.accountCount++;
        if (filling.accounts.length() >= CHUNK_BYTES) {
            send();
        }
    }

    /** Waits for the chunk in flight, then hands the filled one to the sender and fills the other. */
    private void send() {
        awaitSending();
        Chunk full = filling;
        filling = spare;
        spare = full;
        sending = sender.submit(() -> {
            long start = System.nanoTime();
            copy(copyBorrowers, full.borrowers, full.borrowerCount);
            copy(copyAccounts, full.accounts, full.accountCount);
            copyNanos += System.nanoTime() - start;
            full.reset();
            return null;
        });
    }

    private void copy(String sql, CopyTuples tuples, int count) throws SQLException {
        if (count == 0) {
            return;
        }
        tuples.trailer();
        CopyIn in = copies.copyIn(sql);
        try {
            in.writeToCopy(tuples.bytes(), 0, tuples.length());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void awaitSending() {
        long start = System.nanoTime();
        await(sending, "Copying accounts failed");
        waitNanos += System.nanoTime() - start;
    }

    private static void await(Future<?> work, String failure) {
        try {
            work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(failure, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(failure, e.getCause());
        }
    }

    @Override
    public void abort() {
        try {
            // The load is being abandoned anyway; the transaction's rollback undoes what was copied. Only make
            // sure no thread still uses the connection when the caller rolls back.
            for (Future<?> work : sealing) {
                quietly(work);
            }
            quietly(sealer.submit(() -> quietly(sending)));
        } finally {
            sealer.shutdownNow();
            sender.shutdownNow();
        }
    }

    private static void quietly(Future<?> work) {
        try {
            work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Reported by the call that failed, if any; here the load is being abandoned.
        }
    }

    @Override
    public LoadResult finish() {
        try {
            handOff();
            sealing.addLast(sealer.submit(() -> {
                send();
                awaitSending();
                return null;
            }));
            while (!sealing.isEmpty()) {
                await(sealing.removeFirst(), "Encrypting accounts failed");
            }
        } finally {
            sealer.shutdownNow();
            sender.shutdownNow();
        }
        long indexing = System.nanoTime();
        // Sorting a million keys at once wants more than the default 64 MB.
        jdbc.sql("set local maintenance_work_mem = '512MB'").update();
        jdbc.sql(StagingSql.DROP_LOAD_DEFAULTS_ACCOUNTS.formatted(suffix)).update();
        jdbc.sql(StagingSql.DROP_LOAD_DEFAULTS_BORROWERS.formatted(suffix)).update();
        jdbc.sql(StagingSql.ATTACH_PARTITIONS).param("institution", institution).query().singleRow();
        log.debug("First load of {} rows: copying {} ms (encrypting waited {} ms for it); indexing {} ms", staged,
                copyNanos / 1_000_000, waitNanos / 1_000_000, (System.nanoTime() - indexing) / 1_000_000);
        var at = now.atOffset(ZoneOffset.UTC);
        for (IdentityChange change : identityChanges) {
            jdbc.sql(StagingSql.CHANGE_IDENTITY).param("institution", institution).param("id", change.borrowerId()).param("enc", change.identityEnc())
                    .param("hash", change.identityHash()).param("now", at).update();
        }
        return new LoadResult(staged, 0, 0);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public long staged() {
        return staged;
    }
}
