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

    /** The institution chose how the nightly step shares its cases among the contracts in force. */
    record RuleChanged(UUID institution, PlacementRule rule, Actor actor) implements PlacementEvent {
        public String action() { return "placement.rule_changed"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "institution/" + institution + "/placement-rule"; }
        public Map<String, String> details() { return Map.of("rule", rule.name()); }
    }

    /**
     * One night's placing for the institution (the platform's, no actor): the cases whose path said so, those
     * placed, those no contract in force could take, and those the agencies' standing rules gave a collector.
     */
    record PlacedByRule(UUID institution, java.time.LocalDate businessDate, PlacementRule rule, long due, long placed,
            long unplaced, long assigned) implements PlacementEvent {
        public String action() { return "placement.placed_by_rule"; }
        public UUID organisationId() { return institution; }
        public @Nullable Actor actor() { return null; }
        public String subject() { return "institution/" + institution + "/placements/" + businessDate; }
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("rule", rule.name());
            details.put("due", Long.toString(due));
            details.put("placed", Long.toString(placed));
            details.put("unplaced", Long.toString(unplaced));
            details.put("assigned", Long.toString(assigned));
            return details;
        }
    }
}
