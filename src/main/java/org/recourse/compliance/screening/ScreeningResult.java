package org.recourse.compliance.screening;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The answer for one text: the outcome (the most severe finding's, or allow), the findings in the order of
 * the text, and the version of the term list that was used, so a stored decision can be explained later.
 */
public record ScreeningResult(ScreeningOutcome outcome, List<ScreeningFinding> findings, String termsVersion) {

    private static final Comparator<ScreeningFinding> IN_TEXT_ORDER = Comparator
            .comparingInt(ScreeningFinding::start)
            .thenComparingInt(ScreeningFinding::end)
            .thenComparing(ScreeningFinding::ruleId);

    public ScreeningResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(termsVersion, "termsVersion");
        findings = List.copyOf(findings);
    }

    static ScreeningResult of(List<ScreeningFinding> findings, String termsVersion) {
        ScreeningOutcome outcome = ScreeningOutcome.ALLOW;
        for (ScreeningFinding finding : findings) {
            outcome = outcome.atLeast(finding.severity());
        }
        return new ScreeningResult(outcome, findings.stream().sorted(IN_TEXT_ORDER).toList(), termsVersion);
    }

    /** A template with any blocking finding cannot be approved; a message with one cannot be sent. */
    public boolean blocked() {
        return outcome == ScreeningOutcome.BLOCK;
    }
}
