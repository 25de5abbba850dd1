package org.recourse.allocation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.recourse.cases.CaseProfiles;
import org.recourse.daily.DailyStep;
import org.recourse.daily.StepOutcome;
import org.recourse.daily.StepProgress;
import org.recourse.registry.Colleagues;
import org.recourse.registry.Contract;
import org.recourse.registry.Contracts;
import org.recourse.registry.OrganisationId;
import org.recourse.registry.Role;
import org.recourse.strategy.Action;
import org.recourse.strategy.Treatments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The night's placement (after {@link PeriodEndStep}, which ended contracts and periods): for each institution with
 * a contract in force, in one transaction, the open cases whose path has a {@code PLACE_WITH_AGENCY} step due that
 * day ({@link Treatments#dueStepsSql}) and that are not placed now are placed under the contracts in force that day
 * that cover them, shared by the institution's {@link PlacementRule} ({@link Placing#placeDealt}: never beyond a
 * contract's room, each placement with its outsourcing notice); then each agency's new placements go to its
 * collectors by its {@link StandingRule}. Cases no contract could take stay unplaced and are counted.
 *
 * <p>Restartable: the night of an institution is recorded ({@code allocation.placement_night}) in the transaction
 * that placed, under a lock of the institution, so a date repeated — or resumed after a crash, which rolled back the
 * institution it was in — places nothing twice.
 */
@Component
class PlacementStep implements DailyStep {

    private static final Logger log = LoggerFactory.getLogger(PlacementStep.class);

    private final Contracts contracts;
    private final CaseProfiles profiles;
    private final Treatments treatments;
    private final Placing placing;
    private final NightStore night;
    private final AssignmentStore assignments;
    private final AgencyRecords records;
    private final Colleagues colleagues;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PlacementStep(Contracts contracts, CaseProfiles profiles, Treatments treatments, Placing placing, NightStore night,
            AssignmentStore assignments, AgencyRecords records, Colleagues colleagues,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.contracts = contracts;
        this.profiles = profiles;
        this.treatments = treatments;
        this.placing = placing;
        this.night = night;
        this.assignments = assignments;
        this.records = records;
        this.colleagues = colleagues;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "placement";
    }

    @Override
    public int order() {
        return 410;
    }

    /** What one institution's night came to; {@code skipped} when the date had been done already. */
    record Outcome(boolean skipped, PlacementRule rule, long due, long placed, long assigned,
            Map<UUID, Long> placedByContract) {

        long unplaced() {
            return due - placed;
        }
    }

    @Override
    public StepOutcome run(LocalDate businessDate, StepProgress progress) {
        long due = 0;
        long placed = 0;
        for (OrganisationId institution : contracts.institutionsInForceAround(businessDate)) {
            Outcome outcome = placeFor(institution.value(), businessDate);
            due += outcome.due();
            placed += outcome.placed();
            progress.update(due, placed);
        }
        // Processed: the cases due to be placed; changed: those placed. The rest fitted no contract.
        return new StepOutcome(due, placed);
    }

    /** The institution's night, in one transaction of its own. */
    Outcome placeFor(UUID institution, LocalDate businessDate) {
        Outcome outcome = transactions.execute(status -> place(institution, businessDate));
        return java.util.Objects.requireNonNull(outcome);
    }

    private Outcome place(UUID institution, LocalDate date) {
        night.lockInstitution(institution);
        PlacementRule rule = night.ruleOf(institution);
        if (night.done(institution, date)) {
            return new Outcome(true, rule, 0, 0, 0, Map.of());
        }
        Instant now = clock.instant();
        List<Contract> inForce = contracts.activeFor(new OrganisationId(institution)).stream()
                .filter(contract -> contract.inForceOn(date)).toList();
        long started = System.nanoTime();
        long due = night.fillDue(institution, date, profiles.casesSql(institution),
                treatments.dueStepsSql(Action.PLACE_WITH_AGENCY));
        long filled = System.nanoTime();
        Map<UUID, Long> placed = Map.of();
        long assigned = 0;
        if (due > 0 && !inForce.isEmpty()) {
            Map<UUID, BigDecimal> weights = new HashMap<>();
            if (rule == PlacementRule.WEIGHTED) {
                List<UUID> agencies = List.copyOf(new LinkedHashSet<>(inForce.stream()
                        .map(c -> c.agency().value()).toList()));
                records.of(institution, agencies, date, now).forEach(r -> weights.put(r.agencyId(), r.weight()));
            }
            // The sorts and hashes of placing and assigning (measured: the due cases' read is no faster with it).
            night.bulkMemory();
            placed = placing.placeDealt(institution, inForce, rule, weights, now);
            long placedAt = System.nanoTime();
            assigned = assignNight(institution, inForce, placed, now);
            log.debug("placement {} {}: due {} ms, placing {} ms, assigning {} ms", institution, date,
                    (filled - started) / 1_000_000, (placedAt - filled) / 1_000_000,
                    (System.nanoTime() - placedAt) / 1_000_000);
        }
        long total = placed.values().stream().mapToLong(Long::longValue).sum();
        night.recordNight(institution, date, rule, due, total, assigned, now);
        if (due > 0) {
            // The audit line of a night with something to place; the night row is written every time (restarts).
            events.publishEvent(new PlacementEvent.PlacedByRule(institution, date, rule, due, total, due - total,
                    assigned));
        }
        return new Outcome(false, rule, due, total, assigned, placed);
    }

    /**
     * Each agency that received placements tonight assigns them by its standing rule: all agencies at once, in one
     * statement ({@link AssignmentStore#assignNight}); an event for each agency that assigned.
     */
    private long assignNight(UUID institution, List<Contract> inForce, Map<UUID, Long> placed, Instant now) {
        Set<UUID> agencies = new LinkedHashSet<>();
        for (Contract contract : inForce) {
            if (placed.getOrDefault(contract.id().value(), 0L) > 0) {
                agencies.add(contract.agency().value());
            }
        }
        List<AssignmentStore.NightAgency> taking = new ArrayList<>();
        Map<UUID, StandingRule> rules = new HashMap<>();
        for (UUID agency : agencies) {
            StandingRule rule = night.standingOf(agency);
            if (!rule.assignsAny()) {
                continue;
            }
            rules.put(agency, rule);
            List<UUID> collectors = new ArrayList<>();
            colleagues.enabledWithRole(agency, Role.COLLECTOR).forEach(c -> collectors.add(c.id()));
            taking.add(new AssignmentStore.NightAgency(agency, rule, collectors));
        }
        long assigned = 0;
        for (Map.Entry<UUID, Long> done : assignments.assignNight(institution, taking, now).entrySet()) {
            UUID agency = done.getKey();
            StandingRule rule = rules.get(agency);
            long count = done.getValue();
            if (count > 0) {
                events.publishEvent(new AssignmentEvent.CasesAssigned(agency, "agency/" + agency + "/assignments",
                        rule.mode(), rule.sameBorrower(), (int) count, 0, 0, 0, null, null));
            }
            assigned += count;
        }
        return assigned;
    }
}
