package org.recourse.shared.db;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Memory for the sorts and hashes of a bulk statement (a night's step, an account load): each sorts or hashes up to
 * a row per case of an institution — a million rows, which at PostgreSQL's default 4 MB spill to temporary files.
 * For the caller's transaction only ({@code set local}); measured in docs/performance.md (P1, P6, P7).
 */
public final class BulkMemory {

    /** {@code work_mem} for such a transaction: a million due steps sort in about 250 MB. */
    public static final String WORK_MEM = "256MB";

    private BulkMemory() {
    }

    /** Sets {@link #WORK_MEM} until the current transaction ends. */
    public static void forThisTransaction(JdbcClient jdbc) {
        jdbc.sql("set local work_mem = '" + WORK_MEM + "'").update();
    }
}
