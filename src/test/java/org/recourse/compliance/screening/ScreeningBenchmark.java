package org.recourse.compliance.screening;

import java.time.LocalDate;
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
 * Screening runs on every message: one SMS-sized message (about 70 characters), one clean and one with
 * findings, and a 2,000-character e-mail, each against the baseline of folding the text only. Not run in CI.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.openjdk.jmh.Main \
 *     -Dexec.args="ScreeningBenchmark -f 0 -wi 3 -i 5 -w 2s -r 2s"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScreeningBenchmark {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final String CLEAN_SMS = "【某某消费金融】尊敬的客户，您尾号1234的借款本期应还2,350.00元已到期，"
            + "请于今日通过官方App还款，如已还款请忽略。工号A1024";
    private static final String BAD_SMS = "你再不还钱，我们就找人上门收拾你，爆你通讯录，让你坐牢！加我微信转账，"
            + "卡号6216261000000000018，不还就等着吧";

    private ScreeningEngine engine;
    private String email;

    @Setup(Level.Trial)
    public void load() {
        engine = new ScreeningEngine(ScreeningTerms.load(ScreeningDesk.TERMS));
        StringBuilder text = new StringBuilder();
        while (text.length() < 2_000) {
            text.append(CLEAN_SMS).append(" Dear customer, your instalment is due today; please pay in the app.\n");
        }
        email = text.substring(0, 2_000);
    }

    /** Baseline: fold a message only (lower case, widths, whitespace), as screening does first. */
    @Benchmark
    public void foldOnly(Blackhole hole) {
        hole.consume(ScreenText.of(CLEAN_SMS));
    }

    @Benchmark
    public void cleanSms(Blackhole hole) {
        hole.consume(engine.screen(CLEAN_SMS, ScreenedChannel.SMS, Recipient.BORROWER, TODAY));
    }

    @Benchmark
    public void smsWithFindings(Blackhole hole) {
        hole.consume(engine.screen(BAD_SMS, ScreenedChannel.SMS, Recipient.BORROWER, TODAY));
    }

    @Benchmark
    public void email(Blackhole hole) {
        hole.consume(engine.screen(email, ScreenedChannel.EMAIL, Recipient.THIRD_PARTY, TODAY));
    }
}
