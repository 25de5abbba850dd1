package org.recourse.compliance;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbound attempt was recorded against the decision that allowed it, published in the recording transaction.
 * Not an audit line (the ledger is the record); modules that track work done under a decision (the contact plan's
 * tasks) listen to it, so that compliance need not know them.
 */
public record OutboundAttemptRecorded(UUID institution, UUID decisionId, UUID attemptId, UUID caseId,
        AttemptResult result, Instant at) {
}
