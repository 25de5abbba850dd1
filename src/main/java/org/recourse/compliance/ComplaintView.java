package org.recourse.compliance;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A complaint as the institution reads it. {@code agencyId} is the agency that held the case when the complaint was
 * received (null: the institution itself held it). The summary is decrypted for the institution that recorded it,
 * with its numbers masked unless revealed ({@code ComplaintDesk#reveal}, audited).
 */
public record ComplaintView(UUID id, UUID caseId, @Nullable UUID agencyId, @Nullable String agencyName,
        String source, String category, Instant receivedAt, String summary, Instant recordedAt, UUID recordedBy) {
}
