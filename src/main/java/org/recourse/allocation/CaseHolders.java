package org.recourse.allocation;

import org.springframework.stereotype.Component;

/**
 * Who holds an institution's cases now, as SQL for other modules' set-based statements (the nightly contact plan
 * gives each task to the case's holder; the task lists narrow an agency's people to the cases it holds now): a case
 * placed with an agency, not recalled and within its last day, and the collector it is assigned to, if any.
 */
@Component
public class CaseHolders {

    /**
     * SQL selecting the institution's cases placed on a day: {@code account_id, agency_id, collector_id} (null while
     * unassigned). Named parameters {@code institution} and {@code today} (a date, the institution's calendar).
     */
    public String placedSql() {
        return """
                select p.account_id, p.agency_id, s.collector_id
                  from allocation.placement p
                  left join allocation.assignment s on s.placement_id = p.id and s.ended_at is null
                 where p.institution_id = :institution and p.recalled_at is null
                   and p.placed_until >= cast(:today as date)
                """;
    }

    /**
     * SQL selecting the cases placed with an agency on a day, of every institution: {@code institution_id,
     * account_id}; when {@code assignedOnly}, only those assigned to the collector now or granted to them by the
     * agency's administrator (not revoked, the grant's last day not passed). Named parameters {@code agency},
     * {@code today} and, when {@code assignedOnly}, {@code collector}.
     */
    public String heldByAgencySql(boolean assignedOnly) {
        return assignedOnly ? """
                select s.institution_id, s.account_id from allocation.assignment s
                  join allocation.placement p on p.id = s.placement_id
                 where s.collector_id = :collector and s.ended_at is null and p.agency_id = :agency
                   and p.recalled_at is null and p.placed_until >= cast(:today as date)
                union all
                select gc.institution_id, gc.account_id from allocation.collector_grant g
                  join allocation.collector_grant_case gc on gc.grant_id = g.id
                  join allocation.placement p on p.id = gc.placement_id
                 where g.collector_id = :collector and g.agency_id = :agency and g.revoked_at is null
                   and (g.until is null or g.until >= cast(:today as date))
                   and p.recalled_at is null and p.placed_until >= cast(:today as date)
                """ : """
                select p.institution_id, p.account_id from allocation.placement p
                 where p.agency_id = :agency and p.recalled_at is null and p.placed_until >= cast(:today as date)
                """;
    }
}
