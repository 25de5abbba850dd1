package org.recourse.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * PERFORMANCE.md P2: the validation kernel per row (ID number, phones, amounts, dates, term, currency,
 * lengths) against its baseline, splitting the same CSV lines into cells only. 10,000 generated rows,
 * 1 % of them bad, cycled.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.openjdk.jmh.Main \
 *     -Dexec.args="ValidationKernelBenchmark -f 0 -wi 3 -i 5 -w 2s -r 2s"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ValidationKernelBenchmark {

    private static final int ROWS = 10_000;

    private String[] lines;
    private List<List<String>> rows;
    private RowValidator validator;
    private int next;

    @Setup(Level.Trial)
    public void generate() {
        LocalDate today = LocalDate.of(2026, 11, 25);
        SampleAccounts sample = new SampleAccounts(42, today);
        lines = new String[ROWS];
        rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            List<String> row = sample.row(i + 1, sample.badRowAt(i + 1, 0.01));
            rows.add(row);
            // Commas inside addresses are replaced: the baseline is the plain split, not CSV quoting.
            lines[i] = String.join(",", row.stream().map(cell -> cell.replace(',', ' ')).toList());
        }
        validator = new RowValidator(HeaderMapping.of(SampleAccounts.COLUMNS), today);
    }

    /** Baseline: split one line into its cells. */
    @Benchmark
    public void splitOnly(Blackhole hole) {
        hole.consume(Arrays.asList(lines[next++ % ROWS].split(",", -1)));
    }

    /** Split the same line, then validate and normalise its cells into an account. */
    @Benchmark
    public void splitAndValidate(Blackhole hole) {
        List<String> cells = Arrays.asList(lines[next++ % ROWS].split(",", -1));
        hole.consume(validator.validate(cells));
    }
}
