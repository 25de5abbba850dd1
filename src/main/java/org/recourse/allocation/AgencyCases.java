package org.recourse.allocation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.recourse.cases.PlacedCases;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The cases placed with an agency, as the case list and case page ask for them (cases declares the question). */
@Component
class AgencyCases implements PlacedCases {

    private final PlacementQueries queries;

    AgencyCases(PlacementQueries queries) {
        this.queries = queries;
    }

    @Override
    @Transactional(readOnly = true)
    public List<UUID> institutionsPlacingWith(UUID agency) {
        return queries.institutionsPlacingWith(agency);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Placed> placed(UUID agency, UUID caseId) {
        return queries.live(agency, caseId).map(live -> new Placed(live.institution(), live.until()));
    }

    @Override
    public String caseIdsSql() {
        return PlacementQueries.CASE_IDS;
    }
}
