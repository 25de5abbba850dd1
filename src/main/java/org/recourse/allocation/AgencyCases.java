package org.recourse.allocation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.PlacedCases;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cases placed with an agency, as the case list and case page ask for them (cases declares the question): the
 * whole agency's for its administrator, a collector's own (assigned now, or granted by the administrator) for a
 * collector.
 */
@Component
class AgencyCases implements PlacedCases {

    private final PlacementQueries queries;

    AgencyCases(PlacementQueries queries) {
        this.queries = queries;
    }

    @Override
    @Transactional(readOnly = true)
    public List<UUID> institutionsPlacingWith(UUID agency, @Nullable UUID collector) {
        return queries.institutionsPlacingWith(agency, collector);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Placed> placed(UUID agency, @Nullable UUID collector, UUID caseId) {
        return queries.live(agency, caseId).flatMap(live -> queries.readableUntil(agency, collector, live)
                .map(until -> new Placed(live.institution(), until)));
    }

    @Override
    public String caseIdsSql(boolean assignedOnly) {
        return assignedOnly ? PlacementQueries.ASSIGNED_CASE_IDS : PlacementQueries.CASE_IDS;
    }
}
