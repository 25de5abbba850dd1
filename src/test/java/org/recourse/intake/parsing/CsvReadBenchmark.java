package org.recourse.intake.parsing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import org.recourse.intake.SampleAccounts;
import org.recourse.intake.parsing.TabularFile.Row;
import org.recourse.intake.parsing.TabularFiles.Limits;

/**
 * Reading alone, without validation or the database: opens a generated account file (the strict encoding pass)
 * and streams all its rows, several times in one JVM after the same warm-up. Prints both wall times per run, and
 * the reading thread's CPU for the rows, which other load on the machine disturbs less (GC threads not included).
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.recourse.intake.parsing.CsvReadBenchmark -Dexec.args="--rows 1000000"</pre>
 */
public final class CsvReadBenchmark {

    private static final int WARMUP_RUNS = 2;

    private static final int MEASURED_RUNS = 5;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CsvReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length == 2 && args[0].equals("--rows") ? Long.parseLong(args[1].replace("_", "")) : 1_000_000;
        Path directory = Path.of("target", "bench");
        Files.createDirectories(directory);
        Path csv = directory.resolve("csv-read-" + rows + ".csv");
        if (!Files.exists(csv)) {
            // A fixed date keeps the file identical from run to run, so timings before and after a change compare.
            new SampleAccounts(42, LocalDate.of(2026, 1, 15)).writeCsv(csv, rows, 0.01);
        }
        System.out.printf(Locale.ROOT, "%s: %,d rows, %.1f MB%n", csv, rows, Files.size(csv) / 1e6);
        for (int run = 1; run <= WARMUP_RUNS; run++) {
            read(csv, rows, "warm-up " + run);
        }
        double[] times = new double[MEASURED_RUNS];
        for (int run = 1; run <= MEASURED_RUNS; run++) {
            times[run - 1] = read(csv, rows, "run " + run);
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "rows: median %.2f s, best %.2f s of %d runs%n", times[MEASURED_RUNS / 2],
                times[0], MEASURED_RUNS);
    }

    /** @return the seconds spent streaming the rows, after the open */
    private static double read(Path csv, long expectedRows, String label) {
        long start = System.nanoTime();
        long count = 0;
        long chars = 0;
        long opened;
        long cpu;
        try (TabularFile file = TabularFiles.open(csv, new Limits(Long.MAX_VALUE, Long.MAX_VALUE))) {
            opened = System.nanoTime();
            cpu = THREADS.getCurrentThreadCpuTime();
            for (Iterator<Row> rows = file.rows(); rows.hasNext();) {
                Row row = rows.next();
                count++;
                // Touches every cell, as the validator does, so that no reading work can be skipped.
                for (String cell : row.cells()) {
                    chars += cell.length();
                }
            }
        }
        long end = System.nanoTime();
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (count != expectedRows) {
            throw new IllegalStateException("read " + count + " rows, expected " + expectedRows);
        }
        System.out.printf(Locale.ROOT,
                "%-9s open (encoding pass) %5.2f s, rows %5.2f s (thread CPU %5.2f s), total %5.2f s (%,d chars)%n",
                label, (opened - start) / 1e9, (end - opened) / 1e9, cpu / 1e9, (end - start) / 1e9, chars);
        return (end - opened) / 1e9;
    }
}
