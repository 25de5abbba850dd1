package org.recourse.strategy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.BucketBands;
import org.recourse.cases.CaseProfiles;
import org.recourse.daily.DailyStep;
import org.recourse.daily.NightParts;
import org.recourse.daily.StepOutcome;
import org.recourse.daily.StepProgress;
import org.recourse.shared.db.BulkMemory;
import org.recourse.shared.db.TransactionLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The night's strategy step (order 300, after delinquency has moved buckets): for each institution with a strategy
 * activated by the business date, one transaction that holds the institution's lock and records the day, the work
 * below done in it or — when only the cases that may have moved are read — in parts of the cases at once
 * ({@link NightParts}), each part in a transaction of its own: the target segment and variant of each case that may
 * have moved computed once into a temporary table — a current assignment is confirmed on a window of days past due, the day its
 * case leaves it and a hash of the match's other inputs ({@link SegmentSql#FILL_TARGET}), and a case still inside
 * them is not looked at; when the last run segmented by the same version, only the cases whose window ends by the
 * date or whose profile changed since are read at all ({@link SegmentSql#FILL_CANDIDATES}) — then
 * set-based statements: end the assignments that no longer hold and confirm the kept ones on their new window in one
 * pass ({@link SegmentSql#LEAVE_AND_CONFIRM}), start those of the cases that moved ({@link SegmentSql#ENTER_MOVED}) and
 * of the others without one ({@link SegmentSql#REENTER_ON_THE_DATE}, {@link SegmentSql#ENTER_OTHERS}) — and the day's
 * record. Only changes are written, so a repeated date writes nothing; a date earlier than one already segmented is
 * left alone (history is not rewritten).
 */
@Component
class SegmentationStep implements DailyStep {

    private static final Logger log = LoggerFactory.getLogger(SegmentationStep.class);

    private final JdbcClient jdbc;
    private final StrategyStore strategies;
    private final CaseProfiles cases;
    private final NightParts parts;
    private final TransactionTemplate transactions;
    /** A part's own transaction, never the night's (whose lock it works under), on whatever thread it runs. */
    private final TransactionTemplate partTransactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SegmentationStep(JdbcClient jdbc, StrategyStore strategies, CaseProfiles cases, NightParts parts,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.strategies = strategies;
        this.cases = cases;
        this.parts = parts;
        this.transactions = transactions;
        this.partTransactions = new TransactionTemplate(
                Objects.requireNonNull(transactions.getTransactionManager()));
        this.partTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "strategy";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public StepOutcome run(LocalDate businessDate, StepProgress progress) {
        long processed = 0;
        long changed = 0;
        for (UUID institution : institutions(businessDate)) {
            long[] counts = segment(institution, businessDate);
            processed += counts[0];
            changed += counts[1];
            progress.update(processed, changed);
        }
        if (changed > 1_000) {
            analyseWhatMoved(changed);
        }
        return new StepOutcome(processed, changed);
    }

    /**
     * The placement and the contact plan read strategy.case_segment minutes from now; on the old statistics
     * (autovacuum comes later) the planner once took a strategy's first million stays for none and read them through
     * an index a hundred times over (27 s at a million). So what the night changed by a tenth or more is analysed now,
     * as autovacuum would at that share, each relation by its own share: the whole table (its partitions and the
     * statistics of the two together, which autovacuum never gathers for a partitioned table) when the night's
     * changes are a tenth of all stays, ended ones included — a strategy's first night —, else the current stays
     * alone when they are a tenth of those (0.14 s rather than 0.45 s with 3 million ended stays; the ended stays,
     * which grow by a few per cent a night, are left to autovacuum).
     */
    private void analyseWhatMoved(long changed) {
        double[] known = jdbc.sql("""
                select (select greatest(c.reltuples, 0) from pg_class c
                         where c.oid = cast('strategy.case_segment_current' as regclass)) as current_stays,
                       (select coalesce(sum(greatest(c.reltuples, 0)), 0) from pg_inherits i
                          join pg_class c on c.oid = i.inhrelid
                         where i.inhparent = cast('strategy.case_segment' as regclass)) as all_stays
                """).query((row, n) -> new double[] {row.getDouble(1), row.getDouble(2)}).single();
        if (changed * 10 >= known[1]) {
            jdbc.sql("analyze strategy.case_segment").update();
        } else if (changed * 10 >= known[0]) {
            jdbc.sql("analyze strategy.case_segment_current").update();
        }
    }

    /** Institutions that have activated a strategy from the date or earlier. */
    List<UUID> institutions(LocalDate businessDate) {
        return jdbc.sql("select distinct institution_id from strategy.activation where active_from <= :day order by 1")
                .param("day", businessDate).query(UUID.class).list();
    }

    /**
     * Open cases looked at and assignments changed (ended plus started) for one institution and date, in one
     * transaction and its parts.
     */
    long[] segment(UUID institution, LocalDate businessDate) {
        return segment(institution, businessDate, parts);
    }

    /** {@link #segment(UUID, LocalDate)} with the given parts (tests: a night cut off after some parts). */
    long[] segment(UUID institution, LocalDate businessDate, NightParts parts) {
        return transactions.execute(status -> segmentInTransaction(institution, businessDate, parts));
    }

    /** One of the night's writes to the assignments, bound to what it is made for (no strategy in force: null). */
    private JdbcClient.StatementSpec write(String sql, Night night) {
        return jdbc.sql(sql).param("institution", night.institution()).param("date", night.date())
                .param("strategy", night.strategy(), java.sql.Types.OTHER).param("version", night.version());
    }

    /**
     * Where the changes to read start, when this run may read only the cases that may have moved: the last run (this
     * date's, or the latest before it) segmented by the same version on the same cases' SQL (its md5 is kept; the
     * bucket bands are written into it), so every case it did not change is where it left it. Empty when every case
     * is to be read.
     */
    private Optional<String> changesSinceLastRun(UUID institution, LocalDate businessDate, @Nullable UUID strategy,
            int version, String casesSql) {
        if (strategy == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select cast(changes_from as text) from strategy.run_day
                 where institution_id = :i and business_date <= :d and strategy_id = :s and version = :v
                   and profile_sql_md5 = md5(:casesSql) and changes_from is not null
                   and business_date = (select max(business_date) from strategy.run_day
                                         where institution_id = :i and business_date <= :d)
                """)
                .param("i", institution).param("d", businessDate).param("s", strategy).param("v", version)
                .param("casesSql", casesSql).query(String.class).optional();
    }

    private long[] segmentInTransaction(UUID institution, LocalDate businessDate, NightParts parts) {
        // Two nodes running two dates for one institution would otherwise race on its current assignments. Held by
        // this transaction while the parts (on connections of their own) work, until the day's record is written.
        TransactionLocks.exclusive(jdbc, "strategy.segmentation/" + institution);
        boolean later = jdbc.sql("select exists (select 1 from strategy.run_day where institution_id = :i and business_date > :d)")
                .param("i", institution).param("d", businessDate).query(Boolean.class).single();
        if (later) {
            log.info("Strategy {} for institution {}: a later date was segmented already; left alone", businessDate,
                    institution);
            return new long[] {0, 0};
        }
        Optional<StrategyStore.InForce> inForce = strategies.inForce(institution, businessDate);
        UUID strategy = inForce.map(StrategyStore.InForce::strategy).orElse(null);
        int version = inForce.map(StrategyStore.InForce::version).orElse(0);
        String casesSql = cases.casesSql(institution);
        // Taken before anything is read: the next run asks for the changes from here on (CaseProfiles#changesFrom).
        String changesFrom = cases.changesFrom();
        Optional<String> since = changesSinceLastRun(institution, businessDate, strategy, version, casesSql);
        Integer[] bucketStarts = cases.bandsOf(institution).bands().stream().map(BucketBands.Band::minDpd)
                .toArray(Integer[]::new);
        Night night = new Night(institution, businessDate, strategy, version, casesSql, since.orElse(null),
                bucketStarts);
        // The cases that may have moved are read in parts at once (NightParts), each part committed with its day's
        // counts. Reading every case (a version's first night) stays one part in this transaction: a part's hash
        // filter on every case is estimated at 0.5 % of them, and the planner would join them by nested loops.
        Moved moved = since.isPresent()
                ? parts.each("strategy", part -> partTransactions.execute(status -> segmentPart(night, part))).stream()
                        .reduce(Moved.NONE, Moved::plus)
                : segmentPart(night, new NightParts.Part(0, 1));
        long started = System.nanoTime();
        long open = cases.openCount(institution);
        log.debug("Strategy {} for institution {}: open cases counted in {} ms", businessDate, institution,
                (System.nanoTime() - started) / 1_000_000);
        // The day's counts were raised by the parts; what the next run starts from is written only now that every
        // part is done (a crash before leaves it unset, and the rerun reads every case).
        jdbc.sql("""
                insert into strategy.run_day (institution_id, business_date, strategy_id, version, open_cases, entered,
                    left_segment, finished_at, changes_from, profile_sql_md5)
                values (:i, :d, :s, :v, :open, 0, 0, :at, cast(:changesFrom as xid8), md5(:casesSql))
                on conflict (institution_id, business_date) do update
                   set strategy_id = excluded.strategy_id, version = excluded.version, open_cases = excluded.open_cases,
                       finished_at = excluded.finished_at, changes_from = excluded.changes_from,
                       profile_sql_md5 = excluded.profile_sql_md5
                """)
                .param("i", institution).param("d", businessDate).param("s", strategy, java.sql.Types.OTHER)
                .param("v", inForce.isPresent() ? version : null, java.sql.Types.INTEGER).param("open", open)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("changesFrom", changesFrom)
                .param("casesSql", casesSql).update();
        if (moved.entered() + moved.left() > 0) {
            events.publishEvent(new StrategyEvent.CasesSegmented(institution, businessDate, strategy,
                    inForce.isPresent() ? version : null, moved.entered(), moved.left()));
        }
        log.info("Strategy {} for institution {}: version {} of {}, {} open cases, {} entered, {} left", businessDate,
                institution, version, strategy, open, moved.entered(), moved.left());
        return new long[] {open, moved.entered() + moved.left()};
    }

    /** What one institution's night is segmented by; {@code since} null when every case is read. */
    private record Night(UUID institution, LocalDate date, @Nullable UUID strategy, int version, String casesSql,
            @Nullable String since, Integer[] bucketStarts) {
    }

    /** Stays ended and started by a part (or the sum of the parts). */
    private record Moved(long left, long entered) {

        static final Moved NONE = new Moved(0, 0);

        Moved plus(Moved other) {
            return new Moved(left + other.left, entered + other.entered);
        }
    }

    /**
     * One part of the cases of the night, in the caller's transaction: the target of the part's cases that may have
     * moved, the writes, and the day's counts raised by what it wrote.
     */
    private Moved segmentPart(Night night, NightParts.Part part) {
        UUID institution = night.institution();
        long started = System.nanoTime();
        part.forThisTransaction(jdbc);
        jdbc.sql(SegmentSql.CREATE_TARGET).update();
        jdbc.sql(SegmentSql.CREATE_CANDIDATES).update();
        if (night.since() != null) {
            jdbc.sql(SegmentSql.FILL_CANDIDATES.formatted(cases.changedSinceSql(), part.casesOf("m.case_id")))
                    .param("institution", institution).param("today", night.date()).param("since", night.since())
                    .update();
            jdbc.sql("analyze strategy_candidate").update();
            // The candidates' read still hashes every case state and the candidates' cases (a million and an eighth
            // of one): in memory rather than in 4-8 batches of temporary files, 4.8 → 3.3 s at a million (measured
            // under EXPLAIN ANALYZE). Kept for the writes after it, whose hashes of the target and the stays ended
            // (an eighth of a million rows each) and the ended stays' list spilled at the default 4 MB. Not for a
            // read of every case: there the in-memory hash of a million current stays was slower than the spilled
            // one (fourth session, performance.md P6).
            BulkMemory.forThisTransaction(jdbc);
        }
        long looked = jdbc.sql(SegmentSql.FILL_TARGET.formatted(night.casesSql(),
                        night.since() != null ? SegmentSql.ONLY_CANDIDATES : ""))
                .param("institution", institution).param("today", night.date())
                .param("strategy", night.strategy(), java.sql.Types.OTHER).param("version", night.version())
                .param("bucketStarts", night.bucketStarts()).update();
        long filled = System.nanoTime();
        jdbc.sql("analyze strategy_target").update();
        long analysed = System.nanoTime();
        jdbc.sql(SegmentSql.CREATE_LEFT).update();
        long[] leftAndConfirmed = write(SegmentSql.LEAVE_AND_CONFIRM, night)
                .query((row, n) -> new long[] {row.getLong(1), row.getLong(2)}).single();
        // Analysed before it is joined (rows the planner has no count of would be taken for a few hundred).
        jdbc.sql("analyze strategy_left").update();
        long left = leftAndConfirmed[0];
        long confirmed = leftAndConfirmed[1];
        long leaving = System.nanoTime();
        long entered = write(SegmentSql.ENTER_MOVED, night).update();
        long moved = System.nanoTime();
        for (String others : List.of(SegmentSql.REENTER_ON_THE_DATE, SegmentSql.ENTER_OTHERS)) {
            entered += write(others, night).update();
        }
        jdbc.sql(SegmentSql.FORGET_UNMATCHED).param("institution", institution)
                .param("everyCase", night.since() == null).update();
        jdbc.sql(SegmentSql.KEEP_UNMATCHED).param("institution", institution).update();
        // The day's counts raised with what was written (a part that committed is counted, one that did not is
        // not); what the next run starts from is left unset until every part is done.
        jdbc.sql("""
                insert into strategy.run_day (institution_id, business_date, strategy_id, version, open_cases, entered,
                    left_segment, finished_at)
                values (:i, :d, :s, :v, 0, :entered, :left, :at)
                on conflict (institution_id, business_date) do update
                   set entered = strategy.run_day.entered + excluded.entered,
                       left_segment = strategy.run_day.left_segment + excluded.left_segment
                """)
                .param("i", institution).param("d", night.date()).param("s", night.strategy(), java.sql.Types.OTHER)
                .param("v", night.strategy() == null ? null : night.version(), java.sql.Types.INTEGER)
                .param("entered", entered).param("left", left)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC)).update();
        log.debug("Strategy {} for institution {}, part {}/{}: {} cases looked at ({}) in {} ms, analyse {} ms, leave"
                + " and confirm ({}) {} ms, enter the moved {} ms, enter the others {} ms", night.date(), institution,
                part.index(), part.count(), looked, night.since() != null ? "those that may have moved" : "every case",
                (filled - started) / 1_000_000, (analysed - filled) / 1_000_000, confirmed,
                (leaving - analysed) / 1_000_000, (moved - leaving) / 1_000_000,
                (System.nanoTime() - moved) / 1_000_000);
        return new Moved(left, entered);
    }
}
