package org.recourse.allocation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.recourse.cases.CaseProfiles;
import org.recourse.compliance.Entrustments;
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

    /** Every user of the agency is authorised for its placed cases until collectors are assigned to cases. */
    @Override
    @Transactional(readOnly = true)
    public Optional<Entrustment> of(UUID agency, UUID user, UUID caseId, Instant at) {
        return queries.live(agency, caseId)
                .filter(live -> !profiles.today(live.institution(), at).isAfter(live.until()))
                .map(live -> new Entrustment(live.institution(), live.placement(), live.noticeSentAt()));
    }
}
