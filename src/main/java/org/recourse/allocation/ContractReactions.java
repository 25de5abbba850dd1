package org.recourse.allocation;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.ContractEvent;
import org.recourse.registry.ContractStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a contract leaves force (suspended or ended), its placements are recalled with it. Synchronous, in the
 * transaction that changed the contract: an agency must not keep working cases under a contract that no longer
 * holds, not even for the moment an asynchronous listener would take. Resuming a contract places nothing again;
 * the institution places anew.
 */
@Component
class ContractReactions {

    private final PlacementStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContractReactions(PlacementStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(ContractEvent.StatusChanged change) {
        @Nullable RecallKind kind = change.to() == ContractStatus.SUSPENDED ? RecallKind.CONTRACT_SUSPENDED
                : change.to() == ContractStatus.ENDED ? RecallKind.CONTRACT_ENDED : null;
        if (kind == null) {
            return;
        }
        String reason = change.reason() == null ? kind.name() : change.reason();
        List<PlacementStore.Ended> ended = store.recallContract(change.institution().value(), change.contract().value(), kind, reason,
                change.actor() == null ? null : change.actor().userId(), clock.instant());
        if (!ended.isEmpty()) {
            events.publishEvent(new PlacementEvent.RecalledTogether(change.institution().value(),
                    change.contract().value(), change.agency().value(), kind, ended.size(), change.actor()));
        }
    }
}
