package org.recourse.cases;

/**
 * One bulk load in progress, inside the caller's transaction: add the validated records, then
 * {@link #finish()}. Not thread-safe; used by the one thread that holds the load's transaction, and no
 * other statement may run on that connection between the first {@link #add} and {@link #finish()}.
 */
public sealed interface LoadSession permits StagedLoad, DirectLoad {

    void add(long rowNumber, AccountRecord account);

    /** Abandons a load that failed half way, so that the transaction can roll back. */
    void abort();

    /** Stores what was added and says what changed. */
    LoadResult finish();

    long staged();
}
