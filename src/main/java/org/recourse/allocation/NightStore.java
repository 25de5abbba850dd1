package org.recourse.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.daily.NightParts;
import org.recourse.shared.TimeOrderedIds;
import org.recourse.shared.db.BulkMemory;
import org.recourse.shared.db.TransactionLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the nightly placement (V18): the institutions' rules and the agencies' standing rules, the night's due
 * cases in a temporary table ({@code allocation_due}, dropped at commit), the placing of dealt intervals in one
 * statement, and the record of each finished night.
 */
@Repository
class NightStore {

    private final JdbcClient jdbc;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    NightStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises the night of one institution (two runs of one date: the second finds the night done). */
    void lockInstitution(UUID institution) {
        TransactionLocks.exclusive(jdbc, "allocation.night/" + institution);
    }

    /**
     * The institution's placing lock, exclusive, until the night's coordinating transaction ends: no request places
     * or recalls a case of the institution from the night's read of what is live to its last assignment
     * ({@link PlacementStore#lockPlacingShared}).
     */
    void lockPlacing(UUID institution) {
        TransactionLocks.exclusive(jdbc, PlacementStore.PLACING_LOCK + institution);
    }

    /**
     * The assigning locks of the agencies the night may place with, exclusive, in id order, until the night's
     * coordinating transaction ends: no request assigns one of their cases while the night's placements wait for
     * theirs ({@link AssignmentStore#lockAssigningShared}).
     */
    void lockAssigning(List<UUID> agencies) {
        agencies.stream().distinct().sorted()
                .forEach(agency -> TransactionLocks.exclusive(jdbc, AssignmentStore.ASSIGNING_LOCK + agency));
    }

    /** A part of the night's assignment: its transaction beside the other parts, its sorts and hashes in memory. */
    void assigningPart(NightParts.Part part) {
        part.forThisTransaction(jdbc);
        bulkMemory();
    }

    /** The night's sorts and hashes, over all of an institution's due cases, in memory ({@link BulkMemory}). */
    void bulkMemory() {
        BulkMemory.forThisTransaction(jdbc);
    }

    /** The night of the date finished: placed and every agency assigned. */
    boolean done(UUID institution, LocalDate date) {
        return jdbc.sql("""
                select count(*) from allocation.placement_night
                 where institution_id = :i and business_date = :d and finished_at is not null
                """).param("i", institution).param("d", date).query(Long.class).single() > 0;
    }

    /** A night whose placements are committed (finished or not): what it placed, and what it assigned so far. */
    record Placed(PlacementRule rule, long due, long placed, long assigned) {
    }

    Optional<Placed> placed(UUID institution, LocalDate date) {
        return jdbc.sql("""
                select rule, due, placed, assigned from allocation.placement_night
                 where institution_id = :i and business_date = :d
                """).param("i", institution).param("d", date)
                .query((row, n) -> new Placed(PlacementRule.valueOf(row.getString("rule")), row.getLong("due"),
                        row.getLong("placed"), row.getLong("assigned")))
                .optional();
    }

    /** Written in the transaction that placed: the night's placements are committed, their assignment to come. */
    void recordPlaced(UUID institution, LocalDate date, PlacementRule rule, long due, long placed) {
        jdbc.sql("""
                insert into allocation.placement_night (institution_id, business_date, rule, due, placed, unplaced,
                    assigned, finished_at)
                values (:i, :d, :rule, :due, :placed, :unplaced, 0, null)
                """).param("i", institution).param("d", date).param("rule", rule.name()).param("due", due)
                .param("placed", placed).param("unplaced", due - placed).update();
    }

    /** In the transaction of a part of the assignment, last (the row stays locked until that part commits). */
    void raiseAssigned(UUID institution, LocalDate date, long assigned) {
        jdbc.sql("""
                update allocation.placement_night set assigned = assigned + :n
                 where institution_id = :i and business_date = :d
                """).param("i", institution).param("d", date).param("n", assigned).update();
    }

    /** Every agency assigned: the night is finished and its waiting placements are let go. */
    void finish(UUID institution, LocalDate date, Instant at) {
        jdbc.sql("""
                update allocation.placement_night set finished_at = :at
                 where institution_id = :i and business_date = :d
                """).param("i", institution).param("d", date).param("at", PlacementStore.timestamp(at)).update();
        jdbc.sql("delete from allocation.night_placement where institution_id = :i and business_date = :d")
                .param("i", institution).param("d", date).update();
    }

    /**
     * The night's placements waiting for an assignment, counted by agency; with {@code resumed} (a rerun of a night
     * cut off), those of an agency assigned already are left out.
     */
    Map<UUID, Long> waitingByAgency(UUID institution, LocalDate date, boolean resumed) {
        Map<UUID, Long> waiting = new HashMap<>();
        jdbc.sql("""
                select w.agency_id, count(*) as n from allocation.night_placement w
                 where w.institution_id = :i and w.business_date = :d %s
                 group by w.agency_id
                """.formatted(resumed ? "and " + NOT_ASSIGNED : ""))
                .param("i", institution).param("d", date)
                .query(row -> {
                    waiting.put(row.getObject("agency_id", UUID.class), row.getLong("n"));
                });
        return waiting;
    }

    /** A waiting placement ({@code w}) has no live assignment: a part of a night cut off gave it one already. */
    static final String NOT_ASSIGNED = """
            not exists (select 1 from allocation.assignment a where a.placement_id = w.placement_id
                                                              and a.ended_at is null)
            """;

    /** A finished night: what was due, placed, left unplaced and assigned. */
    record Night(LocalDate date, PlacementRule rule, long due, long placed, long unplaced, long assigned) {
    }

    List<Night> nights(UUID institution, int limit) {
        return jdbc.sql("""
                select business_date, rule, due, placed, unplaced, assigned from allocation.placement_night
                 where institution_id = :i order by business_date desc limit :limit
                """).param("i", institution).param("limit", limit)
                .query((row, n) -> new Night(row.getObject("business_date", LocalDate.class),
                        PlacementRule.valueOf(row.getString("rule")), row.getLong("due"), row.getLong("placed"),
                        row.getLong("unplaced"), row.getLong("assigned")))
                .list();
    }

    PlacementRule ruleOf(UUID institution) {
        return jdbc.sql("select rule from allocation.placement_rule where institution_id = :i").param("i", institution)
                .query(String.class).optional().map(PlacementRule::valueOf).orElse(PlacementRule.ROUND_ROBIN);
    }

    void setRule(UUID institution, PlacementRule rule, UUID by, Instant at) {
        jdbc.sql("""
                insert into allocation.placement_rule (institution_id, rule, changed_by, changed_at)
                values (:i, :rule, :by, :at)
                on conflict (institution_id) do update set rule = excluded.rule, changed_by = excluded.changed_by,
                    changed_at = excluded.changed_at
                """).param("i", institution).param("rule", rule.name()).param("by", by)
                .param("at", PlacementStore.timestamp(at)).update();
    }

    StandingRule standingOf(UUID agency) {
        return jdbc.sql("""
                select mode, same_borrower, keep_previous, max_open_per_collector from allocation.standing_rule
                 where agency_id = :a
                """).param("a", agency)
                .query((row, n) -> {
                    String mode = row.getString("mode");
                    int max = row.getInt("max_open_per_collector");
                    return new StandingRule(mode == null ? null : AssignmentMode.valueOf(mode),
                            row.getBoolean("same_borrower"), row.getBoolean("keep_previous"),
                            row.wasNull() ? null : max);
                })
                .optional().orElse(StandingRule.NONE);
    }

    void setStanding(UUID agency, StandingRule rule, UUID by, Instant at) {
        jdbc.sql("""
                insert into allocation.standing_rule (agency_id, mode, same_borrower, keep_previous,
                    max_open_per_collector, changed_by, changed_at)
                values (:a, :mode, :same, :keep, :max, :by, :at)
                on conflict (agency_id) do update set mode = excluded.mode, same_borrower = excluded.same_borrower,
                    keep_previous = excluded.keep_previous, max_open_per_collector = excluded.max_open_per_collector,
                    changed_by = excluded.changed_by, changed_at = excluded.changed_at
                """).param("a", agency).param("mode", rule.mode() == null ? null : rule.mode().name())
                .param("same", rule.sameBorrower()).param("keep", rule.keepPrevious())
                .param("max", rule.maxOpenPerCollector()).param("by", by).param("at", PlacementStore.timestamp(at))
                .update();
    }

    /**
     * Fills {@code allocation_due}: the institution's open cases with a {@code PLACE_WITH_AGENCY} step due on the
     * date ({@code dueStepsSql}: that action's due steps, parameters institution and date) that are not placed now,
     * with what placing needs ({@code casesSql}, parameters institution and today); it goes at commit. Answers the
     * number due. The caller holds the institution's placing lock ({@link #lockPlacing}).
     */
    long fillDue(UUID institution, LocalDate date, String casesSql, String dueStepsSql) {
        // The due steps first, on their own and analysed: the planner cannot estimate the view's computed due day
        // (it guessed 2,000 rows for 700,000 and read the cases one by one through their keys, 18 s a million);
        // with the true number it joins the cases by hash, or looks up the few due.
        jdbc.sql("create temporary table allocation_due_case (case_id uuid not null) on commit drop").update();
        // The cases placed now are left out here, before the analyse, so that the cases' read below is planned on
        // the true number (with the anti-join there, a third was expected and the case states probed one by one).
        jdbc.sql("""
                insert into allocation_due_case (case_id)
                select distinct d.case_id from (%s) d
                 where not exists (select 1 from allocation.placement p where p.institution_id = :institution
                                      and p.account_id = d.case_id and p.recalled_at is null)
                """.formatted(dueStepsSql))
                .param("institution", institution).param("date", date).update();
        jdbc.sql("analyze allocation_due_case").update();
        // Product, province and bucket in the C collation: the placing groups and joins by them, and in C a
        // comparison is a comparison of bytes instead of a call to the C library's strcoll; equal is equal either way.
        jdbc.sql("""
                create temporary table allocation_due (case_id uuid not null, account_ref text collate "C" not null,
                    borrower_id uuid not null, product text collate "C" not null, province text collate "C" not null,
                    bucket text collate "C" not null, outstanding numeric(19,4) not null) on commit drop
                """).update();
        jdbc.sql("""
                insert into allocation_due (case_id, account_ref, borrower_id, product, province, bucket, outstanding)
                select k.case_id, k.account_ref, k.borrower_id, k.product, coalesce(k.province, '') as province,
                       k.bucket, k.outstanding
                  from (%s) k
                  join allocation_due_case x on x.case_id = k.case_id
                 where k.open
                """.formatted(casesSql))
                .param("institution", institution).param("today", date).update();
        jdbc.sql("analyze allocation_due").update();
        return jdbc.sql("select count(*) from allocation_due").query(Long.class).single();
    }

    /** The night's due cases by product, province (null: none given) and bucket, with their number. */
    record DueGroup(String product, @Nullable String province, String bucket, long cases) {
    }

    List<DueGroup> dueGroups() {
        return jdbc.sql("""
                select product, province, bucket, count(*) as n from allocation_due group by product, province, bucket
                """)
                .query((row, n) -> {
                    String province = row.getString("province");
                    return new DueGroup(row.getString("product"), province.isEmpty() ? null : province,
                            row.getString("bucket"), row.getLong("n"));
                })
                .list();
    }

    /** Placements open now under each of the contracts (counted after their locks are taken). */
    Map<UUID, Long> openUnder(List<UUID> contracts) {
        Map<UUID, Long> open = new HashMap<>();
        jdbc.sql("""
                select contract_id, count(*) as n from allocation.placement
                 where contract_id = any(:contracts) and recalled_at is null group by contract_id
                """).param("contracts", contracts.toArray(UUID[]::new))
                .query(row -> {
                    open.put(row.getObject("contract_id", UUID.class), row.getLong("n"));
                });
        return open;
    }

    /** An interval of one group's cases (numbered by account reference from 1) for one contract. */
    record Interval(String product, @Nullable String province, String bucket, UUID contract, UUID agency,
            LocalDate until, long lo, long hi) {
    }

    /**
     * Places the intervals in one statement: each group's due cases numbered by account reference (row_number), the
     * numbers in an interval placed under its contract, with their notices, inserted in case order. No conflict
     * check per row (a speculative insert per case cost half the insert): no case of {@code allocation_due} was live
     * when it was read, and the placing lock taken then keeps everyone else from placing one since; the unique index
     * still stands behind that, so a mistake here fails the night instead of placing a case twice. The
     * placements are written to {@code allocation.night_placement} too (with borrower, amount and reference), where
     * they wait for the assignment.
     * Answers the number placed under each contract.
     */
    Map<UUID, Long> placeDealt(UUID institution, LocalDate date, List<Interval> intervals, Instant at) {
        Map<UUID, Long> placed = new HashMap<>();
        if (intervals.isEmpty()) {
            return placed;
        }
        List<Interval> list = new ArrayList<>(intervals);
        jdbc.sql("""
                with q as (
                    select q.product collate "C" as product, q.province collate "C" as province,
                           q.bucket collate "C" as bucket, q.contract_id, q.agency_id, q.until, q.lo, q.hi,
                           row_number() over (partition by q.product, q.province, q.bucket order by q.lo) as k
                      from unnest(:products, :provinces, :buckets, :contracts, :agencies, :untils, :los, :his)
                        as q (product, province, bucket, contract_id, agency_id, until, lo, hi)
                ), g as (
                    -- Each group's intervals' starts, in order: a case's interval is found by binary search
                    -- (width_bucket: the last start below its number) and joined by equality, not by a range.
                    -- gno: the group as one integer, so that the numbering's sort compares an integer and the
                    -- reference instead of three strings that are equal within a group (4 µs a row before).
                    select product, province, bucket, array_agg(lo order by lo) as los, row_number() over () as gno
                      from q group by product, province, bucket
                ), numbered as materialized (
                    -- Each case's number in its group and the interval it falls in (k), computed here so that the
                    -- join to the intervals below is on plain columns. A group no contract covers is not numbered
                    -- (it has no interval); the others are numbered whole, as the dealing counted them.
                    select n.case_id, n.account_ref, n.product, n.province, n.bucket, n.outstanding, n.rn,
                           width_bucket(n.rn - 1, g.los) as k
                      from (select d.case_id, d.account_ref, d.product, d.province, d.bucket, d.outstanding, g.gno,
                                   row_number() over (partition by g.gno order by d.account_ref, d.case_id) as rn
                              from allocation_due d
                              join g on g.product = d.product and g.province = d.province
                                    and g.bucket = d.bucket) n
                      join g on g.gno = n.gno
                ), chosen as (
                    select n.case_id, n.account_ref, n.outstanding, q.contract_id, q.agency_id,
                           cast(q.until as date) as until, row_number() over (order by n.case_id) as seq
                      from numbered n
                      join q on q.product = n.product and q.province = n.province and q.bucket = n.bucket
                            and q.k = n.k
                     where n.rn <= q.hi
                ), placed as (
                    insert into allocation.placement (id, institution_id, account_id, account_ref, agency_id,
                        contract_id, placed_at, placed_by, placed_until, placed_outstanding)
                    select %s, :institution, c.case_id, c.account_ref, c.agency_id, c.contract_id, :at, null,
                           c.until, c.outstanding
                      from chosen c order by c.case_id
                    returning id, account_id, agency_id, contract_id, placed_outstanding, account_ref
                ), notices as (
                    insert into allocation.entrustment_notice (placement_id, institution_id, account_id, agency_id,
                        status, created_at)
                    select p.id, :institution, p.account_id, p.agency_id, 'PENDING', :at from placed p
                ), waiting as (
                    insert into allocation.night_placement (institution_id, business_date, placement_id, case_id,
                        agency_id, borrower_id, outstanding, account_ref)
                    select :institution, :date, p.id, p.account_id, p.agency_id, d.borrower_id, p.placed_outstanding,
                           p.account_ref
                      from placed p join allocation_due d on d.case_id = p.account_id
                )
                select contract_id, count(*) as n from placed group by contract_id
                """.formatted(ids.sqlSequence(at.toEpochMilli(), "c.seq")))
                .param("institution", institution).param("date", date).param("at", PlacementStore.timestamp(at))
                .param("products", list.stream().map(Interval::product).toArray(String[]::new))
                .param("provinces", list.stream().map(i -> i.province() == null ? "" : i.province()).toArray(String[]::new))
                .param("buckets", list.stream().map(Interval::bucket).toArray(String[]::new))
                .param("contracts", list.stream().map(Interval::contract).toArray(UUID[]::new))
                .param("agencies", list.stream().map(Interval::agency).toArray(UUID[]::new))
                .param("untils", list.stream().map(i -> i.until().toString()).toArray(String[]::new))
                .param("los", list.stream().map(Interval::lo).toArray(Long[]::new))
                .param("his", list.stream().map(Interval::hi).toArray(Long[]::new))
                .query(row -> {
                    placed.put(row.getObject("contract_id", UUID.class), row.getLong("n"));
                });
        // The assignment reads the night's waiting placements: analysed (this transaction's rows are counted), so
        // that its plans are estimated.
        jdbc.sql("analyze allocation.night_placement").update();
        return placed;
    }
}
