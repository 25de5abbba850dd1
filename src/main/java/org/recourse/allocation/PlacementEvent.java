package org.recourse.allocation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;
import org.recourse.shared.ContactChannel;

/**
 * What happens to placements; each goes to the audit trail, filed under the institution (the tenant). The
 * placements themselves are their own record, case by case (who placed, who recalled, when, why); the trail
 * keeps each request.
 */
public sealed interface PlacementEvent extends AuditableEvent {

    /** Cases placed under a contract by one request. */
    record CasesPlaced(UUID institution, UUID contract, UUID agency, int placed, int refused, Actor actor)
            implements PlacementEvent {
        public String action() { return "placement.placed"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "contract/" + contract + "/placements"; }
        public Map<String, String> details() {
            return Map.of("agency", agency.toString(), "placed", Integer.toString(placed), "refused",
                    Integer.toString(refused));
        }
    }

    /** One placement recalled at the institution's request. */
    record Recalled(UUID institution, UUID placement, UUID caseId, UUID agency, String reason, Actor actor)
            implements PlacementEvent {
        public String action() { return "placement.recalled"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "case/" + caseId + "/placement/" + placement; }
        public Map<String, String> details() {
            return Map.of("agency", agency.toString(), "kind", RecallKind.REQUEST.name(), "reason", reason);
        }
    }

    /** Placements of one contract recalled together: their period ended, or the contract left force. */
    record RecalledTogether(UUID institution, UUID contract, UUID agency, RecallKind kind, long count,
            @Nullable Actor actor) implements PlacementEvent {
        public String action() { return "placement.recalled"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "contract/" + contract + "/placements"; }
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("agency", agency.toString());
            details.put("kind", kind.name());
            details.put("count", Long.toString(count));
            return details;
        }
    }

    /** The institution recorded that the borrower was told of the entrustment. */
    record NoticeSent(UUID institution, UUID placement, UUID caseId, ContactChannel channel, Instant sentAt,
            Actor actor) implements PlacementEvent {
        public String action() { return "placement.notice_sent"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "case/" + caseId + "/placement/" + placement + "/notice"; }
        public Map<String, String> details() {
            return Map.of("channel", channel.name(), "sentAt", sentAt.toString());
        }
    }
}
