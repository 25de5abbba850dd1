package org.recourse.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.recourse.allocation.PlacementOutcome.Refused;
import org.recourse.cases.CaseProfiles.CaseProfile;
import org.recourse.registry.ContractScope;

/**
 * Which of the requested cases may be placed under a contract, and why each other one may not. A pure function
 * of what was read, so that every refusal is explained by its inputs.
 */
final class PlacementRules {

    static final String NOT_FOUND = "placement.case_not_found";
    static final String CLOSED = "placement.case_closed";
    static final String OUT_OF_SCOPE = "placement.out_of_scope";
    static final String ALREADY_PLACED = "placement.already_placed";
    static final String CAPACITY = "placement.capacity";

    private PlacementRules() {
    }

    /** The cases to place, in the order asked, and the refusals, in the same order. */
    record Choice(List<CaseProfile> toPlace, List<Refused> refused) {
    }

    /**
     * Refuses, case by case in the order asked: a case the institution does not have, a closed one, one outside
     * the contract's scope (bucket by the default names: ContractScope says why), one placed already (with any
     * agency); then, of the rest, those beyond the contract's room ({@code room} = most open at once minus those
     * open now).
     */
    static Choice choose(List<UUID> requested, Map<UUID, CaseProfile> profiles, ContractScope scope, Set<UUID> live,
            int room) {
        List<CaseProfile> toPlace = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (UUID caseId : requested) {
            CaseProfile profile = profiles.get(caseId);
            if (profile == null) {
                refused.add(new Refused(caseId, null, NOT_FOUND));
                continue;
            }
            Optional<String> refusal = refusal(profile, scope, live);
            if (refusal.isPresent()) {
                refused.add(new Refused(caseId, profile.accountRef(), refusal.get()));
            } else if (toPlace.size() >= room) {
                refused.add(new Refused(caseId, profile.accountRef(), CAPACITY));
            } else {
                toPlace.add(profile);
            }
        }
        return new Choice(toPlace, refused);
    }

    static Optional<String> refusal(CaseProfile profile, ContractScope scope, Set<UUID> live) {
        if (profile.status().closed()) {
            return Optional.of(CLOSED);
        }
        if (!scope.covers(profile.product(), profile.bucket(), profile.province())) {
            return Optional.of(OUT_OF_SCOPE);
        }
        if (live.contains(profile.id())) {
            return Optional.of(ALREADY_PLACED);
        }
        return Optional.empty();
    }
}
