package org.recourse.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes assignments ({@code allocation.assignment}): the live placements an agency may assign, the
 * plan of a bulk assignment (one statement of window functions over the chosen cases and collectors), and its
 * writing (one statement ends the assignments that move, compare-and-set on their current collector; one inserts
 * the new ones, the partial unique index keeping one collector per placement whoever races).
 */
@Repository
class AssignmentStore {

    private final JdbcClient jdbc;

    AssignmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A live placement of the agency, with its collector now (null while unassigned). */
    record Candidate(UUID placement, UUID institution, UUID caseId, String accountRef, LocalDate until,
            @Nullable UUID collector) {
    }

    /** Which live placements of the agency a bulk assignment considers; nulls mean any. */
    record Selection(@Nullable UUID institution, @Nullable List<UUID> caseIds, boolean includeAssigned) {
    }

    /** The agency's live placements the selection names, by placement id; at most {@code limit}. */
    List<Candidate> candidates(UUID agency, Selection selection, int limit) {
        StringBuilder sql = new StringBuilder("""
                select p.id, p.institution_id, p.account_id, p.account_ref, p.placed_until, s.collector_id
                  from allocation.placement p
                  left join allocation.assignment s on s.placement_id = p.id and s.ended_at is null
                 where p.agency_id = :agency and p.recalled_at is null
                """);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("agency", agency);
        if (selection.institution() != null) {
            sql.append(" and p.institution_id = :institution");
            params.put("institution", selection.institution());
        }
        if (selection.caseIds() != null) {
            sql.append(" and p.account_id = any(:cases)");
            params.put("cases", selection.caseIds().toArray(UUID[]::new));
        } else if (!selection.includeAssigned()) {
            sql.append(" and s.id is null");
        }
        sql.append(" order by p.id limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((row, n) -> new Candidate(row.getObject("id", UUID.class),
                        row.getObject("institution_id", UUID.class), row.getObject("account_id", UUID.class),
                        row.getString("account_ref"), row.getObject("placed_until", LocalDate.class),
                        row.getObject("collector_id", UUID.class)))
                .list();
    }

    /** A chosen case as the plan weighs it. */
    record Chosen(Candidate candidate, UUID borrower, BigDecimal outstanding) {
    }

    /** A collector taking part, in the order named, with the percentage or capacity the mode needs (else null). */
    record Taker(UUID collector, @Nullable BigDecimal percent, @Nullable Integer capacity) {
    }

    /** One chosen case in the plan: its collector now and the one planned (null: none found room). */
    record Planned(UUID placement, UUID caseId, UUID borrower, BigDecimal outstanding, @Nullable UUID from,
            @Nullable UUID to) {

        boolean moves() {
            return from != null && to != null && !from.equals(to);
        }

        boolean isNew() {
            return from == null && to != null;
        }
    }

    /**
     * The plan: which collector each chosen case goes to, decided in one statement. The unit shared out is a case,
     * or with {@code sameBorrower} a borrower's chosen cases together; a borrower who already has a live case with
     * one of the agency's enabled collectors ({@code enabled}; outside the choice) is that collector's, whatever the
     * mode. The other units
     * are numbered in the mode's order (row_number) with the number of cases before each (a running sum), and each
     * collector gets an interval of those positions (COUNT, PERCENT, CAPACITY), every k-th unit (ROUND_ROBIN,
     * beginning with the least loaded), or the snake of the largest first (OUTSTANDING).
     */
    List<Planned> plan(UUID agency, AssignmentMode mode, boolean sameBorrower, List<Chosen> chosen,
            List<Taker> takers, List<UUID> enabled) {
        if (chosen.isEmpty()) {
            return List.of();
        }
        String order = mode == AssignmentMode.OUTSTANDING ? "weight desc, first_ref, unit_key" : "first_ref, unit_key";
        String sql = """
                with sel as (
                    select * from unnest(:placements, :cases, :institutions, :borrowers, :amounts, :refs, :current)
                        as s (placement_id, account_id, institution_id, borrower_id, outstanding, account_ref, current_id)
                ), col as (
                    select k.id, k.ord, coalesce(k.pct, 0) as pct, coalesce(k.cap, 0) as cap
                      from unnest(:collectors, :percents, :capacities) with ordinality as k (id, pct, cap, ord)
                ), kc as (
                    select count(*) as k from col
                ), held as (
                    -- What each collector holds now outside the choice.
                    select c.id, count(a.id) as held
                      from col c
                      left join allocation.assignment a on a.collector_id = c.id and a.agency_id = :agency
                           and a.ended_at is null
                           and not exists (select 1 from sel where sel.placement_id = a.placement_id)
                     group by c.id
                ), sticky as (
                    -- A borrower already with one of the agency's collectors (outside the choice) stays with them.
                    select a.institution_id, a.borrower_id, mode() within group (order by a.collector_id) as collector_id
                      from allocation.assignment a
                     where cast(:same as boolean) and a.agency_id = :agency and a.ended_at is null
                       and a.collector_id = any(:enabled)
                       and (a.institution_id, a.borrower_id) in (select institution_id, borrower_id from sel)
                       and not exists (select 1 from sel where sel.placement_id = a.placement_id)
                     group by a.institution_id, a.borrower_id
                ), unit_of as (
                    select s.*, case when cast(:same as boolean) then cast(s.institution_id as text) || '/'
                                     || cast(s.borrower_id as text) else cast(s.placement_id as text) end as unit_key
                      from sel s
                ), units as (
                    select u.unit_key, max(cast(st.collector_id as text)) as sticky_id, count(*) as n,
                           sum(u.outstanding) as weight, min(u.account_ref) as first_ref
                      from unit_of u
                      left join sticky st on st.institution_id = u.institution_id and st.borrower_id = u.borrower_id
                     group by u.unit_key
                ), free as (
                    select f.unit_key, f.n,
                           row_number() over (order by %1$s) - 1 as idx,
                           coalesce(sum(f.n) over (order by %1$s rows between unbounded preceding and 1 preceding), 0)
                               as start
                      from units f where f.sticky_id is null
                ), total as (
                    select cast(coalesce(sum(n), 0) as bigint) as n from free
                ), stuck as (
                    select cast(sticky_id as uuid) as id, sum(n) as n from units where sticky_id is not null group by 1
                ), room as (
                    select c.id, c.ord, c.pct,
                           greatest(c.cap - h.held - coalesce(st.n, 0), 0) as room,
                           row_number() over (order by h.held + coalesce(st.n, 0), c.ord) - 1 as rr
                      from col c join held h on h.id = c.id left join stuck st on st.id = c.id
                ), bounds as (
                    select r.id, r.ord, r.rr,
                           case cast(:mode as text)
                               when 'COUNT' then (r.ord - 1) * (t.n / kc.k) + least(r.ord - 1, t.n %% kc.k)
                               when 'PERCENT' then floor(coalesce(sum(r.pct) over (order by r.ord rows between
                                   unbounded preceding and 1 preceding), 0) * t.n / 100.0 + 0.5)
                               else sum(r.room) over (order by r.ord) - r.room
                           end as lo,
                           case cast(:mode as text)
                               when 'COUNT' then r.ord * (t.n / kc.k) + least(r.ord, t.n %% kc.k)
                               when 'PERCENT' then floor(sum(r.pct) over (order by r.ord) * t.n / 100.0 + 0.5)
                               else sum(r.room) over (order by r.ord)
                           end as hi
                      from room r cross join total t cross join kc
                ), planned as (
                    select f.unit_key, b.id as collector_id
                      from free f cross join kc
                      join bounds b on case cast(:mode as text)
                          when 'ROUND_ROBIN' then b.rr = f.idx %% kc.k
                          when 'OUTSTANDING' then b.ord - 1 = case when (f.idx / kc.k) %% 2 = 0 then f.idx %% kc.k
                                                                   else kc.k - 1 - f.idx %% kc.k end
                          when 'CAPACITY' then f.start >= b.lo and f.start + f.n <= b.hi
                          else f.start >= b.lo and f.start < b.hi
                      end
                    union all
                    select unit_key, cast(sticky_id as uuid) from units where sticky_id is not null
                )
                select u.placement_id, u.account_id, u.borrower_id, u.outstanding, u.current_id, p.collector_id
                  from unit_of u left join planned p on p.unit_key = u.unit_key
                 order by u.placement_id
                """.formatted(order);
        return jdbc.sql(sql)
                .param("agency", agency).param("same", sameBorrower).param("mode", mode.name())
                .param("enabled", enabled.toArray(UUID[]::new))
                .param("placements", chosen.stream().map(c -> c.candidate().placement()).toArray(UUID[]::new))
                .param("cases", chosen.stream().map(c -> c.candidate().caseId()).toArray(UUID[]::new))
                .param("institutions", chosen.stream().map(c -> c.candidate().institution()).toArray(UUID[]::new))
                .param("borrowers", chosen.stream().map(Chosen::borrower).toArray(UUID[]::new))
                .param("amounts", chosen.stream().map(Chosen::outstanding).toArray(BigDecimal[]::new))
                .param("refs", chosen.stream().map(c -> c.candidate().accountRef()).toArray(String[]::new))
                .param("current", chosen.stream().map(c -> c.candidate().collector()).toArray(UUID[]::new))
                .param("collectors", takers.stream().map(Taker::collector).toArray(UUID[]::new))
                .param("percents", takers.stream().map(Taker::percent).toArray(BigDecimal[]::new))
                .param("capacities", takers.stream().map(Taker::capacity).toArray(Integer[]::new))
                .query((row, n) -> new Planned(row.getObject("placement_id", UUID.class),
                        row.getObject("account_id", UUID.class), row.getObject("borrower_id", UUID.class),
                        row.getBigDecimal("outstanding"), row.getObject("current_id", UUID.class),
                        row.getObject("collector_id", UUID.class)))
                .list();
    }

    /** The open cases each collector holds with the agency now, leaving out the placements named. */
    Map<UUID, Long> heldOutside(UUID agency, List<UUID> collectors, List<UUID> placements) {
        Map<UUID, Long> held = new LinkedHashMap<>();
        if (collectors.isEmpty()) {
            return held;
        }
        jdbc.sql("""
                select a.collector_id, count(*) as held from allocation.assignment a
                 where a.agency_id = :agency and a.ended_at is null and a.collector_id = any(:collectors)
                   and not exists (select 1 from unnest(:placements) as e (id) where e.id = a.placement_id)
                 group by a.collector_id
                """).param("agency", agency).param("collectors", collectors.toArray(UUID[]::new))
                .param("placements", placements.toArray(UUID[]::new))
                .query(row -> {
                    held.put(row.getObject("collector_id", UUID.class), row.getLong("held"));
                });
        return held;
    }

    /** What writing a plan came to: the cases given a first collector, and those moved to another. */
    record Written(int assigned, int reassigned) {
    }

    /**
     * Writes the plan's changes (cases new to a collector, cases moving): ends the moving cases' assignments where
     * their collector is still the one planned from (compare-and-set, rows locked in placement order), then inserts
     * the new assignments of placements still live and without a collector, in placement order. A case changed by
     * another request meanwhile is skipped; the partial unique index makes two live assignments of one placement
     * impossible, whoever races.
     */
    Written write(UUID agency, List<Planned> changes, List<UUID> ids, @Nullable String reason, UUID by, Instant at) {
        List<Planned> moving = changes.stream().filter(Planned::moves).toList();
        List<UUID> ended = moving.isEmpty() ? List.of() : jdbc.sql("""
                with expected as (
                    select * from unnest(:placements, :collectors) as m (placement_id, collector_id)
                ), locked as (
                    select a.id from allocation.assignment a
                      join expected m on m.placement_id = a.placement_id and m.collector_id = a.collector_id
                     where a.ended_at is null and a.agency_id = :agency
                     order by a.placement_id
                       for update of a
                )
                update allocation.assignment a
                   set ended_at = :at, end_kind = 'REASSIGNED', ended_by = :by
                  from locked l
                 where a.id = l.id and a.ended_at is null
                returning a.placement_id
                """)
                .param("agency", agency).param("at", PlacementStore.timestamp(at)).param("by", by)
                .param("placements", moving.stream().map(Planned::placement).toArray(UUID[]::new))
                .param("collectors", moving.stream().map(Planned::from).toArray(UUID[]::new))
                .query(UUID.class).list();
        Set<UUID> endedSet = new HashSet<>(ended);
        List<Planned> inserting = new ArrayList<>();
        for (Planned planned : changes) {
            if (planned.isNew() || (planned.moves() && endedSet.contains(planned.placement()))) {
                inserting.add(planned);
            }
        }
        if (inserting.isEmpty()) {
            return new Written(0, 0);
        }
        List<UUID> newIds = ids.subList(0, inserting.size());
        List<Boolean> moved = jdbc.sql("""
                insert into allocation.assignment (id, placement_id, institution_id, account_id, agency_id,
                    borrower_id, collector_id, previous_collector_id, assigned_at, assigned_by, reason)
                select w.id, w.placement_id, p.institution_id, p.account_id, p.agency_id, w.borrower_id,
                       w.collector_id, w.previous_id, :at, :by, :reason
                  from unnest(:ids, :placements, :borrowers, :collectors, :previous)
                       as w (id, placement_id, borrower_id, collector_id, previous_id)
                  join allocation.placement p on p.id = w.placement_id and p.recalled_at is null
                       and p.agency_id = :agency
                 order by w.placement_id
                on conflict (placement_id) where ended_at is null do nothing
                returning previous_collector_id is not null as moved
                """)
                .param("agency", agency).param("at", PlacementStore.timestamp(at)).param("by", by)
                .param("reason", reason)
                .param("ids", newIds.toArray(UUID[]::new))
                .param("placements", inserting.stream().map(Planned::placement).toArray(UUID[]::new))
                .param("borrowers", inserting.stream().map(Planned::borrower).toArray(UUID[]::new))
                .param("collectors", inserting.stream().map(Planned::to).toArray(UUID[]::new))
                .param("previous", inserting.stream().map(Planned::from).toArray(UUID[]::new))
                .query(Boolean.class).list();
        int reassigned = (int) moved.stream().filter(Boolean::booleanValue).count();
        return new Written(moved.size() - reassigned, reassigned);
    }

    /** The live placement of the case with the agency and its collector now, for one case's assignment. */
    Optional<Candidate> candidate(UUID agency, UUID caseId) {
        List<Candidate> found = candidates(agency, new Selection(null, List.of(caseId), true), 1);
        return found.stream().findFirst();
    }
}
