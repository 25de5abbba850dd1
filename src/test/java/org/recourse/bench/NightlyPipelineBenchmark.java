package org.recourse.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.recourse.cases.DelinquencyBenchmark;
import org.recourse.daily.DailyStep;
import org.recourse.daily.StepOutcome;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.PersonalDataCipher;
import org.recourse.shared.time.AdjustableClock;
import org.recourse.strategy.MessageTemplate;
import org.recourse.strategy.NewTemplate;
import org.recourse.strategy.StrategyDefinition;
import org.recourse.strategy.StrategyDefinition.Conditions;
import org.recourse.strategy.StrategyDefinition.Segment;
import org.recourse.strategy.StrategyDefinition.Step;
import org.recourse.strategy.StrategyDefinition.Variant;
import org.recourse.strategy.StrategyDesk;
import org.recourse.strategy.TemplateDesk;
import org.recourse.strategy.Treatments;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PERFORMANCE.md P6: the nightly pipeline over N cases of one institution (default 1,000,000): the night's steps
 * in the nightly run's order, each timed — a strategy's first night, then a
 * regular night, the one measured — with a strategy of 50 segments
 * (days-past-due bands, each with a champion and a challenger), against the same run's baseline sum: R1 (read
 * the columns the night needs, {@code COPY … TO STDOUT} into nothing), a {@code COPY} of as many task rows as
 * the night wrote into a table of the task table's shape, and B4 (the update of only the rows whose bucket
 * changes). Prints each step's time, the pipeline's (strategy and later steps; the delinquency and portfolio
 * steps are P5's and shown apart) and the ratio (target ≤ 4 ×, ambitious ≤ 2 ×); for information only, also the
 * ratio to R1 + B4 + a {@code COPY} of every row the night wrote into empty tables like its own (how far the night is
 * from writing its own output, where the baseline copies its tasks only). With {@code --history-nights N}, N nights
 * of earlier stays are written before the first night (a strategy that has run for a while); at the end the last
 * night's due steps are read by the view and by the day. With {@code --hold}, the database stays up afterwards for
 * experiments by hand (the URL is printed).
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.recourse.bench.NightlyPipelineBenchmark -Dexec.args="--cases 1000000"</pre>
 */
public final class NightlyPipelineBenchmark {

    private static final int AGENCIES = BenchAgencies.AGENCIES;
    private static final int COLLECTORS_PER_AGENCY = BenchAgencies.COLLECTORS_PER_AGENCY;
    static final String SMS = "{{institution}}提醒您：本期账单已到期，请及时处理。工号{{badge}}";
    private static final List<String> P5_STEPS = List.of("delinquency", "portfolio");

    private NightlyPipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long cases = BenchSupport.longArg(args, "--cases", 1_000_000);
        boolean explain = List.of(args).contains("--explain");
        int historyNights = (int) BenchSupport.longArg(args, "--history-nights", 0);
        try (ConfigurableApplicationContext app = BenchSupport.start("--recourse.test-mode=true",
                "--logging.level.org.springframework.jdbc.core.JdbcTemplate=" + (explain ? "debug" : "info"),
                // Each step's phases (PERFORMANCE.md: profile where the time goes).
                "--logging.level.org.recourse.strategy.SegmentationStep=debug",
                "--logging.level.org.recourse.allocation.PlacementStep=debug",
                "--logging.level.org.recourse.contact.ContactPlanStep=debug")) {
            // Two nights: yesterday's, when every case enters its segment (the first night of a strategy), and
            // today's, a regular night in which only what changed moves. The platform clock is set to each day.
            ZoneId shanghai = ZoneId.of("Asia/Shanghai");
            LocalDate today = LocalDate.now(shanghai);
            LocalDate yesterday = today.minusDays(1);
            AdjustableClock clock = (AdjustableClock) app.getBean(Clock.class);
            clock.set(yesterday.atTime(LocalTime.of(10, 0)).atZone(shanghai).toInstant());
            SignedInUser user = BenchSupport.institution(app);
            UUID institution = user.organisationId();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            if (explain) {
                BenchSupport.autoExplain(app.getBean(DataSource.class));
            }
            long start = System.nanoTime();
            // Every borrower has a mobile and an address, so that the plan has somewhere to send each step.
            String contacts = app.getBean(PersonalDataCipher.class).encrypt("{\"mobile\":\"13800138000\",\"otherPhones\":[],"
                    + "\"address\":\"广东省深圳市南山区科技园路1号\",\"emergencyContactName\":null,\"emergencyContactPhone\":null}");
            DelinquencyBenchmark.generate(jdbc, institution, cases, today, contacts);
            System.out.printf(Locale.ROOT, "generated %,d cases in %.1f s%n", cases, BenchSupport.seconds(start));
            start = System.nanoTime();
            agencies(jdbc, institution, user.userId(), cases, yesterday);
            System.out.printf(Locale.ROOT, "%d agencies with an active contract each, %,d collectors, in %.1f s%n",
                    AGENCIES, AGENCIES * COLLECTORS_PER_AGENCY, BenchSupport.seconds(start));

            MessageTemplate sms = app.getBean(TemplateDesk.class)
                    .add(user, new NewTemplate("逾期提醒", "SMS", "BORROWER", SMS));
            StrategyDesk strategies = app.getBean(StrategyDesk.class);
            UUID strategy = strategies.create(user, strategy(sms.id())).id();
            strategies.activate(user, strategy, yesterday.toString(), null);
            if (historyNights > 0) {
                history(jdbc, institution, strategy, yesterday, historyNights);
            }

            // The night's steps in the runner's order, each timed here: the runner dates its steps by the platform
            // clock, which this benchmark holds still.
            List<DailyStep> steps = app.getBeansOfType(DailyStep.class).values().stream()
                    .sorted(Comparator.comparingInt(DailyStep::order)).toList();
            System.out.printf(Locale.ROOT, "%nfirst night (%s): every case enters a segment%n", yesterday);
            night(steps, yesterday);
            // The night after the first (the strategy's launch: every case that stayed in its segment reaches its
            // first placing step, 70 % of all placed and assigned at once) is the headline; the night after that
            // is a steady one (the cases that moved into a placing segment are placed).
            DataSource dataSource = app.getBean(DataSource.class);
            double headline = 0;
            for (int n = 0; n < 2; n++) {
                LocalDate date = today.plusDays(n);
                clock.set(date.atTime(LocalTime.of(10, 0)).atZone(shanghai).toInstant());
                String label = n == 0 ? "regular night, the launch's placements" : "steady night";
                System.out.printf(Locale.ROOT, "%n%s (%s)%n", label, date);
                long tasksBefore = tasksWritten(jdbc);
                double[] times = night(steps, date);
                double pipeline = times[0];
                long tasks = tasksWritten(jdbc) - tasksBefore;
                double r1 = readCeiling(dataSource, institution);
                double write = taskCopy(dataSource, jdbc, tasks);
                double b4 = DelinquencyBenchmark.b4(jdbc, institution, date.plusDays(1));
                double baseline = r1 + write + b4;
                System.out.printf(Locale.ROOT, "%nP6 nightly pipeline (%s) %7.2f s = %,.0f cases/s (whole night incl. P5 steps %.2f s)%n",
                        label, pipeline, cases / pipeline, times[1]);
                System.out.printf(Locale.ROOT, "baseline sum        %7.2f s = R1 read %.2f s + COPY of %,d task rows %.2f s + B4 %.2f s%n",
                        baseline, r1, tasks, write, b4);
                System.out.printf(Locale.ROOT, "ratio P6 / baseline = %.2f (target <= 4, ambitious <= 2)%n", pipeline / baseline);
                headline = n == 0 ? pipeline / baseline : headline;
                // Informational, not the target's baseline: every row the night wrote, copied into tables like its
                // own — how far the night is from writing its own output, where the baseline copies its tasks only.
                double own = ownRowsCopy(dataSource, jdbc, date, clock.instant());
                System.out.printf(Locale.ROOT, "R1 + the night's own rows copied + B4 = %.2f s; P6 / that = %.2f (informational)%n",
                        r1 + own + b4, pipeline / (r1 + own + b4));
            }
            System.out.printf(Locale.ROOT, "%nP6 ratio of the regular night (headline) = %.2f%n", headline);
            dueStepReads(jdbc, app.getBean(Treatments.class), institution, today.plusDays(1));
            if (List.of(args).contains("--hold")) {
                hold(dataSource, institution, today.plusDays(2));
            }
        }
    }

    /**
     * Keeps the database up after the nights for experiments by hand (psql on the printed URL: a statement of the next
     * night tried inside {@code begin … rollback}), until the file named in the message exists.
     */
    private static void hold(DataSource dataSource, UUID institution, LocalDate next) throws Exception {
        Path release = Path.of(System.getProperty("java.io.tmpdir"), "p6-release");
        Files.deleteIfExists(release);
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            // Watched before the message is printed, so that a file created right after it is not missed.
            release.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            try (Connection connection = dataSource.getConnection()) {
                System.out.printf(Locale.ROOT,
                        "%nholding the database: %s (institution %s, next night %s); create %s to end%n",
                        connection.getMetaData().getURL(), institution, next, release);
            }
            while (!Files.exists(release)) {
                // The key's events taken before it is reset: a reset key that still holds events is signalled again
                // at once, and the loop would spin on the temporary directory's other files.
                WatchKey key = watcher.take();
                key.pollEvents();
                key.reset();
            }
        }
    }

    /**
     * {@code nights} nights of history before the first night, as a strategy that has run for a while leaves: each
     * night an eighth of the cases in a stay of eight days, all ended before the first night (so they change nothing
     * the nights decide, only what the nights must not read).
     */
    private static void history(JdbcClient jdbc, UUID institution, UUID strategy, LocalDate first, int nights) {
        long start = System.nanoTime();
        for (int night = 1; night <= nights; night++) {
            jdbc.sql("""
                    insert into strategy.case_segment (institution_id, case_id, applies_from, until, entered_on,
                        strategy_id, version, segment_position, segment_name, variant_position, variant_name,
                        outstanding_at_entry)
                    select :institution, a.id, cast(:from as date), cast(:from as date) + 8, cast(:from as date), :strategy,
                           1, n.band, 'DPD ' || (n.band * 8 + 1), 0, 'champion', 1000
                      from cases.account a
                     cross join lateral (select (hashtextextended(a.id::text, 7) % 50 + 50) % 50 as band) n
                     where a.institution_id = :institution and (hashtextextended(a.id::text, 3) % 8 + 8) % 8 = :slice
                    """).param("institution", institution).param("from", first.minusDays(8L * night + 1))
                    .param("strategy", strategy).param("slice", night % 8).update();
        }
        jdbc.sql("analyze strategy.case_segment").update();
        long rows = jdbc.sql("select count(*) from strategy.case_segment where institution_id = :i")
                .param("i", institution).query(Long.class).single();
        System.out.printf(Locale.ROOT, "%d nights of history before the first, %,d assignment rows, in %.1f s%n", nights,
                rows, BenchSupport.seconds(start));
    }

    /**
     * The last night's due steps read two ways: by the view {@code strategy.due_step}, which computes every row's due
     * day and then filters by it, and by the day ({@code Treatments#dueStepsSql}, what the night reads); they must
     * count the same rows (the benchmark fails otherwise).
     */
    private static void dueStepReads(JdbcClient jdbc, Treatments treatments, UUID institution, LocalDate date) {
        String byView = "select * from strategy.due_step where institution_id = :institution and due_on = cast(:date as date)";
        System.out.printf(Locale.ROOT, "%ndue steps of %s read%n", date);
        List<Long> counts = new ArrayList<>();
        for (String[] read : new String[][] {{"by the view", byView}, {"by the day ", treatments.dueStepsSql()}}) {
            long start = System.nanoTime();
            long rows = jdbc.sql("select count(*) from (" + read[1] + ") d")
                    .param("institution", institution).param("date", date).query(Long.class).single();
            System.out.printf(Locale.ROOT, "  %s %7.2f s  %,d due steps%n", read[0], BenchSupport.seconds(start), rows);
            counts.add(rows);
        }
        if (!counts.get(0).equals(counts.get(1))) {
            throw new IllegalStateException("the two reads of the due steps differ: " + counts);
        }
    }

    /** Runs each step for the date, in order; answers the pipeline's time (P6 steps) and the whole night's. */
    private static double[] night(List<DailyStep> steps, LocalDate date) {
        double pipeline = 0;
        double night = 0;
        for (DailyStep step : steps) {
            long start = System.nanoTime();
            StepOutcome outcome = step.run(date, (processed, changed) -> { });
            double seconds = BenchSupport.seconds(start);
            night += seconds;
            boolean p6 = !P5_STEPS.contains(step.name());
            if (p6) {
                pipeline += seconds;
            }
            System.out.printf(Locale.ROOT, "  %-14s %7.2f s  %,11d processed  %,11d changed%s%n", step.name(), seconds,
                    outcome.processed(), outcome.changed(), p6 ? "" : "  (P5)");
        }
        System.out.printf(Locale.ROOT, "  pipeline       %7.2f s (whole night %.2f s)%n", pipeline, night);
        return new double[] {pipeline, night};
    }

    /**
     * The night's own output, each table's rows copied out ({@code COPY … TO STDOUT}) and timed copied into an empty
     * table like it ({@code including all}: its columns, defaults, checks and indexes; no triggers): the stays it ended
     * and started, the placements, notices and assignments it wrote (stamped with the night's moment: the clock is
     * held still) and its tasks. Prints each and answers the copies' total in seconds.
     */
    private static double ownRowsCopy(DataSource dataSource, JdbcClient jdbc, LocalDate date, Instant at)
            throws Exception {
        String day = "'" + date + "'";
        String moment = "'" + at + "'";
        List<String[]> tables = List.of(
                new String[] {"stays ended", "strategy.case_segment_ended", "until = " + day},
                new String[] {"stays started", "strategy.case_segment_current", "applies_from = " + day},
                new String[] {"placements", "allocation.placement", "placed_at = " + moment},
                new String[] {"notices", "allocation.entrustment_notice", "created_at = " + moment},
                new String[] {"assignments", "allocation.assignment", "assigned_at = " + moment},
                new String[] {"tasks", "contact.task", "business_date = " + day});
        double total = 0;
        StringBuilder line = new StringBuilder();
        for (String[] table : tables) {
            jdbc.sql("drop table if exists bench_own").update();
            jdbc.sql("create table bench_own (like " + table[1] + " including all)").update();
            byte[] rows;
            try (Connection connection = dataSource.getConnection()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("copy (select * from " + table[1] + " where " + table[2] + ") to stdout", out);
                rows = out.toByteArray();
            }
            long start = System.nanoTime();
            long copied;
            try (Connection connection = dataSource.getConnection()) {
                copied = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_own from stdin", new ByteArrayInputStream(rows));
            }
            double seconds = BenchSupport.seconds(start);
            total += seconds;
            line.append(String.format(Locale.ROOT, "%s%s %,d %.2f s", line.isEmpty() ? "" : ", ", table[0], copied,
                    seconds));
        }
        jdbc.sql("drop table if exists bench_own").update();
        System.out.printf(Locale.ROOT, "the night's own rows copied into empty tables like theirs: %s = %.2f s%n", line,
                total);
        return total;
    }

    /** PERFORMANCE.md P6's allocation side: P7's agencies, contracts and collectors ({@link BenchAgencies}), from {@code from}. */
    static void agencies(JdbcClient jdbc, UUID institution, UUID admin, long cases, LocalDate from) {
        BenchAgencies.create(jdbc, institution, admin, cases, from, 1, from.plusDays(90));
        jdbc.sql("drop table bench_agency").update();
    }

    /** 50 segments of eight days past due each, champion and challenger, the last one open-ended. */
    static StrategyDefinition strategy(UUID template) {
        List<Segment> segments = new ArrayList<>();
        for (int band = 0; band < 50; band++) {
            int min = band * 8 + 1;
            Integer max = band == 49 ? null : min + 7;
            // The champion places on the day after entering, so that a regular night places and assigns the cases
            // that entered the night before (and plans their calls for the agencies' collectors).
            List<Step> champion = List.of(new Step(0, "SMS", template.toString()), new Step(1, "PLACE_WITH_AGENCY", null),
                    new Step(1, "VOICE", null), new Step(7, "VOICE", null));
            List<Step> challenger = List.of(new Step(0, "VOICE", null), new Step(2, "SMS", template.toString()),
                    new Step(5, "PLACE_WITH_AGENCY", null));
            segments.add(new Segment("DPD " + min + (max == null ? "+" : "–" + max),
                    new Conditions(null, min, max, band % 2 == 0 ? BigDecimal.ZERO : null, null, null, null), null,
                    List.of(new Variant("champion", 80, champion), new Variant("challenger", 20, challenger))));
        }
        return new StrategyDefinition("基准策略", segments);
    }

    /** The contact tasks the night wrote, if the platform plans tasks yet (0 otherwise). */
    private static long tasksWritten(JdbcClient jdbc) {
        boolean planned = jdbc.sql("select to_regclass('contact.task') is not null").query(Boolean.class).single();
        return planned ? jdbc.sql("select count(*) from contact.task").query(Long.class).single() : 0;
    }

    /** R1: the columns the night reads, for every case, streamed out of PostgreSQL and dropped. */
    private static double readCeiling(DataSource dataSource, UUID institution) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                    copy (select id, borrower_id, product, province, due_date, principal_outstanding,
                                 interest_outstanding, fees_outstanding, penalty_outstanding
                            from cases.account where institution_id = '%s') to stdout
                    """.formatted(institution), OutputStream.nullOutputStream());
        }
        return BenchSupport.seconds(start);
    }

    /** The write ceiling: a CSV of {@code tasks} rows of a task's width copied into an indexed table. */
    private static double taskCopy(DataSource dataSource, JdbcClient jdbc, long tasks) throws Exception {
        jdbc.sql("drop table if exists bench_task").update();
        jdbc.sql("""
                create table bench_task (id uuid primary key, case_id uuid not null, business_date date not null,
                    channel text not null, contact_point_id uuid, template_id uuid, holder uuid, status text not null)
                """).update();
        jdbc.sql("create index on bench_task (holder, business_date)").update();
        Path csv = Files.createTempFile("tasks", ".csv");
        try {
            try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai"));
                for (long n = 0; n < tasks; n++) {
                    out.write(new UUID(n, 1) + "," + new UUID(n, 2) + "," + day + "," + (n % 2 == 0 ? "SMS" : "VOICE") + ","
                            + new UUID(n, 3) + ",," + new UUID(n % 2000, 4) + ",OPEN\n");
                }
            }
            long start = System.nanoTime();
            try (Connection connection = dataSource.getConnection(); Reader in = Files.newBufferedReader(csv)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_task from stdin (format csv)", in);
            }
            return BenchSupport.seconds(start);
        } finally {
            Files.deleteIfExists(csv);
        }
    }
}
