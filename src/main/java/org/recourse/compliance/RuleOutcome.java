package org.recourse.compliance;

/** What one rule said about one contact attempt. */
public enum RuleOutcome {
    PASS, FAIL, NOT_APPLICABLE
}
