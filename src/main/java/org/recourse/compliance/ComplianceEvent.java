package org.recourse.compliance;

import java.util.Map;
import java.util.UUID;

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
}
