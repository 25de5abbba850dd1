package org.recourse.compliance;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A decision as the API and screens show it, messages in the reader's language.
 *
 * @param borrowerLocalTime the borrower's wall-clock time when it was made, in {@code borrowerZone}
 * @param reservationExpiresAt until when an ALLOW may be acted on (and, for a capped channel, holds its slot)
 */
public record DecisionView(UUID decisionId, String outcome, PolicyRef policy, Instant evaluatedAt,
        LocalDateTime borrowerLocalTime, String borrowerZone, UUID caseId, UUID contactPointId, String channel,
        String purpose, List<RuleView> rules, @Nullable Instant nextAllowedAt, @Nullable Instant reservationExpiresAt) {

    /** The pack and version that decided, and the institution's overlay version (0: none). */
    public record PolicyRef(String pack, String version, int overlayVersion) {
    }

    /** One rule's verdict in words, with the source it rests on. */
    public record RuleView(String ruleId, String outcome, String message, String source,
            @Nullable Instant nextAllowedAt) {
    }
}
