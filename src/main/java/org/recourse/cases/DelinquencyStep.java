package org.recourse.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.recourse.daily.DailyStep;
import org.recourse.daily.StepOutcome;
import org.recourse.daily.StepProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The night's first step: takes up new cases, moves open cases into the bucket their days past due reached
 * on the business date, and records every move. One institution at a time, one transaction each, a few
 * set-based statements per institution that write only what changed; repeating a date changes nothing.
 */
@Component
class DelinquencyStep implements DailyStep {

    private static final Logger log = LoggerFactory.getLogger(DelinquencyStep.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SettingsStore settings;
    private final Clock clock;

    DelinquencyStep(JdbcClient jdbc, TransactionTemplate transactions, SettingsStore settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "delinquency";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public StepOutcome run(LocalDate businessDate, StepProgress progress) {
        long processed = 0;
        long changed = 0;
        for (UUID institution : institutions(jdbc)) {
            long[] counts = transactions.execute(status -> runFor(institution, businessDate));
            processed += counts[0];
            changed += counts[1];
            progress.update(processed, changed);
        }
        return new StepOutcome(processed, changed);
    }

    /** Cases seen (all of the institution's) and cases changed (taken up or moved) for one institution. */
    long[] runFor(UUID institution, LocalDate businessDate) {
        String bucket = settings.of(institution).bands().sqlCase("(cast(:date as date) - a.due_date)");
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        long[] counts = jdbc.sql(DelinquencySql.COUNTS).param("institution", institution)
                .query((row, n) -> new long[] {row.getLong("accounts"), row.getLong("cases")}).single();
        long taken = counts[0] == counts[1] ? 0 : jdbc.sql(DelinquencySql.TAKE_UP.formatted(bucket))
                .param("institution", institution).param("date", businessDate).param("now", now).update();
        long moved = jdbc.sql(DelinquencySql.MOVE_BUCKETS.formatted(bucket))
                .param("institution", institution).param("date", businessDate).update();
        log.info("Delinquency {} for institution {}: {} cases, {} taken up, {} changed bucket", businessDate,
                institution, counts[0], taken, moved);
        return new long[] {counts[0], taken + moved};
    }

    static List<UUID> institutions(JdbcClient jdbc) {
        return jdbc.sql(DelinquencySql.INSTITUTIONS).query(UUID.class).list();
    }
}
