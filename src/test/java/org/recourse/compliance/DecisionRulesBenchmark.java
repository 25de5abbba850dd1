package org.recourse.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
import org.recourse.cases.CaseStatus;
import org.recourse.cases.CaseViews.ContactKind;
import org.recourse.cases.CaseViews.ContactOwner;
import org.recourse.cases.CaseViews.ContactPoint;
import org.recourse.cases.ContactTargets.ContactTarget;
import org.recourse.compliance.LedgerFacts.Entry;
import org.recourse.shared.ContactChannel;

/**
 * PERFORMANCE.md P8, in process: the rules of one decision evaluated against facts already read (the
 * Chinese pack, a borrower with a busy day in the ledger). What is left of a decision's cost after this is
 * reading the facts and writing the decision: database round trips, HTTP, JSON.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.openjdk.jmh.Main \
 *     -Dexec.args="DecisionRulesBenchmark -f 0 -wi 3 -i 5 -w 2s -r 2s"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionRulesBenchmark {

    private DecisionContext call;
    private DecisionContext thirdParty;

    @Setup(Level.Trial)
    public void facts() {
        Policy policy = new Policy(new PolicyPacks().get(PolicyPacks.DEFAULT_PACK), 0, Map.of());
        UUID mobile = UUID.randomUUID();
        ContactPoint borrower = new ContactPoint(mobile, ContactKind.MOBILE, ContactOwner.BORROWER, null, "138****8000",
                "INTAKE");
        ContactPoint contact = new ContactPoint(UUID.randomUUID(), ContactKind.MOBILE, ContactOwner.THIRD_PARTY, "配偶",
                "139****1111", "INTAKE");
        ContactTarget target = new ContactTarget(UUID.randomUUID(), UUID.randomUUID(), CaseStatus.ACTIVE, borrower,
                List.of(mobile), List.of());
        List<Entry> today = new ArrayList<>();
        today.add(new Entry(ContactChannel.VOICE, AttemptResult.CONNECTED, mobile, null));
        today.add(new Entry(ContactChannel.VOICE, AttemptResult.NO_ANSWER, mobile, null));
        today.add(new Entry(ContactChannel.SMS, AttemptResult.SENT, mobile, null));
        today.add(new Entry(ContactChannel.VOICE, null, mobile, Instant.parse("2026-11-25T02:05:00Z")));
        LedgerFacts facts = new LedgerFacts(List.copyOf(today), false, false, false, false, false);
        Instant ten = LocalDate.of(2026, 11, 25).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        call = new DecisionContext(policy, target, borrower, ContactChannel.VOICE, Purpose.COLLECT, false, false, true,
                1, ten, facts);
        thirdParty = new DecisionContext(policy, target, contact, ContactChannel.VOICE, Purpose.RESTORE_CONTACT, false,
                false, true, 1, ten, new LedgerFacts(List.copyOf(today), false, false, true, false, false));
    }

    @Benchmark
    public void callToTheBorrower(Blackhole sink) {
        for (ContactRules.ContactRule rule : ContactRules.ALL) {
            Optional<RuleResult> result = rule.evaluate(call);
            sink.consume(result);
        }
    }

    @Benchmark
    public void callToAThirdParty(Blackhole sink) {
        for (ContactRules.ContactRule rule : ContactRules.ALL) {
            sink.consume(rule.evaluate(thirdParty));
        }
    }
}
