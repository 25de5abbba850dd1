package org.recourse.allocation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.recourse.cases.CaseProfiles;
import org.recourse.daily.DailyStep;
import org.recourse.daily.StepOutcome;
import org.recourse.daily.StepProgress;
import org.recourse.registry.Contracts;
import org.recourse.registry.OrganisationId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The night's allocation step: recalls the placements whose period ended (their last day is the business date or
 * earlier), then ends the contracts whose last day is over ({@link Contracts#endExpired}; anything still live under
 * one is recalled with it by {@link ContractReactions}, kind CONTRACT_ENDED), one institution per transaction. Agencies stop reading such a case when its last day is over, whether or not this step has run;
 * the step records the recall, frees the case to be placed again and the contract's room. Repeating a date finds
 * nothing left to end or recall. Placing by the institution's rule follows in the {@code placement} step
 * ({@link PlacementStep}).
 */
@Component
class PeriodEndStep implements DailyStep {

    /** The reason recorded with the recall (the kind, PERIOD_ENDED, is what the pages translate). */
    static final String REASON = "period ended";

    private final PlacementStore store;
    private final Contracts contracts;
    private final CaseProfiles profiles;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PeriodEndStep(PlacementStore store, Contracts contracts, CaseProfiles profiles, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.contracts = contracts;
        this.profiles = profiles;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "allocation";
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public StepOutcome run(LocalDate businessDate, StepProgress progress) {
        long institutions = 0;
        long recalled = 0;
        Set<UUID> ending = new TreeSet<>(store.institutionsEndingBy(businessDate));
        contracts.institutionsEndingBy(businessDate).forEach(id -> ending.add(id.value()));
        for (UUID institution : ending) {
            Integer count = transactions.execute(status -> recallEnded(institution, businessDate));
            recalled += count == null ? 0 : count;
            progress.update(++institutions, recalled);
        }
        return new StepOutcome(institutions, recalled);
    }

    /** Placements recalled for their period plus contracts ended (anything recalled with an ended contract not counted). */
    int recallEnded(UUID institution, LocalDate businessDate) {
        Instant now = clock.instant();
        // A run started by hand for today must not end placements whose last day is still going on.
        LocalDate yesterday = profiles.today(institution, now).minusDays(1);
        LocalDate lastDayOver = businessDate.isAfter(yesterday) ? yesterday : businessDate;
        List<PlacementStore.Ended> ended = store.recallEndedBy(institution, lastDayOver, REASON, now);
        // After the periods: a placement lasts to its contract's last day, so those of an ending contract were
        // recalled above as PERIOD_ENDED; ContractReactions recalls whatever else is live under it.
        int contractsEnded = contracts.endExpired(new OrganisationId(institution), lastDayOver, now).size();
        Map<UUID, List<PlacementStore.Ended>> byContract = ended.stream()
                .collect(Collectors.groupingBy(PlacementStore.Ended::contract));
        byContract.forEach((contract, placements) -> events.publishEvent(new PlacementEvent.RecalledTogether(
                institution, contract, placements.get(0).agency(), RecallKind.PERIOD_ENDED, placements.size(), null)));
        return contractsEnded + ended.size();
    }
}
