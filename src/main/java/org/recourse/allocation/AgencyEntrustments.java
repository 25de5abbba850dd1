package org.recourse.allocation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.recourse.cases.CaseProfiles;
import org.recourse.compliance.Entrustments;
import org.recourse.registry.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcClient jdbc;

    AgencyEntrustments(PlacementQueries queries, CaseProfiles profiles, JdbcClient jdbc) {
        this.queries = queries;
        this.profiles = profiles;
        this.jdbc = jdbc;
    }

    /** By the placement's own moments: placed at or before {@code at}, not recalled by then (the latest such). */
    @Override
    @Transactional(readOnly = true)
    public Optional<Holding> heldAt(UUID institution, UUID caseId, Instant at) {
        return jdbc.sql("""
                select p.agency_id, p.id from allocation.placement p
                 where p.institution_id = :institution and p.account_id = :case and p.placed_at <= :at
                   and (p.recalled_at is null or p.recalled_at > :at)
                 order by p.placed_at desc limit 1
                """).param("institution", institution).param("case", caseId).param("at", PlacementStore.timestamp(at))
                .query((row, n) -> new Holding(row.getObject("agency_id", UUID.class), row.getObject("id", UUID.class)))
                .optional();
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
