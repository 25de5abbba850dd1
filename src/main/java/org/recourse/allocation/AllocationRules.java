package org.recourse.allocation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseProfiles;
import org.recourse.registry.Contract;
import org.recourse.registry.Contracts;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The standing rules of the nightly placement, each set by its owner: the institution's administrator chooses how
 * its due cases are shared among its contracts ({@link PlacementRule}, default ROUND_ROBIN) and reads each agency's
 * record and weight and the last nights; an agency's administrator chooses how the cases placed with it at night
 * reach its collectors ({@link StandingRule}, default none). Each change is in the audit trail. The organisation is
 * always the signed-in user's.
 */
@Service
public class AllocationRules {

    private static final int NIGHTS_SHOWN = 14;

    private final NightStore store;
    private final AgencyRecords records;
    private final Contracts contracts;
    private final CaseProfiles profiles;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AllocationRules(NightStore store, AgencyRecords records, Contracts contracts, CaseProfiles profiles,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.records = records;
        this.contracts = contracts;
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
    }

    /** A finished night of placing: what was due, placed, left unplaced and given a collector. */
    public record NightView(LocalDate date, PlacementRule rule, long due, long placed, long unplaced, long assigned) {
    }

    /** The institution's rule, the records of the agencies of its contracts in force today, its last nights. */
    public record PlacementRuleView(PlacementRule rule, List<AgencyRecords.AgencyRecord> agencies,
            List<NightView> nights) {
    }

    /** What an agency's administrator asks the night to do with new placements; see {@link StandingRule}. */
    public record SetStandingRule(@Nullable String mode, @Nullable Boolean sameBorrower, @Nullable Boolean keepPrevious,
            @Nullable Integer maxOpenPerCollector) {
    }

    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    @Transactional(readOnly = true)
    public PlacementRuleView placementRule(SignedInUser admin) {
        UUID institution = admin.organisationId();
        Instant now = clock.instant();
        LocalDate today = profiles.today(institution, now);
        List<UUID> agencies = List.copyOf(new LinkedHashSet<>(contracts.activeFor(new org.recourse.registry.OrganisationId(institution)).stream()
                .filter(contract -> contract.inForceOn(today)).map(Contract::agency).map(a -> a.value()).toList()));
        return new PlacementRuleView(store.ruleOf(institution), records.of(institution, agencies, today, now),
                store.nights(institution, NIGHTS_SHOWN).stream().map(n -> new NightView(n.date(), n.rule(), n.due(),
                        n.placed(), n.unplaced(), n.assigned())).toList());
    }

    /** Sets the institution's rule; from the next night on. */
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    @Transactional
    public PlacementRuleView setPlacementRule(SignedInUser admin, @Nullable String rule) {
        FieldChecks checks = new FieldChecks();
        PlacementRule chosen = parse(PlacementRule.class, "rule", rule, checks);
        if (checks.hasErrors() || chosen == null) {
            throw PlacementProblem.refused(checks.errors());
        }
        store.setRule(admin.organisationId(), chosen, admin.userId(), clock.instant());
        events.publishEvent(new PlacementEvent.RuleChanged(admin.organisationId(), chosen, admin.actor()));
        return placementRule(admin);
    }

    @PreAuthorize("hasRole('AGENCY_ADMIN')")
    @Transactional(readOnly = true)
    public StandingRule standingRule(SignedInUser admin) {
        return store.standingOf(admin.organisationId());
    }

    /**
     * Sets the agency's standing rule: mode ROUND_ROBIN, CAPACITY or none (null or {@code NONE}); CAPACITY needs the
     * most open cases per collector (1 – 1,000,000), which keep-previous also respects when given.
     */
    @PreAuthorize("hasRole('AGENCY_ADMIN')")
    @Transactional
    public StandingRule setStandingRule(SignedInUser admin, SetStandingRule request) {
        FieldChecks checks = new FieldChecks();
        AssignmentMode mode = null;
        if (request.mode() != null && !request.mode().isBlank() && !"NONE".equalsIgnoreCase(request.mode().strip())) {
            mode = parse(AssignmentMode.class, "mode", request.mode(), checks);
            checks.check("mode", mode == null || mode == AssignmentMode.ROUND_ROBIN || mode == AssignmentMode.CAPACITY,
                    "assignment.standing_mode");
        }
        Integer max = request.maxOpenPerCollector();
        checks.check("maxOpenPerCollector", max == null || (max >= 1 && max <= 1_000_000), "out_of_range");
        checks.check("maxOpenPerCollector", mode != AssignmentMode.CAPACITY || max != null,
                "assignment.capacity_required");
        if (checks.hasErrors()) {
            throw AssignmentProblem.refused(checks.errors());
        }
        StandingRule rule = new StandingRule(mode, Boolean.TRUE.equals(request.sameBorrower()),
                Boolean.TRUE.equals(request.keepPrevious()), max);
        store.setStanding(admin.organisationId(), rule, admin.userId(), clock.instant());
        events.publishEvent(new AssignmentEvent.StandingRuleChanged(admin.organisationId(), rule, admin.actor()));
        return rule;
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, String field, @Nullable String value,
            FieldChecks checks) {
        if (value == null || value.isBlank()) {
            checks.reject(field, "required");
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            checks.reject(field, "invalid");
            return null;
        }
    }
}
