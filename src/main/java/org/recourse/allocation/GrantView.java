package org.recourse.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A grant as its agency reads it: to whom, why, until when, by whom, its cases, and how many of them are still
 * placed with the agency ({@code liveCases}: a recalled case leaves the grant with its placement).
 *
 * @param status {@code LIVE}, {@code EXPIRED} (its last day has passed) or {@code REVOKED}
 */
public record GrantView(UUID id, UUID collectorId, @Nullable String collectorName, String reason,
        @Nullable LocalDate until, Instant grantedAt, UUID grantedBy, @Nullable String grantedByName,
        @Nullable Instant revokedAt, @Nullable UUID revokedBy, String status, List<UUID> caseIds, int liveCases) {
}
