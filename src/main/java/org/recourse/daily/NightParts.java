package org.recourse.daily;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Splits a step's cases into parts worked at once, each on its own connection and in its own transaction, so that
 * the night uses every core of the machine rather than one PostgreSQL backend at a time (measured on two cores: a
 * night's task insert split in two took 1.7 s against 2.3–2.8 s in one piece). A step that uses it must be
 * idempotent per part: after a crash some parts have committed and the others not, and the rerun finds the former
 * done ({@link DailyStep#run}).
 *
 * <p>The parts are a hash of the case id ({@link Part#casesOf}), so each is a fair share whatever the ids look like
 * (time-ordered ids of one load share their leading bits).
 */
@Component
public class NightParts {

    /**
     * The pool has ten connections: the run's lock, a step's coordinating transaction and the parts must leave some to
     * the requests served meanwhile.
     */
    static final int MAX_PARTS = 4;

    private final int count;

    @Autowired
    NightParts(DailyProperties properties) {
        this(properties.parts() > 0 ? properties.parts() : Runtime.getRuntime().availableProcessors());
    }

    /** A fixed count of parts (tests; the platform's comes from {@code recourse.daily.parts}). */
    public NightParts(int count) {
        this.count = Math.max(1, Math.min(count, MAX_PARTS));
    }

    /** One part of {@code count}: the cases whose id hashes to {@code index}. */
    public record Part(int index, int count) {

        /**
         * A SQL condition that holds for the rows of this part, by a {@code uuid} column or expression of the case id
         * ({@code true} when there is one part). PostgreSQL's own hash of the uuid: stable within a server, and a
         * rerun after an upgrade that hashed otherwise would still find each case's work done or not.
         */
        public String casesOf(String caseIdColumn) {
            return count == 1 ? "true" : "mod(abs(cast(uuid_hash(" + caseIdColumn + ") as bigint)), " + count + ") = "
                    + index;
        }

        /**
         * Sets up the part's transaction (call it first in it): beside other parts, no parallel query workers — the
         * parts keep the cores busy already, and workers would only compete with them (two contact-plan parts' due
         * reads at once: 1.03 s each without workers, 1.14 s with). A lone part keeps them.
         */
        public void forThisTransaction(JdbcClient jdbc) {
            if (count > 1) {
                jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
            }
        }
    }

    /** How many parts the night's work is split into (one per core unless configured). */
    public int count() {
        return count;
    }

    /**
     * Runs {@code work} for every part, at once, and answers the results in part order. Returns only when every part
     * has finished, failed or not (so no transaction of the step outlives it); a failure of any part is then thrown,
     * the first one's.
     */
    public <T> List<T> each(String name, Function<Part, T> work) {
        if (count == 1) {
            return List.of(work.apply(new Part(0, 1)));
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, name + "-part-" + threads.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int index = 0; index < count; index++) {
                Part part = new Part(index, count);
                futures.add(pool.submit(() -> work.apply(part)));
            }
            List<T> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> future : futures) {
                try {
                    results.add(awaitUninterruptibly(future));
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException runtime ? runtime
                                : new IllegalStateException("a part of " + name + " failed", e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /** Waits for a part even when interrupted (a part's transaction must not be left running behind the step). */
    private static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
