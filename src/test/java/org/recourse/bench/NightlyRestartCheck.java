package org.recourse.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.recourse.cases.DelinquencyBenchmark;
import org.recourse.daily.DailyStep;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.PersonalDataCipher;
import org.recourse.shared.time.AdjustableClock;
import org.recourse.strategy.MessageTemplate;
import org.recourse.strategy.NewTemplate;
import org.recourse.strategy.StrategyDesk;
import org.recourse.strategy.TemplateDesk;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * PERFORMANCE.md P6's restartability, tested: "kill it half way, restart, same result, no duplicates". A database on
 * disk is prepared as {@link NightlyPipelineBenchmark} sets it up (N cases, the 50-segment strategy, 50 agencies with
 * contracts and 2,000 collectors) and its first night run; then the night after it is queued and the directory copied.
 * <ol>
 * <li>The platform starts as a process of its own ({@link PlatformProcess}) on one copy and takes the queued night up;
 * when the step {@code --kill-in} (default {@code contact-plan}) has been running {@code --kill-delay-ms}, the
 * platform's JVM and its PostgreSQL are killed with SIGKILL.</li>
 * <li>The platform starts again on that directory; the night is resumed (its completed steps kept) and runs to its
 * end.</li>
 * <li>The same night runs uninterrupted on the other copy.</li>
 * </ol>
 * The two results must be equal — segments, case states, placements, assignments, tasks and the points they go to,
 * compared on everything but generated ids and moments — and neither may hold a duplicate. Exits non-zero otherwise,
 * or when the kill came too late to cut anything off.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.recourse.bench.NightlyRestartCheck -Dexec.args="--cases 100000"</pre>
 */
public final class NightlyRestartCheck {

    private static final Path ROOT = Path.of("target/nightly-restart");
    private static final Path DATA = ROOT.resolve("killed");
    private static final Path CLEAN = ROOT.resolve("clean");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private NightlyRestartCheck() {
    }

    public static void main(String[] args) throws Exception {
        long cases = BenchSupport.longArg(args, "--cases", 100_000);
        long killDelay = BenchSupport.longArg(args, "--kill-delay-ms", 300);
        String killIn = stringArg(args, "--kill-in", "contact-plan");
        FileSystemUtils.deleteRecursively(ROOT);
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate yesterday = today.minusDays(1);

        // 1. The database on disk, its first night run, the night after it queued; then a copy of it all.
        long start = System.nanoTime();
        try (ConfigurableApplicationContext app = PlatformProcess.prepare(DATA)) {
            AdjustableClock clock = (AdjustableClock) app.getBean(Clock.class);
            clock.set(yesterday.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
            SignedInUser user = BenchSupport.institution(app);
            UUID institution = user.organisationId();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String contacts = app.getBean(PersonalDataCipher.class).encrypt("{\"mobile\":\"13800138000\","
                    + "\"otherPhones\":[],\"address\":\"广东省深圳市南山区科技园路1号\",\"emergencyContactName\":null,"
                    + "\"emergencyContactPhone\":null}");
            DelinquencyBenchmark.generate(jdbc, institution, cases, today, contacts);
            NightlyPipelineBenchmark.agencies(jdbc, institution, user.userId(), cases, yesterday);
            MessageTemplate sms = app.getBean(TemplateDesk.class)
                    .add(user, new NewTemplate("逾期提醒", "SMS", "BORROWER", NightlyPipelineBenchmark.SMS));
            StrategyDesk strategies = app.getBean(StrategyDesk.class);
            UUID strategy = strategies.create(user, NightlyPipelineBenchmark.strategy(sms.id())).id();
            strategies.activate(user, strategy, yesterday.toString(), null);
            for (DailyStep step : app.getBeansOfType(DailyStep.class).values().stream()
                    .sorted(Comparator.comparingInt(DailyStep::order)).toList()) {
                step.run(yesterday, (processed, changed) -> { });
            }
            // Picked up by the platform's worker when it starts (it resumes unfinished runs at once).
            jdbc.sql("insert into daily.run (id, business_date, status, created_at) values (gen_random_uuid(), :d,"
                    + " 'QUEUED', now())").param("d", today).update();
        }
        copy(DATA, CLEAN);
        System.out.printf(Locale.ROOT, "prepared %,d cases, %d agencies, %,d collectors and the first night (%s) in"
                + " %.1f s%n", cases, BenchAgencies.AGENCIES,
                BenchAgencies.AGENCIES * BenchAgencies.COLLECTORS_PER_AGENCY, yesterday,
                BenchSupport.seconds(start));

        // 2. The night of today in the platform as its own process, killed while the step runs.
        Path log = ROOT.resolve("platform.log");
        PlatformProcess platform = PlatformProcess.start(DATA, List.of(), log);
        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        JdbcClient db = null;
        while (true) {
            if (!platform.process().isAlive()) {
                throw new IllegalStateException("The platform exited before the kill: see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The step " + killIn + " never ran: see " + log);
            }
            if (db == null) {
                db = connect(platform);
            }
            String status = db == null ? null : stepStatus(db, today, killIn);
            if ("COMPLETED".equals(status)) {
                throw new IllegalStateException("The step " + killIn + " completed before the kill: nothing was cut off");
            }
            if ("RUNNING".equals(status)) {
                TimeUnit.MILLISECONDS.sleep(killDelay);
                before.addAll(db.sql("select s.name || ' ' || s.status from daily.run_step s join daily.run r on r.id = s.run_id"
                        + " where r.business_date = :d order by s.position").param("d", today).query(String.class).list());
                // Where the placement's night stood (placed and waiting for the assignment's parts, or not yet).
                before.addAll(db.sql("select 'placement night: placed ' || placed || ', assigned ' || assigned"
                        + " || case when finished_at is null then ', unfinished' else ', finished' end"
                        + " from allocation.placement_night where business_date = :d").param("d", today)
                        .query(String.class).list());
                break;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long postmaster = platform.postmasterPid();
        List<ProcessHandle> postgres = new ArrayList<>(ProcessHandle.of(postmaster).stream().toList());
        ProcessHandle.of(postmaster).ifPresent(process -> process.children().forEach(postgres::add));
        platform.process().destroyForcibly().waitFor();
        new ProcessBuilder("kill", "-9", Long.toString(postmaster)).start().waitFor();
        awaitGone(postgres);
        System.out.printf(Locale.ROOT, "killed the platform and PostgreSQL %d ms into step %s; the steps just before: %s%n",
                killDelay, killIn, before);
        if (before.contains(killIn + " COMPLETED")) {
            throw new IllegalStateException("The step " + killIn + " completed before the kill: nothing was cut off");
        }

        // 3. Restart on the same directory: the night is resumed and finished. 4. The same night, uninterrupted.
        start = System.nanoTime();
        Map<String, String> resumed = finish(DATA, today);
        System.out.printf(Locale.ROOT, "restarted: the night resumed and completed in %.1f s%n", BenchSupport.seconds(start));
        start = System.nanoTime();
        Map<String, String> clean = finish(CLEAN, today);
        System.out.printf(Locale.ROOT, "clean run of the same night: %.1f s%n", BenchSupport.seconds(start));

        int differences = 0;
        for (String what : clean.keySet()) {
            boolean same = Objects.equals(clean.get(what), resumed.get(what));
            differences += same ? 0 : 1;
            System.out.printf(Locale.ROOT, "  %-44s clean %-40s restarted %-40s %s%n", what, clean.get(what),
                    resumed.get(what), same ? "same" : "DIFFERENT");
        }
        if (differences > 0) {
            throw new IllegalStateException(differences + " differences between the restarted night and a clean one");
        }
        System.out.println("restarted night = clean night, no duplicates");
    }

    /** Starts the platform on {@code data}, waits for the queued or cut-off night to complete; its fingerprint. */
    private static Map<String, String> finish(Path data, LocalDate date) throws Exception {
        try (ConfigurableApplicationContext app = PlatformProcess.prepare(data)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
            while (true) {
                String status = jdbc.sql("select status from daily.run where business_date = :d").param("d", date)
                        .query(String.class).single();
                if (status.equals("COMPLETED")) {
                    break;
                }
                if (status.equals("FAILED") || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The night of " + date + " ended " + status + " in " + data);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            return fingerprint(jdbc, date);
        }
    }

    /**
     * What the night leaves, compared on everything but generated ids and moments: counts, duplicates (must be 0)
     * and an md5 of each table's rows in a stable order.
     */
    static Map<String, String> fingerprint(JdbcClient jdbc, LocalDate date) {
        Map<String, String> print = new LinkedHashMap<>();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("tasks of the night", "select count(*) from contact.task where business_date = :d");
        queries.put("duplicate tasks (case, date, step)", """
                select count(*) - count(distinct (case_id, business_date, step_key)) from contact.task""");
        queries.put("duplicate tasks (case, date, action, day)", """
                select count(*) from (select 1 from contact.task group by case_id, business_date, action, day_offset,
                       segment_name, entered_on having count(*) > 1) x""");
        queries.put("open placements", "select count(*) from allocation.placement where recalled_at is null");
        queries.put("cases placed twice at once", """
                select count(*) from (select account_id from allocation.placement where recalled_at is null
                 group by account_id having count(*) > 1) x""");
        queries.put("open assignments", "select count(*) from allocation.assignment where ended_at is null");
        queries.put("placements assigned twice at once", """
                select count(*) from (select placement_id from allocation.assignment where ended_at is null
                 group by placement_id having count(*) > 1) x""");
        queries.put("cases in two segments at once", """
                select count(*) from (select case_id from strategy.case_segment where until is null
                 group by case_id having count(*) > 1) x""");
        queries.put("tasks ≠ the day's record", """
                select (select count(*) from contact.task where business_date = :d)
                     - (select coalesce(sum(planned), 0) from contact.plan_day where business_date = :d)""");
        queries.put("segments (md5)", """
                select md5(string_agg(concat_ws('|', case_id, applies_from, until, entered_on, segment_name,
                       variant_name, outstanding_at_entry, outstanding_at_exit), ',' order by case_id, applies_from))
                  from strategy.case_segment""");
        queries.put("case states (md5)", """
                select md5(string_agg(concat_ws('|', account_id, status, bucket, bucket_since, closed_on), ','
                       order by account_id)) from cases.case_state""");
        queries.put("placements (md5)", """
                select md5(string_agg(concat_ws('|', account_id, agency_id, contract_id, placed_until,
                       recalled_at is null, recall_kind), ',' order by account_id, agency_id, placed_until))
                  from allocation.placement""");
        queries.put("assignments (md5)", """
                select md5(string_agg(concat_ws('|', account_id, agency_id, collector_id, ended_at is null, end_kind),
                       ',' order by account_id, agency_id, collector_id)) from allocation.assignment""");
        queries.put("tasks (md5)", """
                select md5(string_agg(concat_ws('|', case_id, business_date, step_key, kind, action, channel,
                       contact_point_id, template_id, holder, agency_id, collector_id, status, segment_name,
                       variant_name, entered_on), ',' order by case_id, business_date, step_key))
                  from contact.task""");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            String sql = query.getValue();
            print.put(query.getKey(), Objects.toString(jdbc.sql(sql).params(sql.contains(":d")
                    ? Map.of("d", date) : Map.of()).query().singleValue()));
        }
        return print;
    }

    private static JdbcClient connect(PlatformProcess platform) {
        try {
            JdbcClient db = platform.database();
            db.sql("select 1 from daily.run limit 1").query().listOfRows();
            return db;
        } catch (IOException | RuntimeException e) {
            return null; // Not up yet: the pid file or the schema is not there.
        }
    }

    private static String stepStatus(JdbcClient db, LocalDate date, String step) {
        try {
            return db.sql("select s.status from daily.run_step s join daily.run r on r.id = s.run_id"
                    + " where r.business_date = :d and s.name = :n").param("d", date).param("n", step)
                    .query(String.class).optional().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** A copy as {@code cp -a} makes it: PostgreSQL refuses a data directory that others may read. */
    private static void copy(Path from, Path to) throws IOException, InterruptedException {
        Process copy = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        if (copy.waitFor() != 0) {
            throw new IllegalStateException("Could not copy " + from + " to " + to);
        }
    }

    /** Until the postmaster and every backend it had (they exit when it dies) are gone. */
    private static void awaitGone(List<ProcessHandle> postgres) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (postgres.stream().noneMatch(ProcessHandle::isAlive)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("PostgreSQL's processes did not exit after the kill");
    }
}
