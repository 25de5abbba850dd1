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
import org.recourse.shared.TimeOrderedIds;
import org.recourse.shared.db.TransactionLocks;
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
    private final TimeOrderedIds ids = new TimeOrderedIds();

    AssignmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The advisory lock key of an agency's assigning ({@link NightStore#lockAssigning}). */
    static final String ASSIGNING_LOCK = "allocation.assigning/";

    /**
     * The agency's assigning lock, shared, until commit: a request waits while a night that placed with the agency
     * has not assigned its placements yet (the night's insert has no conflict check per row).
     */
    void lockAssigningShared(UUID agency) {
        TransactionLocks.shared(jdbc, ASSIGNING_LOCK + agency);
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

    /** The chosen cases of a request, sent as arrays: the {@code sel} of the plan. */
    private static final String GIVEN = """
                select * from unnest(:placements, :cases, :institutions, :borrowers, :amounts, :refs, :current)
                    as s (placement_id, account_id, institution_id, borrower_id, outstanding, account_ref, current_id)
            """;

    /**
     * The planning common to a request and the night, after {@code sel} (the chosen cases: placement_id, account_id,
     * institution_id, borrower_id, outstanding, account_ref, current_id): CTEs ending with {@code unit_of} (each
     * case's unit) and {@code planned} (each unit's collector). Parameters: agency, same, mode (an
     * {@link AssignmentMode} or NONE: only borrowers' and previous collectors), enabled, collectors, percents,
     * capacities, keep (keep-previous) and keepCap (a collector's most open cases for keep-previous; null: no limit).
     */
    private static String plan(@Nullable AssignmentMode mode) {
        String order = mode == AssignmentMode.OUTSTANDING ? "weight desc, first_ref, unit_key" : "first_ref, unit_key";
        return """
                col as (
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
                ), prior as (
                    -- Keep-previous: the collector who last held the case with the agency (an earlier placement),
                    -- if they take part (enabled).
                    select x.placement_id, x.collector_id
                      from (select distinct on (s.placement_id) s.placement_id, a.collector_id
                              from sel s
                              join allocation.assignment a on a.institution_id = s.institution_id
                                   and a.account_id = s.account_id and a.agency_id = :agency
                                   and a.placement_id <> s.placement_id
                             where cast(:keep as boolean)
                             order by s.placement_id, a.assigned_at desc, a.id desc) x
                     where x.collector_id in (select id from col)
                ), unit_of as (
                    select s.*, case when cast(:same as boolean) then cast(s.institution_id as text) || '/'
                                     || cast(s.borrower_id as text) else cast(s.placement_id as text) end as unit_key
                      from sel s
                ), units as (
                    select u.unit_key, max(cast(st.collector_id as text)) as sticky_id,
                           max(cast(pr.collector_id as text)) as prior_id, count(*) as n,
                           sum(u.outstanding) as weight, min(u.account_ref) as first_ref
                      from unit_of u
                      left join sticky st on st.institution_id = u.institution_id and st.borrower_id = u.borrower_id
                      left join prior pr on pr.placement_id = u.placement_id
                     group by u.unit_key
                ), kept as (
                    -- Units going back to their previous collector, while that collector has room: what they hold,
                    -- the borrowers' units stuck to them and the kept units before this one (by account reference).
                    select k.unit_key, k.prior_id
                      from (select u.unit_key, u.prior_id,
                                   sum(u.n) over (partition by u.prior_id order by u.first_ref, u.unit_key) as upto
                              from units u where u.sticky_id is null and u.prior_id is not null) k
                      join held h on h.id = cast(k.prior_id as uuid)
                      left join (select sticky_id, sum(n) as n from units where sticky_id is not null
                                  group by sticky_id) sn on sn.sticky_id = k.prior_id
                     where cast(:keepCap as integer) is null
                        or k.upto + h.held + coalesce(sn.n, 0) <= cast(:keepCap as integer)
                ), fixed as (
                    select u.unit_key, u.n, u.weight, u.first_ref, coalesce(u.sticky_id, kp.prior_id) as fixed_id
                      from units u left join kept kp on kp.unit_key = u.unit_key
                ), free as (
                    select f.unit_key, f.n,
                           row_number() over (order by %1$s) - 1 as idx,
                           coalesce(sum(f.n) over (order by %1$s rows between unbounded preceding and 1 preceding), 0)
                               as start
                      from fixed f where f.fixed_id is null
                ), total as (
                    select cast(coalesce(sum(n), 0) as bigint) as n from free
                ), stuck as (
                    select cast(fixed_id as uuid) as id, sum(n) as n from fixed where fixed_id is not null group by 1
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
                ), los as (
                    -- The intervals' starts in collector order: a unit's interval is found by binary search
                    -- (width_bucket: the last start at or below the unit's), then joined by equality.
                    select array_agg(cast(lo as numeric) order by ord) as los from bounds
                ), planned as (
                    select f.unit_key, b.id as collector_id
                      from free f cross join kc cross join los
                      join bounds b on (case when cast(:mode as text) = 'ROUND_ROBIN' then b.rr else b.ord - 1 end)
                          = case cast(:mode as text)
                                when 'NONE' then -1
                                when 'ROUND_ROBIN' then f.idx %% kc.k
                                when 'OUTSTANDING' then case when (f.idx / kc.k) %% 2 = 0 then f.idx %% kc.k
                                                             else kc.k - 1 - f.idx %% kc.k end
                                else width_bucket(cast(f.start as numeric), los.los) - 1
                            end
                     where case cast(:mode as text)
                               when 'CAPACITY' then f.start >= b.lo and f.start + f.n <= b.hi
                               when 'COUNT' then f.start >= b.lo and f.start < b.hi
                               when 'PERCENT' then f.start >= b.lo and f.start < b.hi
                               else true
                           end
                    union all
                    select unit_key, cast(fixed_id as uuid) from fixed where fixed_id is not null
                )
                """.formatted(order);
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
        String sql = "with sel as (\n" + GIVEN + "\n), " + plan(mode) + """
                select u.placement_id, u.account_id, u.borrower_id, u.outstanding, u.current_id, p.collector_id
                  from unit_of u left join planned p on p.unit_key = u.unit_key
                 order by u.placement_id
                """;
        return jdbc.sql(sql)
                .param("agency", agency).param("same", sameBorrower).param("mode", mode.name())
                .param("enabled", enabled.toArray(UUID[]::new)).param("keep", false).param("keepCap", null)
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

    /** An agency that assigns tonight: its standing rule and its enabled collectors, in order. */
    record NightAgency(UUID agency, StandingRule rule, List<UUID> collectors) {
    }

    /**
     * Gives the night's placements waiting for their assignment ({@code allocation.night_placement}, see
     * {@link NightStore#placeDealt}) to the agencies' collectors by each agency's standing rule, the agencies given
     * in one statement: the plan of a request ({@link #plan}) partitioned by agency — every window, join and sum
     * below is per agency, so an agency's cases, collectors and counts never mix with another's — written straight
     * from it (first assignments, by the platform). Agencies without a collector or a rule that assigns are left out.
     * No request assigns the agencies' cases meanwhile (the night holds their assigning locks), so the insert has no
     * conflict check per row; with {@code resumed} (a rerun of a night cut off) the placements assigned already are
     * left out — an agency's are all assigned or none, each agency being assigned in one transaction. What a
     * collector holds, a borrower's collector and a case's previous collector are read from the assignments there
     * were before. Answers the number assigned by agency.
     */
    Map<UUID, Long> assignNight(UUID institution, LocalDate date, List<NightAgency> agencies, boolean resumed,
            Instant at) {
        List<NightAgency> taking = agencies.stream()
                .filter(a -> !a.collectors().isEmpty() && a.rule().assignsAny()).toList();
        Map<UUID, Long> assigned = new LinkedHashMap<>();
        if (taking.isEmpty()) {
            return assigned;
        }
        List<UUID> colAgencies = new ArrayList<>();
        List<UUID> colIds = new ArrayList<>();
        List<Integer> colOrds = new ArrayList<>();
        List<Integer> colCaps = new ArrayList<>();
        for (NightAgency agency : taking) {
            int ord = 0;
            for (UUID collector : agency.collectors()) {
                colAgencies.add(agency.agency());
                colIds.add(collector);
                colOrds.add(++ord);
                colCaps.add(agency.rule().maxOpenPerCollector());
            }
        }
        String sql = """
                with r as (
                    select * from unnest(:agencies, :modes, :sames, :keeps, :keepCaps)
                        as r (agency_id, mode, same, keep, keep_cap)
                ), col as (
                    select k.agency_id, k.id, k.ord, coalesce(k.cap, 0) as cap
                      from unnest(:colAgencies, :colIds, :colOrds, :colCaps) as k (agency_id, id, ord, cap)
                ), kc as (
                    select agency_id, count(*) as k from col group by agency_id
                ), sel as (
                    select w.placement_id, w.case_id as account_id, w.agency_id, w.borrower_id, w.outstanding,
                           w.account_ref, r.same, r.keep
                      from allocation.night_placement w join r on r.agency_id = w.agency_id
                     where w.institution_id = :institution and w.business_date = :date %s
                ), held as (
                    -- What each collector holds now (tonight's placements have no assignment yet): the live
                    -- assignments counted by collector, then joined to the collectors (joined first, the 700,000
                    -- rows were sorted for the count: 0.53 → 0.11 s).
                    select c.agency_id, c.id, coalesce(n.held, 0) as held
                      from col c
                      left join (select a.agency_id, a.collector_id, count(*) as held
                                   from allocation.assignment a where a.ended_at is null
                                  group by a.agency_id, a.collector_id) n
                             on n.agency_id = c.agency_id and n.collector_id = c.id
                ), sticky as (
                    -- A borrower already with one of the agency's enabled collectors stays with them.
                    select s.agency_id, s.borrower_id, mode() within group (order by a.collector_id) as collector_id
                      from (select distinct agency_id, borrower_id from sel where same) s
                      join allocation.assignment a on a.institution_id = :institution and a.agency_id = s.agency_id
                           and a.borrower_id = s.borrower_id and a.ended_at is null
                      join col c on c.agency_id = a.agency_id and c.id = a.collector_id
                     group by s.agency_id, s.borrower_id
                ), prior as (
                    -- Keep-previous: the collector who last held the case with the agency, if enabled. From the
                    -- analysed table of the night's placements rather than sel, whose columns have no statistics:
                    -- the planner then hashes the night's cases and not every assignment (0.33 → 0.13 s).
                    select x.placement_id, x.collector_id
                      from (select distinct on (s.placement_id) s.placement_id, s.agency_id, a.collector_id
                              from allocation.night_placement s
                              join r on r.agency_id = s.agency_id and r.keep
                                   and s.institution_id = :institution and s.business_date = :date
                              join allocation.assignment a on a.institution_id = :institution
                                   and a.account_id = s.case_id and a.agency_id = s.agency_id
                                   and a.placement_id <> s.placement_id
                             order by s.placement_id, a.assigned_at desc, a.id desc) x
                      join col c on c.agency_id = x.agency_id and c.id = x.collector_id
                ), unit_of as (
                    select s.*, case when s.same then s.borrower_id else s.placement_id end as unit_key from sel s
                ), units as (
                    select u.agency_id, u.unit_key, max(cast(st.collector_id as text)) as sticky_id,
                           max(cast(pr.collector_id as text)) as prior_id, count(*) as n,
                           min(u.account_ref) as first_ref
                      from unit_of u
                      left join sticky st on st.agency_id = u.agency_id and st.borrower_id = u.borrower_id
                      left join prior pr on pr.placement_id = u.placement_id
                     group by u.agency_id, u.unit_key
                ), kept as (
                    -- Units going back to their previous collector while that collector has room.
                    select k.agency_id, k.unit_key, k.prior_id
                      from (select u.agency_id, u.unit_key, u.prior_id,
                                   sum(u.n) over (partition by u.agency_id, u.prior_id
                                                  order by u.first_ref, u.unit_key) as upto
                              from units u where u.sticky_id is null and u.prior_id is not null) k
                      join r on r.agency_id = k.agency_id
                      join held h on h.agency_id = k.agency_id and h.id = cast(k.prior_id as uuid)
                      left join (select agency_id, sticky_id, sum(n) as n from units where sticky_id is not null
                                  group by agency_id, sticky_id) sn
                             on sn.agency_id = k.agency_id and sn.sticky_id = k.prior_id
                     where r.keep_cap is null or k.upto + h.held + coalesce(sn.n, 0) <= r.keep_cap
                ), fixed as (
                    select u.agency_id, u.unit_key, u.n, u.first_ref, coalesce(u.sticky_id, kp.prior_id) as fixed_id
                      from units u left join kept kp on kp.agency_id = u.agency_id and kp.unit_key = u.unit_key
                ), free as (
                    select f.agency_id, f.unit_key, f.n,
                           row_number() over w - 1 as idx,
                           coalesce(sum(f.n) over (w rows between unbounded preceding and 1 preceding), 0) as start
                      from fixed f
                     where f.fixed_id is null
                    window w as (partition by f.agency_id order by f.first_ref, f.unit_key)
                ), stuck as (
                    select agency_id, cast(fixed_id as uuid) as id, sum(n) as n from fixed where fixed_id is not null
                     group by agency_id, fixed_id
                ), room as (
                    select c.agency_id, c.id, c.ord, greatest(c.cap - h.held - coalesce(st.n, 0), 0) as room,
                           row_number() over (partition by c.agency_id order by h.held + coalesce(st.n, 0), c.ord) - 1
                               as rr
                      from col c
                      join held h on h.agency_id = c.agency_id and h.id = c.id
                      left join stuck st on st.agency_id = c.agency_id and st.id = c.id
                ), bounds as (
                    -- Each collector's slot: its place in collector order (CAPACITY: its interval of positions) or
                    -- in the round (ROUND_ROBIN, least loaded first).
                    select b.agency_id, b.id, case r.mode when 'CAPACITY' then b.ord else b.rr end as slot,
                           sum(b.room) over (partition by b.agency_id order by b.ord) - b.room as lo,
                           sum(b.room) over (partition by b.agency_id order by b.ord) as hi
                      from room b join r on r.agency_id = b.agency_id
                ), los as (
                    -- Each agency's intervals' starts in collector order: a unit's interval is found by binary
                    -- search (width_bucket: the last start at or below the unit's), then joined by equality.
                    select agency_id, array_agg(cast(lo as numeric) order by slot) as los from bounds
                     group by agency_id
                ), slotted as materialized (
                    -- Each free unit's slot, computed once here so that the join below is on two plain columns.
                    select f.agency_id, f.unit_key, f.n, f.start, r.mode,
                           case r.mode when 'CAPACITY' then width_bucket(cast(f.start as numeric), l.los)
                                       when 'ROUND_ROBIN' then f.idx %% kc.k end as slot
                      from free f
                      join r on r.agency_id = f.agency_id
                      join los l on l.agency_id = f.agency_id
                      join kc on kc.agency_id = f.agency_id
                ), planned as (
                    select s.agency_id, s.unit_key, b.id as collector_id
                      from slotted s
                      join bounds b on b.agency_id = s.agency_id and b.slot = s.slot
                     where s.mode <> 'CAPACITY' or (s.start >= b.lo and s.start + s.n <= b.hi)
                    union all
                    select agency_id, unit_key, cast(fixed_id as uuid) from fixed where fixed_id is not null
                ), inserted as (
                    insert into allocation.assignment (id, placement_id, institution_id, account_id, agency_id,
                        borrower_id, collector_id, previous_collector_id, assigned_at, assigned_by, reason)
                    select %s, x.placement_id, :institution, x.account_id, x.agency_id, x.borrower_id,
                           x.collector_id, null, :at, null, null
                      from (select u.placement_id, u.account_id, u.agency_id, u.borrower_id, p.collector_id,
                                   row_number() over (order by u.placement_id) as seq
                              from unit_of u join planned p on p.agency_id = u.agency_id and p.unit_key = u.unit_key) x
                     order by x.placement_id
                    returning agency_id
                )
                select agency_id, count(*) as n from inserted group by agency_id
                """.formatted(resumed ? "and " + NightStore.NOT_ASSIGNED : "", ids.sqlSequence(at.toEpochMilli(), "x.seq"));
        // The plan joins CTEs to CTEs, whose sizes the planner cannot know: left to itself it nests loops over tens
        // of thousands of rows on each side, or sorts both sides of a merge join it thinks has ten rows. Hash joins
        // throughout, for this statement only.
        jdbc.sql("set local enable_nestloop = off").update();
        jdbc.sql("set local enable_mergejoin = off").update();
        jdbc.sql(sql)
                .param("institution", institution).param("date", date)
                .param("agencies", taking.stream().map(NightAgency::agency).toArray(UUID[]::new))
                .param("modes", taking.stream().map(a -> a.rule().mode() == null ? "NONE" : a.rule().mode().name())
                        .toArray(String[]::new))
                .param("sames", taking.stream().map(a -> a.rule().sameBorrower()).toArray(Boolean[]::new))
                .param("keeps", taking.stream().map(a -> a.rule().keepPrevious()).toArray(Boolean[]::new))
                .param("keepCaps", taking.stream().map(a -> a.rule().maxOpenPerCollector()).toArray(Integer[]::new))
                .param("colAgencies", colAgencies.toArray(UUID[]::new))
                .param("colIds", colIds.toArray(UUID[]::new))
                .param("colOrds", colOrds.toArray(Integer[]::new))
                .param("colCaps", colCaps.toArray(Integer[]::new))
                .param("at", PlacementStore.timestamp(at))
                .query(row -> {
                    assigned.put(row.getObject("agency_id", UUID.class), row.getLong("n"));
                });
        jdbc.sql("set local enable_nestloop = on").update();
        jdbc.sql("set local enable_mergejoin = on").update();
        return assigned;
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
