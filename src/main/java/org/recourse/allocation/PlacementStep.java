package org.recourse.allocation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.recourse.cases.CaseProfiles;
import org.recourse.daily.DailyStep;
import org.recourse.daily.NightParts;
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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The night's placement (after {@link PeriodEndStep}, which ended contracts and periods), for each institution with a
 * contract in force, in two phases under a coordinating transaction that holds the institution's locks to the end:
 * first, in one transaction, the open cases whose path has a {@code PLACE_WITH_AGENCY} step due that day
 * ({@link Treatments#dueStepsSql}) and that are not placed now are placed under the contracts in force that day that
 * cover them, shared by the institution's {@link PlacementRule} ({@link Placing#placeDealt}: never beyond a
 * contract's room, each placement with its outsourcing notice); then each agency's new placements go to its
 * collectors by its {@link StandingRule}, the agencies in parts at once ({@link NightParts}), each part in a
 * transaction of its own. Cases no contract could take stay unplaced and are counted.
 *
 * <p>Restartable: the night of an institution is recorded ({@code allocation.placement_night}) in the transaction
 * that placed, and finished when every agency is assigned, all under a lock of the institution; a date repeated
 * places nothing twice, and a night cut off after its placements (or after some parts of its assignment) assigns
 * what is left when run again — each agency's placements are assigned in one transaction, so all or none.
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
    private final NightParts parts;
    private final TransactionTemplate transactions;
    /** The placing's and each part's own transaction, never the coordinating one (whose locks they work under). */
    private final TransactionTemplate ownTransactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PlacementStep(Contracts contracts, CaseProfiles profiles, Treatments treatments, Placing placing, NightStore night,
            AssignmentStore assignments, AgencyRecords records, Colleagues colleagues, NightParts parts,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.contracts = contracts;
        this.profiles = profiles;
        this.treatments = treatments;
        this.placing = placing;
        this.night = night;
        this.assignments = assignments;
        this.records = records;
        this.colleagues = colleagues;
        this.parts = parts;
        this.transactions = transactions;
        this.ownTransactions = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        this.ownTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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

    /**
     * What one institution's night came to; {@code skipped} when the date had been done already. A night resumed
     * after its placements committed answers their totals, without the split by contract.
     */
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

    /** The institution's night: its coordinating transaction, the placing's and the parts'. */
    Outcome placeFor(UUID institution, LocalDate businessDate) {
        return placeFor(institution, businessDate, parts);
    }

    /** As {@link #placeFor(UUID, LocalDate)}, the assignment split into the parts given (tests). */
    Outcome placeFor(UUID institution, LocalDate businessDate, NightParts split) {
        Outcome outcome = transactions.execute(status -> place(institution, businessDate, split));
        return Objects.requireNonNull(outcome);
    }

    private Outcome place(UUID institution, LocalDate date, NightParts split) {
        night.lockInstitution(institution);
        PlacementRule rule = night.ruleOf(institution);
        if (night.done(institution, date)) {
            return new Outcome(true, rule, 0, 0, 0, Map.of());
        }
        Instant now = clock.instant();
        List<Contract> inForce = contracts.activeFor(new OrganisationId(institution)).stream()
                .filter(contract -> contract.inForceOn(date)).toList();
        // Held until this transaction ends, over both phases: no request places or recalls a case of the
        // institution, nor assigns a case of an agency the night may place with.
        night.lockPlacing(institution);
        night.lockAssigning(inForce.stream().map(c -> c.agency().value()).toList());
        Optional<NightStore.Placed> before = night.placed(institution, date);
        Outcome placed = before
                .map(p -> new Outcome(false, p.rule(), p.due(), p.placed(), p.assigned(), Map.<UUID, Long>of()))
                .orElseGet(() -> Objects.requireNonNull(
                        ownTransactions.execute(status -> placeNight(institution, date, rule, inForce, now))));
        long started = System.nanoTime();
        long assigned = placed.assigned() + assignNight(institution, date, inForce, before.isPresent(), split, now);
        log.debug("placement {} {}: assigning {} ms", institution, date, (System.nanoTime() - started) / 1_000_000);
        night.finish(institution, date, now);
        if (placed.due() > 0) {
            // The audit line of a night with something to place; the night row is written every time (restarts).
            events.publishEvent(new PlacementEvent.PlacedByRule(institution, date, placed.rule(), placed.due(),
                    placed.placed(), placed.unplaced(), assigned));
        }
        return new Outcome(false, placed.rule(), placed.due(), placed.placed(), assigned, placed.placedByContract());
    }

    /**
     * The first phase, in a transaction of its own: the due cases placed and recorded; committed, the placements
     * wait in {@code allocation.night_placement} for the assignment.
     */
    private Outcome placeNight(UUID institution, LocalDate date, PlacementRule rule, List<Contract> inForce,
            Instant now) {
        long started = System.nanoTime();
        long due = night.fillDue(institution, date, profiles.casesSql(institution),
                treatments.dueStepsSql(Action.PLACE_WITH_AGENCY));
        long filled = System.nanoTime();
        Map<UUID, Long> placed = Map.of();
        if (due > 0 && !inForce.isEmpty()) {
            Map<UUID, BigDecimal> weights = new HashMap<>();
            if (rule == PlacementRule.WEIGHTED) {
                List<UUID> agencies = List.copyOf(new LinkedHashSet<>(inForce.stream()
                        .map(c -> c.agency().value()).toList()));
                records.of(institution, agencies, date, now).forEach(r -> weights.put(r.agencyId(), r.weight()));
            }
            // The sorts and hashes of placing (measured: the due cases' read is no faster with it).
            night.bulkMemory();
            placed = placing.placeDealt(institution, date, inForce, rule, weights, now);
        }
        long total = placed.values().stream().mapToLong(Long::longValue).sum();
        night.recordPlaced(institution, date, rule, due, total);
        log.debug("placement {} {}: due {} ms, placing {} ms", institution, date, (filled - started) / 1_000_000,
                (System.nanoTime() - filled) / 1_000_000);
        return new Outcome(false, rule, due, total, 0, placed);
    }

    /**
     * The second phase: each agency whose placements wait tonight assigns them by its standing rule; the agencies
     * shared out between the parts by their number of placements, each part's in one statement
     * ({@link AssignmentStore#assignNight}) and one transaction, which also counts them on the night's record and
     * writes an event for each agency that assigned. Answers the number assigned.
     */
    private long assignNight(UUID institution, LocalDate date, List<Contract> inForce, boolean resumed,
            NightParts split, Instant now) {
        Map<UUID, Long> waiting = night.waitingByAgency(institution, date, resumed);
        Map<UUID, AssignmentStore.NightAgency> taking = new HashMap<>();
        for (UUID agency : new LinkedHashSet<>(inForce.stream().map(c -> c.agency().value()).toList())) {
            StandingRule rule = night.standingOf(agency);
            if (!waiting.containsKey(agency) || !rule.assignsAny()) {
                continue;
            }
            List<UUID> collectors = new ArrayList<>();
            colleagues.enabledWithRole(agency, Role.COLLECTOR).forEach(c -> collectors.add(c.id()));
            taking.put(agency, new AssignmentStore.NightAgency(agency, rule, collectors));
        }
        if (taking.isEmpty()) {
            return 0;
        }
        List<List<AssignmentStore.NightAgency>> shares = shares(taking, waiting, split.count());
        List<Long> done = split.each("placement", part -> ownTransactions.execute(status -> {
            List<AssignmentStore.NightAgency> share = shares.get(part.index());
            if (share.isEmpty()) {
                return 0L;
            }
            night.assigningPart(part);
            long assigned = 0;
            for (Map.Entry<UUID, Long> agency : assignments.assignNight(institution, date, share, resumed, now)
                    .entrySet()) {
                StandingRule rule = taking.get(agency.getKey()).rule();
                long count = agency.getValue();
                if (count > 0) {
                    // In the part's transaction: the audit line commits with the agency's assignments.
                    events.publishEvent(new AssignmentEvent.CasesAssigned(agency.getKey(),
                            "agency/" + agency.getKey() + "/assignments", rule.mode(), rule.sameBorrower(),
                            (int) count, 0, 0, 0, null, null));
                }
                assigned += count;
            }
            night.raiseAssigned(institution, date, assigned);
            return assigned;
        }));
        return done.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The agencies shared out between {@code count} parts so that each has about as many placements to assign: the
     * largest first, each to the part with the fewest so far (ties by agency id and part order, so the same night
     * gives the same shares).
     */
    static List<List<AssignmentStore.NightAgency>> shares(Map<UUID, AssignmentStore.NightAgency> agencies,
            Map<UUID, Long> waiting, int count) {
        List<List<AssignmentStore.NightAgency>> shares = new ArrayList<>();
        long[] load = new long[count];
        for (int i = 0; i < count; i++) {
            shares.add(new ArrayList<>());
        }
        agencies.keySet().stream()
                .sorted(Comparator.comparing((UUID agency) -> -waiting.get(agency)).thenComparing(agency -> agency))
                .forEach(agency -> {
                    int lightest = 0;
                    for (int i = 1; i < count; i++) {
                        if (load[i] < load[lightest]) {
                            lightest = i;
                        }
                    }
                    shares.get(lightest).add(agencies.get(agency));
                    load[lightest] += waiting.get(agency);
                });
        return shares;
    }
}
