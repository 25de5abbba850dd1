package org.recourse.compliance.screening;

import java.util.Objects;

/**
 * One thing screening found. {@code start} and {@code end} are Java {@code char} offsets into the text as
 * given, {@code end} exclusive, so an emoji before a finding counts two; a finding about the whole text (a
 * missing disclosure) has both at 0. {@code term} is the listed term that matched, or for personal data the
 * kind of number, never the number itself.
 */
public record ScreeningFinding(ScreeningCategory category, String ruleId, ScreeningOutcome severity, int start,
        int end, String term) {

    public ScreeningFinding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(term, "term");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("A finding spans from its start up to its end: " + start + ".." + end);
        }
        if (severity == ScreeningOutcome.ALLOW) {
            throw new IllegalArgumentException("A finding asks for review or blocks");
        }
    }
}
