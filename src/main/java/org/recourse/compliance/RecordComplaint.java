package org.recourse.compliance;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A complaint received about a case: from whom ({@link ComplaintDesk#SOURCES}), of what kind
 * ({@link ComplaintDesk#CATEGORIES}), when (an ISO instant, not in the future) and what it says (free text; may hold
 * personal data, so it is encrypted at rest and never logged).
 */
public record RecordComplaint(@Nullable UUID caseId, @Nullable String source, @Nullable String category,
        @Nullable String receivedAt, @Nullable String summary) {
}
