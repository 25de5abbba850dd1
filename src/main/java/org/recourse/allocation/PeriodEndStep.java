package org.recourse.allocation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.recourse.cases.CaseProfiles;
import org.recourse.daily.DailyStep;
import org.recourse.daily.StepOutcome;
import org.recourse.daily.StepProgress;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The night's allocation step: recalls the placements whose period ended (their last day is the business date
 * or earlier), one institution per transaction, one statement each. Agencies stop reading such a case when its
 * last day is over, whether or not this step has run; the step records the recall, frees the case to be placed
 * again and the contract's room. Repeating a date finds nothing left to recall. Placing by strategy rules will
 * follow the recall in this step, once strategies exist.
 */
@Component
class PeriodEndStep implements DailyStep {

    /** The reason recorded with the recall (the kind, PERIOD_ENDED, is what the pages translate). */
    static final String REASON = "period ended";

    private final PlacementStore store;
    private final CaseProfiles profiles;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PeriodEndStep(PlacementStore store, CaseProfiles profiles, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
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
        for (UUID institution : store.institutionsEndingBy(businessDate)) {
            Integer count = transactions.execute(status -> recallEnded(institution, businessDate));
            recalled += count == null ? 0 : count;
            progress.update(++institutions, recalled);
        }
        return new StepOutcome(institutions, recalled);
    }

    int recallEnded(UUID institution, LocalDate businessDate) {
        Instant now = clock.instant();
        // A run started by hand for today must not end placements whose last day is still going on.
        LocalDate yesterday = profiles.today(institution, now).minusDays(1);
        LocalDate lastDayOver = businessDate.isAfter(yesterday) ? yesterday : businessDate;
        List<PlacementStore.Ended> ended = store.recallEndedBy(institution, lastDayOver, REASON, now);
        Map<UUID, List<PlacementStore.Ended>> byContract = ended.stream()
                .collect(Collectors.groupingBy(PlacementStore.Ended::contract));
        byContract.forEach((contract, placements) -> events.publishEvent(new PlacementEvent.RecalledTogether(
                institution, contract, placements.get(0).agency(), RecallKind.PERIOD_ENDED, placements.size(), null)));
        return ended.size();
    }
}
