package org.recourse.bench;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.postgresql.PGConnection;
import org.recourse.intake.BatchView;
import org.recourse.intake.IntakeDesk;
import org.recourse.intake.SampleAccounts;
import org.recourse.registry.SignedInUser;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PERFORMANCE.md P1 (and P3 with {@code --xlsx}): end-to-end intake of a generated account file (file
 * open → commit) against the same run's physical baselines on the same machine and database:
 * A3 = {@code COPY} of the file's clean rows into a table of the file's shape with PK + 3 secondary
 * indexes (account ref, ID number, mobile), A1 = the same into a PK-only table. Prints times and ratios.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.recourse.bench.IntakeBenchmark -Dexec.args="--rows 1000000"</pre>
 *
 * The XLSX leg measures heap as the sum of the heap pools' peaks; it only says something about the
 * 512 MB target when the JVM is capped, e.g. {@code MAVEN_OPTS=-Xmx512m}.
 */
public final class IntakeBenchmark {

    private static final String BASELINE_COLUMNS = """
            (account_ref text, product text, borrower_name text, id_number text, mobile text, other_phones text,
             address text, province text, city text, emergency_contact_name text, emergency_contact_relation text,
             emergency_contact_phone text, loan_amount numeric(19,4), term_months integer, loan_date date,
             due_date date, principal_outstanding numeric(19,4), interest_outstanding numeric(19,4),
             fees_outstanding numeric(19,4), penalty_outstanding numeric(19,4), currency char(3))
            """;

    private static final long WARMUP_ROWS = 200_000;

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = BenchSupport.longArg(args, "--rows", 1_000_000);
        boolean xlsx = List.of(args).contains("--xlsx");
        Path directory = Path.of("target", "bench");
        Files.createDirectories(directory);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        SampleAccounts sample = new SampleAccounts(42, today);
        Path csv = directory.resolve("accounts-" + rows + ".csv");
        Path clean = directory.resolve("accounts-" + rows + "-clean.csv");
        long generating = System.nanoTime();
        sample.writeCsv(csv, rows, 0.01);
        long cleanRows = writeClean(sample, clean, rows);
        System.out.printf(Locale.ROOT, "generated %,d rows (%,d clean, %.1f MB) in %.1f s%n", rows, cleanRows,
                Files.size(csv) / 1e6, BenchSupport.seconds(generating));

        try (ConfigurableApplicationContext app = BenchSupport.start(
                // A million rows of this template are ≈250 MB, above the 200 MB default for uploads.
                "--recourse.intake.max-file-size=1GB", "--logging.level.org.recourse.intake=info",
                "--logging.level.org.recourse.cases=debug")) {
            // A server that has been up for a while has its intake code compiled; a benchmark started a second
            // ago is still compiling it (measured: the JIT's threads took ≈ 6 s of CPU during the load). So a
            // smaller file goes first into another institution, unmeasured, as JMH warms up before measuring.
            long warmupRows = Math.min(rows, WARMUP_ROWS);
            Path warmup = directory.resolve("accounts-warmup-" + warmupRows + ".csv");
            new SampleAccounts(7, today).writeCsv(warmup, warmupRows, 0.01);
            intake(app.getBean(IntakeDesk.class), BenchSupport.institution(app), warmup, "warm-up CSV", warmupRows);

            SignedInUser institution = BenchSupport.institution(app);
            DataSource dataSource = app.getBean(DataSource.class);
            JdbcClient jdbc = JdbcClient.create(dataSource);

            double intake = intake(app.getBean(IntakeDesk.class), institution, csv, "CSV", rows);
            double a3 = copy(dataSource, jdbc, clean, true);
            double a1 = copy(dataSource, jdbc, clean, false);
            System.out.printf(Locale.ROOT, "%nP1 CSV intake  %8.2f s  %,9.0f rows/s end to end%n", intake, rows / intake);
            System.out.printf(Locale.ROOT, "A3 COPY indexed %7.2f s  %,9.0f rows/s  (clean rows, PK + 3 indexes)%n", a3,
                    cleanRows / a3);
            System.out.printf(Locale.ROOT, "A1 COPY PK only %7.2f s  %,9.0f rows/s%n", a1, cleanRows / a1);
            System.out.printf(Locale.ROOT, "ratio P1 / A3 = %.2f (target <= 1.5, ambitious <= 1.0); P1 / A1 = %.2f%n",
                    intake / a3, intake / a1);
            if (xlsx) {
                Path workbook = directory.resolve("accounts-" + rows + ".xlsx");
                sample.writeXlsx(workbook, rows, 0.01);
                SignedInUser second = BenchSupport.institution(app);
                resetPeakHeap();
                double excel = intake(app.getBean(IntakeDesk.class), second, workbook, "XLSX", rows);
                System.out.printf(Locale.ROOT, "P3 XLSX intake %8.2f s  %,9.0f rows/s = %.0f %% of the CSV rate; "
                        + "peak heap in use %.0f MB (target >= 25 %%, < 512 MB; run with MAVEN_OPTS=-Xmx512m to hold "
                        + "it to the limit)%n", excel, rows / excel,
                        100 * intake / excel, peakHeapMb());
            }
        }
    }

    private static double intake(IntakeDesk desk, SignedInUser user, Path file, String format, long rows)
            throws Exception {
        long start = System.nanoTime();
        UUID batch;
        try (InputStream content = Files.newInputStream(file)) {
            batch = desk.receiveFile(user, content, file.getFileName().toString(), null).batch().batchId();
        }
        UUID id = batch;
        BatchView view = Awaitility.await("the " + format + " batch").atMost(Duration.ofHours(1))
                // Polled on this thread: it carries the signed-in institution the secured desk asks for.
                .pollInSameThread().pollInterval(Duration.ofMillis(20))
                .until(() -> desk.batch(user, id), BatchView::finished);
        double elapsed = BenchSupport.seconds(start);
        if (view.failure() != null || view.totalRows() != rows) {
            throw new IllegalStateException(format + " batch did not complete as expected: " + view);
        }
        System.out.printf(Locale.ROOT, "%s batch: %,d rows, %,d accepted, %,d rejected, %,d created%n", format,
                view.totalRows(), view.acceptedRows(), view.rejectedRows(), view.createdAccounts());
        return elapsed;
    }

    private static double copy(DataSource dataSource, JdbcClient jdbc, Path clean, boolean indexed) throws Exception {
        String table = indexed ? "bench_a3" : "bench_a1";
        jdbc.sql("drop table if exists " + table).update();
        jdbc.sql("create table " + table + " " + BASELINE_COLUMNS.replaceFirst("\\(account_ref text",
                "(id bigint generated always as identity primary key, account_ref text")).update();
        if (indexed) {
            jdbc.sql("create unique index on bench_a3 (account_ref)").update();
            jdbc.sql("create index on bench_a3 (id_number)").update();
            jdbc.sql("create index on bench_a3 (mobile)").update();
        }
        String columns = "account_ref, product, borrower_name, id_number, mobile, other_phones, address, province, city,"
                + " emergency_contact_name, emergency_contact_relation, emergency_contact_phone, loan_amount,"
                + " term_months, loan_date, due_date, principal_outstanding, interest_outstanding, fees_outstanding,"
                + " penalty_outstanding, currency";
        long start = System.nanoTime();
        try (var connection = dataSource.getConnection(); Reader reader = Files.newBufferedReader(clean)) {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + table + " (" + columns + ") from stdin (format csv, header true)", reader);
        }
        return BenchSupport.seconds(start);
    }

    private static long writeClean(SampleAccounts sample, Path clean, long rows) throws Exception {
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(clean, StandardCharsets.UTF_8)) {
            out.write(String.join(",", SampleAccounts.COLUMNS));
            out.write('\n');
            for (long index = 1; index <= rows; index++) {
                if (sample.badRowAt(index, 0.01) == null) {
                    List<String> row = sample.row(index, null);
                    for (int i = 0; i < row.size(); i++) {
                        if (i > 0) {
                            out.write(',');
                        }
                        String cell = row.get(i);
                        out.write(cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0
                                ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
                    }
                    out.write('\n');
                    written++;
                }
            }
        }
        return written;
    }

    private static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static double peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum() / 1e6;
    }
}
