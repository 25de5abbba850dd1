package org.recourse.intake;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs batches in the background, one at a time per node (a batch already keeps both cores busy:
 * parsing and encryption here, the merge in PostgreSQL). After a restart it picks up the batches that
 * were left unfinished; a batch's load is one transaction, so running it again loads nothing twice.
 */
@Component
class IntakeWorker {

    private final BatchProcessor processor;
    private final Batches batches;
    private final ThreadPoolTaskExecutor executor;
    private final Set<UUID> submittedHere = ConcurrentHashMap.newKeySet();

    IntakeWorker(BatchProcessor processor, Batches batches) {
        this.processor = processor;
        this.batches = batches;
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(1);
        pool.setMaxPoolSize(1);
        pool.setThreadNamePrefix("intake-");
        // A batch cut off by shutdown rolls back whole and is picked up again at the next start.
        pool.setWaitForTasksToCompleteOnShutdown(false);
        pool.initialize();
        this.executor = pool;
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    void submit(UUID batch) {
        if (submittedHere.add(batch)) {
            executor.execute(() -> {
                try {
                    processor.process(batch);
                } finally {
                    submittedHere.remove(batch);
                }
            });
        }
    }

    /**
     * Batches still unfinished when this node starts were left by a node that stopped. (With several
     * nodes, a lease per batch will be needed here; today one node runs intake.)
     */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        batches.unfinished().forEach(this::submit);
    }
}
