package org.recourse.cases.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.recourse.cases.CaseProfiles;
import org.recourse.registry.Contract;
import org.recourse.registry.Contracts;
import org.recourse.registry.Directory;
import org.recourse.registry.OrganisationId;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.springframework.stereotype.Component;

/**
 * The contracts an institution's administrator may place ticked cases under, from the case list: ACTIVE and in
 * force on the institution's today. Placing itself (scope, capacity, one agency at a time) is allocation's.
 */
@Component
class PlaceableContracts {

    private final Contracts contracts;
    private final Directory directory;
    private final CaseProfiles profiles;
    private final Clock clock;

    PlaceableContracts(Contracts contracts, Directory directory, CaseProfiles profiles, Clock clock) {
        this.contracts = contracts;
        this.directory = directory;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** A contract as the place form offers it. */
    record Choice(UUID id, String agencyName, LocalDate endDate) {
    }

    /** None for anyone but an institution's administrator. */
    List<Choice> contracts(SignedInUser user) {
        if (user.role() != Role.INSTITUTION_ADMIN) {
            return List.of();
        }
        LocalDate today = profiles.today(user.organisationId(), clock.instant());
        List<Contract> inForce = contracts.activeFor(new OrganisationId(user.organisationId())).stream()
                .filter(contract -> contract.inForceOn(today)).toList();
        Map<UUID, String> names = directory.organisationNames(
                inForce.stream().map(contract -> contract.agency().value()).toList());
        return inForce.stream()
                .map(contract -> new Choice(contract.id().value(),
                        names.getOrDefault(contract.agency().value(), contract.agency().toString()),
                        contract.endDate()))
                .sorted(Comparator.comparing(Choice::agencyName).thenComparing(Choice::endDate))
                .toList();
    }
}
