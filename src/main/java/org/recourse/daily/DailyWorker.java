package org.recourse.daily;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs daily runs in the background, one at a time per node, never on a request's thread. On start and
 * every minute it offers itself every unfinished run: a queued one, or a running one whose node died (its
 * lock went with the node's connection). Runs another node holds are left to it.
 */
@Component
class DailyWorker {

    private static final Logger log = LoggerFactory.getLogger(DailyWorker.class);

    private final DailyRunner runner;
    private final DailyRunLedger ledger;
    private final ThreadPoolTaskExecutor executor;
    private final Set<UUID> submittedHere = ConcurrentHashMap.newKeySet();

    DailyWorker(DailyRunner runner, DailyRunLedger ledger) {
        this.runner = runner;
        this.ledger = ledger;
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(1);
        pool.setMaxPoolSize(1);
        pool.setThreadNamePrefix("daily-");
        // A run cut off by shutdown keeps its completed steps and is resumed at the next start (here or elsewhere).
        pool.setWaitForTasksToCompleteOnShutdown(false);
        pool.initialize();
        this.executor = pool;
    }

    @PreDestroy
    void stop() {
        runner.stopping();
        executor.shutdown();
    }

    void submit(UUID run) {
        if (submittedHere.add(run)) {
            executor.execute(() -> {
                try {
                    runner.run(run);
                } catch (Exception e) {
                    // The database is unreachable, most likely; the next resume tries again.
                    log.error("Daily run {} could not run: {}", run, e.getClass().getName());
                } finally {
                    submittedHere.remove(run);
                }
            });
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeOnStart() {
        resumeUnfinished();
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
    void resumeUnfinished() {
        try {
            ledger.unfinished().forEach(this::submit);
        } catch (RuntimeException e) {
            log.warn("Could not look for unfinished daily runs: {}", e.getClass().getName());
        }
    }
}
