package org.recourse.compliance;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;

/** Changes to what the compliance engine enforces; each goes to the audit trail (no personal data in details). */
public sealed interface ComplianceEvent extends AuditableEvent {

    record PolicyChanged(UUID institution, String pack, int version, String overrides, String reason, Actor actor)
            implements ComplianceEvent {
        public String action() { return "compliance.policy_changed"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "institution/" + institution + "/policy/" + version; }
        public Map<String, String> details() { return Map.of("pack", pack, "overrides", overrides, "reason", reason); }
    }

    record OutboundNumberRegistered(UUID organisation, UUID number, String label, Actor actor)
            implements ComplianceEvent {
        public String action() { return "compliance.outbound_number_registered"; }
        public UUID organisationId() { return organisation; }
        public String subject() { return "organisation/" + organisation + "/outbound-number/" + number; }
        public Map<String, String> details() { return Map.of("label", label); }
    }

    record OutboundNumberRemoved(UUID organisation, UUID number, Actor actor) implements ComplianceEvent {
        public String action() { return "compliance.outbound_number_removed"; }
        public UUID organisationId() { return organisation; }
        public String subject() { return "organisation/" + organisation + "/outbound-number/" + number; }
        public Map<String, String> details() { return Map.of(); }
    }

    /** A complaint entered the register; its summary (personal data) is never in the trail. */
    record ComplaintRecorded(UUID institution, UUID complaint, UUID caseId, @Nullable UUID agency, String source,
            String category, Actor actor) implements ComplianceEvent {
        public String action() { return "compliance.complaint_recorded"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "case/" + caseId + "/complaint/" + complaint; }
        public Map<String, String> details() {
            Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("source", source);
            details.put("category", category);
            details.put("attributedTo", agency == null ? "institution" : "agency/" + agency);
            return details;
        }
    }

    /** A complaint's summary given in full (personal data revealed); the summary itself is never in the trail. */
    record ComplaintRevealed(UUID institution, UUID complaint, UUID caseId, Actor actor) implements ComplianceEvent {
        public String action() { return "personal_data.revealed"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "case/" + caseId + "/complaint/" + complaint; }
        public Map<String, String> details() { return Map.of("fields", "summary"); }
    }
}
