package org.recourse.allocation;

import org.jspecify.annotations.Nullable;

/**
 * How an agency's newly placed cases reach its collectors on the night they are placed, as its administrator set
 * it: by {@code mode} ({@link AssignmentMode#ROUND_ROBIN} or {@link AssignmentMode#CAPACITY}; null leaves them
 * unassigned), a borrower's cases together ({@code sameBorrower}), and a case that comes back to the agency to
 * the collector who last had it ({@code keepPrevious}) while they are enabled and below
 * {@code maxOpenPerCollector} (also the capacity of every collector in CAPACITY mode; null: no limit).
 */
public record StandingRule(@Nullable AssignmentMode mode, boolean sameBorrower, boolean keepPrevious,
        @Nullable Integer maxOpenPerCollector) {

    /** What an agency that never set a rule has: nothing assigned at night. */
    public static final StandingRule NONE = new StandingRule(null, false, false, null);

    /** Whether the night gives any case a collector at all. */
    public boolean assignsAny() {
        return mode != null || keepPrevious;
    }
}
