package org.recourse.strategy;

/**
 * The set-based statements of the nightly strategy step and of the results, for one institution. {@code %1$s} stands
 * for the cases module's SQL of the institution's cases ({@code CaseProfiles#casesSql}), {@code %2$s} (results only)
 * for the compliance ledger's outbound attempts ({@code ContactHistory#outboundAttemptsSql}). The step computes each
 * case's target once into a temporary table and then writes only the differences.
 *
 * <p>A case's variant slot is {@code hashtextextended(case id, 0)} reduced to 0–99 (a stable hash built into
 * PostgreSQL: the same case is in the same slot every day, in every version and on every node); a variant takes the
 * slots [slot_from, slot_to). {@code abs()} is not used because the hash can be the smallest bigint, whose absolute
 * value overflows.
 */
final class SegmentSql {

    private SegmentSql() {
    }

    /**
     * The night's target for one institution, filled once and analysed, so that the two statements after it plan
     * on true row counts even when the cases or the assignments were just loaded and have no statistics yet (with
     * none, PostgreSQL once planned the insert's anti-join as a nested loop: over 5 s for 10,000 cases).
     */
    static final String CREATE_TARGET = """
            create temp table strategy_target (
                case_id uuid primary key, open boolean not null, outstanding numeric(19,4) not null,
                segment_position integer, segment_name text, variant_position integer, variant_name text,
                dpd_from integer, dpd_to integer, leaves_on date, inputs_hash bigint, had_current boolean not null
            ) on commit drop
            """;

    /**
     * The current assignments {@link #LEAVE_AND_CONFIRM} ended, with what the entries need of them (the day the case
     * entered, what it owed then, the names it had), so that the entries do not look them up again.
     */
    static final String CREATE_LEFT = """
            create temp table strategy_left (
                case_id uuid primary key, applies_from date not null, entered_on date not null,
                strategy_id uuid not null, segment_name text not null, variant_name text,
                outstanding_at_entry numeric(19,4) not null
            ) on commit drop
            """;

    /**
     * A case's inputs to the match besides its days past due, hashed: the bucket (which its days past due give, by the
     * institution's bands), outstanding, product and province. Written into the text of {@code cases} ({@code p}).
     * Each value is hashed by its type's own hash function (a null as null, the amount as a number), which costs
     * half of turning them into one text first; it is computed for every case every night. (Hashes kept by the text
     * version before it differ: each such case is looked at once more and confirmed on the new hash.)
     */
    private static final String INPUTS_HASH = """
            hash_record_extended(row(p.bucket, p.outstanding, p.product, p.province), 0)""";

    /**
     * The bounds at which a match's inputs change value as days past due grow: every {@code min_dpd} and
     * {@code max_dpd + 1} of the version's segments, and the first day of each of the institution's buckets
     * ({@code :bucketStarts}, an integer array: the bucket is an input). Between two consecutive bounds, a case whose
     * other inputs stay the same matches the same segment. None without a version in force.
     */
    private static final String BOUNDS = """
            (select coalesce(array_agg(distinct b.bound order by b.bound), '{}')
               from (select v.bound
                       from strategy.segment s
                      cross join lateral (values (s.min_dpd), (s.max_dpd + 1)) v(bound)
                      where s.strategy_id = cast(:strategy as uuid) and s.version = :version
                     union all
                     select unnest(cast(:bucketStarts as integer[])) where cast(:strategy as uuid) is not null) b
              where b.bound is not null)""";

    /**
     * The bounds at which some segment condition of the version in force on what a case owes changes value: every
     * {@code min_outstanding} and {@code max_outstanding} plus the least amount there is (amounts have four decimals,
     * so owing more than the maximum is owing at least that). Between two consecutive bounds every such condition
     * has one value.
     */
    private static final String AMOUNT_BOUNDS = """
            (select coalesce(array_agg(distinct b.bound order by b.bound), '{}')
               from strategy.segment s
              cross join lateral (values (s.min_outstanding), (s.max_outstanding + 0.0001)) b(bound)
              where s.strategy_id = cast(:strategy as uuid) and s.version = :version and b.bound is not null)""";

    /** The candidates of a run that reads only the cases that may have moved (see {@link #FILL_CANDIDATES}). */
    static final String CREATE_CANDIDATES = """
            create temp table strategy_candidate (case_id uuid primary key) on commit drop
            """;

    /**
     * The cases that may have moved since the last run, when it ran the same version on the same profile SQL: those
     * whose current stay's window ends by the date, those matching no segment whose window ends by then, and those
     * whose profile changed since the last run began ({@code %1$s}: {@code CaseProfiles#changedSinceSql}, parameter
     * {@code since}). Any other case is where the last run left it: inside its window, with the same inputs.
     * {@code %2$s}: the night's part of them ({@code NightParts.Part#casesOf} of {@code m.case_id}).
     */
    static final String FILL_CANDIDATES = """
            insert into strategy_candidate (case_id)
            select m.case_id
              from (select c.case_id from strategy.case_segment c
                     where c.institution_id = :institution and c.until is null and c.leaves_on <= :today
                    union
                    select u.case_id from strategy.case_unmatched u
                     where u.institution_id = :institution and u.leaves_on <= :today
                    union
                    select x.case_id from (%1$s) x) m
             where %2$s
            """;

    /**
     * The night's target of the cases that may have moved, one row each, with the segment and variant the version in
     * force gives them on the date (null ones when closed or when no segment matches, or when no version is in force:
     * {@code :strategy} is null), the window, day of leaving it and hash they are confirmed on, and whether they have
     * a current assignment now (so the entries need not look for one again). A case is looked at when it is open and
     * has no current assignment; or has one and is closed, or it is of another strategy or version, or its window,
     * day of leaving it or other inputs' hash are not the ones the case has today. Every other case would match the
     * same segment and variant again (the variant depends on the case id alone). {@code %1$s}: the cases
     * ({@code CaseProfiles#casesSql}); {@code %2$s}: their restriction to {@code strategy_candidate}
     * ({@link #ONLY_CANDIDATES}) or none (every case: the first run of a version).
     *
     * <p>(Two things were tried and measured slower at a million cases: counting the open cases in the same scan,
     * kept once for both — keeping a million rows cost more than the second scan it saved, 7.9 s against 5.0 + 1.1 s —
     * and carrying what the current assignment holds through this join, which made its hash twice as wide.)
     */
    static final String FILL_TARGET = """
            insert into strategy_target (case_id, open, outstanding, segment_position, segment_name, variant_position,
                variant_name, dpd_from, dpd_to, leaves_on, inputs_hash, had_current)
            with cases as (select p.* from (%1$s) p %4$s),
            bounds as (select %2$s as bounds, %5$s as amounts),
            windowed as (
                select p.*, %3$s as inputs_hash,
                       case when w.i = 0 then -2147483648 else k.bounds[w.i] end as dpd_from,
                       case when w.i = cardinality(k.bounds) then 2147483647 else k.bounds[w.i + 1] - 1 end as dpd_to,
                       w.i as dpd_window,
                       case when cardinality(k.amounts) = 0 then 0 else width_bucket(p.outstanding, k.amounts) end
                           as amount_window
                  from cases p
                 cross join bounds k
                 -- Which two bounds the case's days past due lie between: a binary search of the sorted bounds.
                 cross join lateral (select case when cardinality(k.bounds) = 0 then 0
                                                 else width_bucket(p.dpd, k.bounds) end as i) w),
            dated as (
                -- The day an open case's days past due leave the window: the due date plus the window's last day
                -- plus one (its days past due are the date less its due date).
                select p.*, case when p.open and p.dpd_to < 2147483647
                                 then cast(:today as date) + (p.dpd_to - p.dpd) + 1 end as leaves_on
                  from windowed p),
            looked as (
                select p.*, c.case_id is not null as had_current
                  from dated p
                  left join strategy.case_segment c
                         on c.institution_id = :institution and c.case_id = p.case_id and c.until is null
                 where case when c.case_id is null then p.open
                            else not p.open or cast(:strategy as uuid) is null
                                 or c.strategy_id <> cast(:strategy as uuid) or c.version <> :version
                                 or c.dpd_from is distinct from p.dpd_from or c.dpd_to is distinct from p.dpd_to
                                 or c.leaves_on is distinct from p.leaves_on or c.inputs_hash <> p.inputs_hash
                       end),
            kinds as (
                -- A segment's conditions see a case only through its kind: the windows of its days past due and of
                -- its outstanding (within each, every condition on them has one value), bucket, product, province.
                -- So the segments are searched once per kind found, not once per case (9 µs each).
                select g.dpd_window, g.amount_window, g.bucket, g.product, coalesce(g.province, '') as province,
                       g.province is null as no_province, m.position, m.name
                  from (select distinct on (dpd_window, amount_window, bucket, product, province)
                               dpd_window, amount_window, bucket, product, province, dpd, outstanding
                          from looked where open) g
                  left join lateral (
                        select s.position, s.name
                          from strategy.segment s
                         where s.strategy_id = cast(:strategy as uuid) and s.version = :version
                           and (s.buckets is null or g.bucket = any(s.buckets))
                           and (s.min_dpd is null or g.dpd >= s.min_dpd)
                           and (s.max_dpd is null or g.dpd <= s.max_dpd)
                           and (s.min_outstanding is null or g.outstanding >= s.min_outstanding)
                           and (s.max_outstanding is null or g.outstanding <= s.max_outstanding)
                           and (s.products is null or g.product = any(s.products))
                           and (s.provinces is null or g.province = any(s.provinces))
                         order by s.position
                         limit 1) m on true)
            select p.case_id, p.open, p.outstanding, m.position, m.name, v.position, v.name, p.dpd_from, p.dpd_to,
                   p.leaves_on, p.inputs_hash, p.had_current
              from looked p
              left join kinds m
                     on p.open and m.dpd_window = p.dpd_window and m.amount_window = p.amount_window
                    and m.bucket = p.bucket and m.product = p.product and m.province = coalesce(p.province, '')
                    and m.no_province = (p.province is null)
              left join strategy.variant v
                     on v.strategy_id = cast(:strategy as uuid) and v.version = :version
                    and v.segment_position = m.position
                    and (hashtextextended(cast(p.case_id as text), 0) %%%% 100 + 100) %%%% 100 >= v.slot_from
                    and (hashtextextended(cast(p.case_id as text), 0) %%%% 100 + 100) %%%% 100 < v.slot_to
            """.formatted("%1$s", BOUNDS, INPUTS_HASH, "%2$s", AMOUNT_BOUNDS);

    /** {@link #FILL_TARGET}'s restriction to the cases in {@code strategy_candidate}. */
    static final String ONLY_CANDIDATES = "where p.case_id in (select x.case_id from strategy_candidate x)";

    /** A current assignment that no longer holds on the date: another version, segment or variant, or none. */
    private static final String ENDS = """
            (c.applies_from <= :date
             and (t.segment_position is null or c.strategy_id <> cast(:strategy as uuid) or c.version <> :version
                  or c.segment_position <> t.segment_position
                  or c.variant_position is distinct from t.variant_position))""";

    /**
     * Ends the current assignments that no longer hold on the date, with what the case owed then, and keeps what the
     * entries need of them in {@code strategy_left}; and confirms the ones looked at and kept on their new window and
     * hash, so that they are not looked at again until these change — one pass over the assignments for both (they
     * were two, and the entries' look-up of the ended row a third). A current assignment that started after the date
     * is left alone. Answers the ended and the confirmed count. (A confirmation rewrites only columns no index holds,
     * a HOT update; an ending is not one: the partial index of current rows is on {@code until is null}.)
     */
    static final String LEAVE_AND_CONFIRM = """
            with written as (
                update strategy.case_segment c
                   set until = case when %1$s then cast(:date as date) end,
                       outstanding_at_exit = case when %1$s then t.outstanding else c.outstanding_at_exit end,
                       dpd_from = case when %1$s then c.dpd_from else t.dpd_from end,
                       dpd_to = case when %1$s then c.dpd_to else t.dpd_to end,
                       inputs_hash = case when %1$s then c.inputs_hash else t.inputs_hash end,
                       leaves_on = case when %1$s then null else t.leaves_on end
                  from strategy_target t
                 where c.institution_id = :institution and c.until is null and c.case_id = t.case_id
                   and (%1$s
                        or (t.segment_position is not null
                            and (c.dpd_from is distinct from t.dpd_from or c.dpd_to is distinct from t.dpd_to
                                 or c.leaves_on is distinct from t.leaves_on
                                 or c.inputs_hash is distinct from t.inputs_hash)))
                returning c.case_id, c.until is not null as ended, c.applies_from, c.entered_on, c.strategy_id,
                          c.segment_name, c.variant_name, c.outstanding_at_entry),
            kept as (
                insert into strategy_left (case_id, applies_from, entered_on, strategy_id, segment_name, variant_name,
                    outstanding_at_entry)
                select case_id, applies_from, entered_on, strategy_id, segment_name, variant_name, outstanding_at_entry
                  from written where ended)
            select count(*) filter (where ended) as left_segment, count(*) filter (where not ended) as confirmed
              from written
            """.formatted(ENDS);

    /**
     * Starts the assignments of the cases that left their current one today (ended by {@link #LEAVE_AND_CONFIRM},
     * which began before the date) and match a segment. A case moving, for a new version of the same strategy, to a
     * segment and variant of the same names keeps the day it entered and what it owed then (from
     * {@code strategy_left}, not looked up again). No row of the case can start on the date (its current one began
     * earlier and dates are segmented in order), so this is a plain insert — the night's bulk of entries without a
     * conflict check per row, in case order (each index then takes its entries in order).
     */
    static final String ENTER_MOVED = """
            insert into strategy.case_segment (institution_id, case_id, applies_from, entered_on, strategy_id, version,
                segment_position, segment_name, variant_position, variant_name, outstanding_at_entry, dpd_from, dpd_to,
                leaves_on, inputs_hash)
            select :institution, t.case_id, :date,
                   case when l.strategy_id = cast(:strategy as uuid) and l.segment_name = t.segment_name
                             and l.variant_name is not distinct from t.variant_name
                        then l.entered_on else cast(:date as date) end,
                   cast(:strategy as uuid), :version, t.segment_position, t.segment_name, t.variant_position,
                   t.variant_name,
                   case when l.strategy_id = cast(:strategy as uuid) and l.segment_name = t.segment_name
                             and l.variant_name is not distinct from t.variant_name
                        then l.outstanding_at_entry else t.outstanding end,
                   t.dpd_from, t.dpd_to, t.leaves_on, t.inputs_hash
              from strategy_target t
              join strategy_left l on l.case_id = t.case_id
             where t.segment_position is not null and l.applies_from < :date
             order by t.case_id
            """;

    /**
     * The other cases to start: those without a current assignment (new, reopened, matching nothing before), and those
     * whose current one began on the date itself (the date run again after their data changed). The row they left on
     * the date, for the same strategy in a segment and variant of the same names, gives the day of entry and what
     * was owed then.
     */
    private static final String OTHERS_TO_ENTER = """
              from strategy_target t
              left join strategy_left l on l.case_id = t.case_id
              left join strategy.case_segment prev
                     on prev.institution_id = :institution and prev.case_id = t.case_id and prev.until = :date
                    and prev.applies_from < :date and prev.strategy_id = cast(:strategy as uuid)
                    and prev.segment_name = t.segment_name and prev.variant_name is not distinct from t.variant_name
             where t.segment_position is not null
               and (not t.had_current or l.applies_from >= :date)""";

    /**
     * Of {@link #OTHERS_TO_ENTER}, those with a row starting on the date already — ended on the date by an earlier
     * run of it, or just now by {@link #LEAVE_AND_CONFIRM} — get that row back as their current one with today's
     * segment and variant (the key is the case and the day it applies from).
     */
    static final String REENTER_ON_THE_DATE = """
            update strategy.case_segment x
               set until = null, entered_on = coalesce(prev.entered_on, cast(:date as date)),
                   strategy_id = cast(:strategy as uuid), version = :version, segment_position = t.segment_position,
                   segment_name = t.segment_name, variant_position = t.variant_position, variant_name = t.variant_name,
                   outstanding_at_entry = coalesce(prev.outstanding_at_entry, t.outstanding), outstanding_at_exit = null,
                   dpd_from = t.dpd_from, dpd_to = t.dpd_to, leaves_on = t.leaves_on, inputs_hash = t.inputs_hash
            %1$s
               and x.institution_id = :institution and x.case_id = t.case_id and x.applies_from = :date
            """.formatted(OTHERS_TO_ENTER);

    /** The rest of {@link #OTHERS_TO_ENTER}: a new row each (after {@link #REENTER_ON_THE_DATE}). */
    static final String ENTER_OTHERS = """
            insert into strategy.case_segment (institution_id, case_id, applies_from, entered_on, strategy_id, version,
                segment_position, segment_name, variant_position, variant_name, outstanding_at_entry, dpd_from, dpd_to,
                leaves_on, inputs_hash)
            select :institution, t.case_id, :date, coalesce(prev.entered_on, :date), cast(:strategy as uuid), :version,
                   t.segment_position, t.segment_name, t.variant_position, t.variant_name,
                   coalesce(prev.outstanding_at_entry, t.outstanding), t.dpd_from, t.dpd_to, t.leaves_on, t.inputs_hash
            %1$s
               and not exists (select 1 from strategy.case_segment x
                                where x.institution_id = :institution and x.case_id = t.case_id
                                  and x.applies_from = :date)
             order by t.case_id
            """.formatted(OTHERS_TO_ENTER);

    /**
     * Forgets the institution's unmatched cases that this run reads again: all of them when it reads every case
     * ({@code :everyCase}; each open case without a current stay is in the target then), else those among the
     * candidates. {@link #KEEP_UNMATCHED} writes back the ones that still match nothing.
     */
    static final String FORGET_UNMATCHED = """
            delete from strategy.case_unmatched u
             where u.institution_id = :institution
               and (:everyCase or u.case_id in (select x.case_id from strategy_candidate x))
            """;

    /**
     * The open cases of the target that match no segment, with the day they leave their window: read again then (or
     * when their profile changes), as a stay's case is.
     */
    static final String KEEP_UNMATCHED = """
            insert into strategy.case_unmatched (institution_id, case_id, leaves_on)
            select :institution, t.case_id, t.leaves_on from strategy_target t
             where t.open and t.segment_position is null
             order by t.case_id
            """;

    /**
     * The results of a strategy per segment and variant. A stay is a case's time in one segment and variant (rows
     * carried over to a new version belong to the same stay): recovered is what it owed on entry less what it owed on
     * leaving, or now while it stays, never below zero; contacts are the outbound attempts on the case on the
     * borrower's days within the stay's rows.
     */
    static final String RESULTS = """
            with cases as (%1$s),
            attempts as (%2$s),
            assigned as (
                select c.case_id, c.segment_name, c.variant_name, c.entered_on, c.applies_from, c.until,
                       c.outstanding_at_entry, coalesce(c.outstanding_at_exit, p.outstanding) as outstanding_after,
                       min(c.segment_position) over (partition by c.segment_name) as segment_order,
                       row_number() over (partition by c.case_id, c.segment_name, c.variant_name, c.entered_on
                                          order by c.applies_from desc) as latest
                  from strategy.case_segment c
                  join cases p on p.case_id = c.case_id
                 where c.institution_id = :institution and c.strategy_id = :strategy),
            contacts as (
                select r.segment_name, r.variant_name, count(*) as contacts
                  from assigned r
                  join attempts a on a.account_id = r.case_id and a.local_day >= r.applies_from
                                 and (r.until is null or a.local_day < r.until)
                 group by r.segment_name, r.variant_name),
            stays as (
                select segment_name, variant_name, min(segment_order) as segment_order, count(distinct case_id) as cases,
                       sum(outstanding_at_entry) as entry,
                       sum(greatest(outstanding_at_entry - outstanding_after, 0)) as recovered,
                       count(*) filter (where outstanding_after < outstanding_at_entry) as with_recovery
                  from assigned where latest = 1
                 group by segment_name, variant_name)
            select s.segment_name, s.variant_name, s.cases, s.entry, s.recovered, s.with_recovery,
                   coalesce(c.contacts, 0) as contacts
              from stays s
              left join contacts c on c.segment_name = s.segment_name
                                  and c.variant_name is not distinct from s.variant_name
             order by s.segment_order, s.segment_name, s.variant_name nulls first
            """;
}
