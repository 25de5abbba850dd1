package org.recourse.compliance;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One rule's verdict, kept with the decision: the message is stored as a key and its arguments (never
 * personal data), so that it can be read in the reader's language however long after.
 *
 * @param rule the rule's name within its pack, e.g. {@code QUIET_HOURS} (its id is the pack prefix, a dot and this)
 * @param nextAllowedAt for a failure that time will cure, when it will be cured; null otherwise
 */
public record RuleResult(String rule, RuleOutcome outcome, List<String> arguments, String source,
        @Nullable Instant nextAllowedAt) {

    static RuleResult pass(String rule, String source, String... arguments) {
        return new RuleResult(rule, RuleOutcome.PASS, List.of(arguments), source, null);
    }

    static RuleResult fail(String rule, String source, @Nullable Instant nextAllowedAt, String... arguments) {
        return new RuleResult(rule, RuleOutcome.FAIL, List.of(arguments), source, nextAllowedAt);
    }

    static RuleResult notApplicable(String rule, String source) {
        return new RuleResult(rule, RuleOutcome.NOT_APPLICABLE, List.of(), source, null);
    }

    /** The message key: {@code compliance.rule.QUIET_HOURS.FAIL}. */
    public String messageKey() {
        return "compliance.rule." + rule + "." + outcome.name();
    }
}
