package org.recourse.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.recourse.allocation.PlacementOutcome.Placed;
import org.recourse.allocation.PlacementOutcome.Refused;
import org.recourse.allocation.PlacementStore.Candidate;
import org.recourse.cases.CaseProfiles;
import org.recourse.cases.CaseProfiles.CaseProfile;
import org.recourse.registry.Contract;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.stereotype.Component;

/**
 * Places cases under one contract: reads what it must know of them in one query, chooses by
 * {@link PlacementRules}, and writes the lot (placements and their notices) in one statement. People's requests
 * come through {@link PlacementDesk}. The nightly step places by the institution's rule with {@link #placeDealt}: the
 * same locks and count of room, the same rows (placement and notice), for every due case at once.
 */
@Component
class Placing {

    private final PlacementStore store;
    private final CaseProfiles profiles;
    private final NightStore night;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    Placing(PlacementStore store, CaseProfiles profiles, NightStore night) {
        this.store = store;
        this.profiles = profiles;
        this.night = night;
    }

    /**
     * Runs in the caller's transaction. The caller has checked that the contract is the institution's and in force
     * on {@code today} (the institution's calendar day); each placement lasts to the contract's last day.
     */
    PlacementOutcome place(Contract contract, List<UUID> caseIds, LocalDate today, UUID by, Instant at) {
        UUID institution = contract.institution().value();
        UUID contractId = contract.id().value();
        store.lockPlacingShared(institution);
        store.lockContract(contractId);
        Map<UUID, CaseProfile> found = new HashMap<>();
        profiles.of(institution, caseIds, today).forEach(profile -> found.put(profile.id(), profile));
        Set<UUID> live = store.live(institution, found.keySet());
        int room = Math.max(0, contract.maxOpenPlacements() - store.openUnder(contractId));
        PlacementRules.Choice choice = PlacementRules.choose(caseIds, found, contract.scope(), live, room);

        // In the order of case ids, so that two requests wanting overlapping cases take their index entries in the
        // same order and one waits for the other instead of both deadlocking.
        List<Candidate> candidates = choice.toPlace().stream().sorted(Comparator.comparing(CaseProfile::id))
                .map(profile -> new Candidate(ids.next(at.toEpochMilli()), profile.id(), profile.accountRef()))
                .toList();
        Map<UUID, UUID> placed = store.place(institution, contract.agency().value(), contractId, contract.endDate(),
                candidates, by, at);

        List<Placed> placements = new ArrayList<>();
        List<Refused> refused = new ArrayList<>(choice.refused());
        for (CaseProfile profile : choice.toPlace()) {
            UUID placement = placed.get(profile.id());
            if (placement == null) {
                // Another request placed it between our read and our insert; the index kept it to one agency.
                refused.add(new Refused(profile.id(), profile.accountRef(), PlacementRules.ALREADY_PLACED));
            } else {
                placements.add(new Placed(profile.id(), placement, profile.accountRef()));
            }
        }
        return new PlacementOutcome(contractId, contract.agency().value(), contract.endDate(), placements, refused);
    }

    /**
     * Places the night's due cases ({@code allocation_due}, filled by {@link NightStore#fillDue}) under the contracts
     * (the institution's, in force that night, in the contract order), shared by {@code rule}: takes each contract's
     * lock (in id order, so that two runs wait for each other instead of deadlocking), counts its room, deals the
     * groups of due cases ({@link Dealer}) and places the intervals in one statement. Runs in the caller's
     * transaction; {@code weights} by agency (WEIGHTED only). The placements wait for their assignment under the
     * night's {@code date}. Answers the number placed under each contract.
     */
    Map<UUID, Long> placeDealt(UUID institution, LocalDate date, List<Contract> contracts, PlacementRule rule,
            Map<UUID, java.math.BigDecimal> weights, Instant at) {
        if (contracts.isEmpty()) {
            return Map.of();
        }
        contracts.stream().map(c -> c.id().value()).sorted().forEach(store::lockContract);
        Map<UUID, Long> open = night.openUnder(contracts.stream().map(c -> c.id().value()).toList());
        List<Dealer.Pool> pools = new ArrayList<>();
        for (Contract contract : contracts) {
            long opened = open.getOrDefault(contract.id().value(), 0L);
            pools.add(new Dealer.Pool(contract.id().value(), contract.maxOpenPlacements() - opened, opened,
                    weights.getOrDefault(contract.agency().value(), java.math.BigDecimal.ONE)));
        }
        List<Dealer.Group> groups = new ArrayList<>();
        for (NightStore.DueGroup due : night.dueGroups()) {
            List<Integer> covering = new ArrayList<>();
            for (int i = 0; i < contracts.size(); i++) {
                if (contracts.get(i).scope().covers(due.product(), due.bucket(), due.province())) {
                    covering.add(i);
                }
            }
            groups.add(new Dealer.Group(due.product(), due.province(), due.bucket(), due.cases(), covering));
        }
        List<NightStore.Interval> intervals = new ArrayList<>();
        for (Dealer.Quota quota : Dealer.deal(rule, groups, pools)) {
            Contract contract = contracts.get(quota.pool());
            intervals.add(new NightStore.Interval(quota.group().product(), quota.group().province(),
                    quota.group().bucket(), contract.id().value(), contract.agency().value(), contract.endDate(),
                    quota.lo(), quota.hi()));
        }
        return night.placeDealt(institution, date, intervals, at);
    }
}
