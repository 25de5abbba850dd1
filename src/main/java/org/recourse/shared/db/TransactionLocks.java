package org.recourse.shared.db;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL advisory locks named by text and held until the current transaction ends — how the night's steps and
 * the requests beside them take turns on an institution, an agency or a contract without locking rows. The name is
 * hashed to the lock's 64-bit key ({@code hashtextextended(name, 0)}); callers prefix it with what it locks
 * ({@code "allocation.placing/" + institution}).
 */
public final class TransactionLocks {

    private TransactionLocks() {
    }

    /** Waits for and takes the lock alone: no other transaction holds it, shared or not, until this one ends. */
    public static void exclusive(JdbcClient jdbc, String name) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:name, 0))").param("name", name).query().singleRow();
    }

    /** Waits for and takes the lock beside other shared holders; an exclusive holder waits for all of them. */
    public static void shared(JdbcClient jdbc, String name) {
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtextextended(:name, 0))").param("name", name).query()
                .singleRow();
    }
}
