package org.recourse.allocation;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An agency administrator's request to assign placed cases to collectors.
 *
 * <p>Which cases: the named {@code caseIds} (each must be placed with the agency now; assigned ones are reassigned),
 * or else every live placement of the agency that has no collector yet ({@code includeAssigned}: those with one
 * too, to share them out anew), narrowed by {@code institutionId} and {@code buckets} (the case's bucket today by
 * its institution's bands). To whom: the named {@code collectors} in their order, or else every enabled collector
 * of the agency by username; {@code percent} is needed by {@code PERCENT}, {@code capacity} (most open cases) by
 * {@code CAPACITY}. {@code sameBorrower}: all live cases of one borrower with the agency go to one collector (the
 * one who already holds one of them, if any). Moving a case from one collector to another needs a
 * {@code reason}. {@code preview}: answer the plan, write nothing.
 */
public record AssignCases(@Nullable AssignmentMode mode, @Nullable Boolean sameBorrower,
        @Nullable List<Share> collectors, @Nullable List<UUID> caseIds, @Nullable UUID institutionId,
        @Nullable List<String> buckets, @Nullable Boolean includeAssigned, @Nullable String reason,
        @Nullable Boolean preview) {

    /** A collector taking part, with what the mode needs of them. */
    public record Share(@Nullable UUID collectorId, @Nullable BigDecimal percent, @Nullable Integer capacity) {
    }

    boolean previewOnly() {
        return Boolean.TRUE.equals(preview);
    }

    boolean keepBorrowersTogether() {
        return Boolean.TRUE.equals(sameBorrower);
    }
}
