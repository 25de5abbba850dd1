package org.recourse.allocation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.recourse.cases.CaseProfiles;
import org.recourse.compliance.Entrustments;
import org.recourse.registry.Role;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The placement an agency's contact rests on, as the compliance engine asks for it (compliance declares the
 * question): live, and within its period on the institution's calendar day at the moment of the contact.
 */
@Component
class AgencyEntrustments implements Entrustments {

    private final PlacementQueries queries;
    private final CaseProfiles profiles;

    AgencyEntrustments(PlacementQueries queries, CaseProfiles profiles) {
        this.queries = queries;
        this.profiles = profiles;
    }

    /** By the placement's own moments: placed at or before {@code at}, not recalled by then (the latest such). */
    @Override
    @Transactional(readOnly = true)
    public Optional<Holding> heldAt(UUID institution, UUID caseId, Instant at) {
        return queries.heldAt(institution, caseId, at);
    }

    /**
     * A collector is authorised for the cases assigned to them now and those the agency's administrator granted them
     * (not revoked, the grant's last day not passed), and for no other: not for a case of the agency that is
     * unassigned or assigned to a colleague without a grant. The agency's administrator is authorised for every case placed
     * with the agency: the administrator answers for the agency's work, steps in when the collector is away or a
     * complaint must be called back, and is accountable by name in the decision log; every rule of the engine still
     * applies to them. Any other role is authorised for nothing.
     */
    @Override
    @Transactional(readOnly = true)
    public Optional<Entrustment> of(UUID agency, UUID user, Role role, UUID caseId, Instant at) {
        if (role != Role.AGENCY_ADMIN && role != Role.COLLECTOR) {
            return Optional.empty();
        }
        return queries.live(agency, caseId)
                .filter(live -> queries.readableUntil(agency, role == Role.AGENCY_ADMIN ? null : user, live)
                        .filter(until -> !profiles.today(live.institution(), at).isAfter(until)).isPresent())
                .map(live -> new Entrustment(live.institution(), live.placement(), live.noticeSentAt()));
    }
}
