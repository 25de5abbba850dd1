package org.recourse.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.ContactChannel;

/**
 * A placement as both parties read it: which case, with which agency under which contract, since when and
 * until when, whether and why it was recalled, where the borrower's notice stands, and the agency's collector
 * it is assigned to (the last one for a recalled placement; null while unassigned). No personal data.
 */
public record PlacementView(UUID id, UUID caseId, String accountRef, UUID institutionId, String institutionName,
        UUID agencyId, String agencyName, UUID contractId, Instant placedAt, @Nullable String placedBy,
        LocalDate placedUntil, PlacementStatus status, @Nullable Instant recalledAt, @Nullable RecallKind recallKind,
        @Nullable String recallReason, @Nullable String recalledBy, Notice notice, @Nullable UUID collectorId,
        @Nullable String collectorName) {

    /** The outsourcing notice of this placement. */
    public record Notice(NoticeStatus status, @Nullable Instant sentAt, @Nullable ContactChannel channel) {
    }

    /** A page of placements, newest first; {@code next} continues after the last one, null on the last page. */
    public record Page(java.util.List<PlacementView> items, @Nullable String next) {
    }
}
