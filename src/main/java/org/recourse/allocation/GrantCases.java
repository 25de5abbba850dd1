package org.recourse.allocation;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An agency administrator's request to let one of its collectors read and work cases placed with the agency that
 * are not assigned to them: why, and until which day (ISO date, inclusive; blank: until revoked).
 */
public record GrantCases(@Nullable UUID collectorId, @Nullable List<UUID> caseIds, @Nullable String reason,
        @Nullable String until) {
}
