package org.recourse.daily;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent.Actor;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates a date's run (for an administrator or the nightly schedule) or queues a failed one again, with its
 * audit line in the same transaction, and hands it to the worker once that transaction has committed.
 */
@Component
class RunStarter {

    private final DailyRunLedger ledger;
    private final DailyPlan plan;
    private final DailyWorker worker;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    RunStarter(DailyRunLedger ledger, DailyPlan plan, DailyWorker worker, Clock clock,
               ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.plan = plan;
        this.worker = worker;
        this.clock = clock;
        this.events = events;
    }

    /** The new run, or empty when the date has a run already (the unique business date decides, not a check). */
    @Transactional
    public Optional<UUID> open(LocalDate businessDate, @Nullable Actor actor) {
        UUID run = ids.next(clock.millis());
        if (!ledger.open(run, businessDate, actor == null ? null : actor.userId(), clock.instant())) {
            return Optional.empty();
        }
        ledger.addSteps(run, plan.steps());
        events.publishEvent(new DailyRunEvent.RunStarted(run, businessDate, actor));
        afterCommit(() -> worker.submit(run));
        return Optional.of(run);
    }

    /** The date's failed run, queued again; empty when the date has no failed run. */
    @Transactional
    public Optional<UUID> restartFailed(LocalDate businessDate, Actor actor) {
        Optional<UUID> run = ledger.restartFailed(businessDate);
        run.ifPresent(id -> {
            events.publishEvent(new DailyRunEvent.RunRestarted(id, businessDate, actor));
            afterCommit(() -> worker.submit(id));
        });
        return run;
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
