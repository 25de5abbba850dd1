package org.recourse.cases;

import java.util.Map;
import java.util.UUID;

import org.recourse.shared.AuditableEvent;

/** What people do to cases; every one of them goes to the audit trail (no personal data in details). */
public sealed interface CaseEvent extends AuditableEvent {

    record StatusChanged(UUID institution, UUID caseId, CaseStatus from, CaseStatus to, String reason, Actor actor)
            implements CaseEvent {
        public String action() { return "case.status_changed"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "case/" + caseId; }
        public Map<String, String> details() { return Map.of("from", from.name(), "to", to.name(), "reason", reason); }
    }

    record HoldSet(UUID institution, UUID caseId, UUID hold, HoldKind kind, String reason, Actor actor)
            implements CaseEvent {
        public String action() { return "case.hold_set"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "case/" + caseId + "/hold/" + hold; }
        public Map<String, String> details() { return Map.of("kind", kind.name(), "reason", reason); }
    }

    record HoldLifted(UUID institution, UUID caseId, UUID hold, String reason, Actor actor) implements CaseEvent {
        public String action() { return "case.hold_lifted"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "case/" + caseId + "/hold/" + hold; }
        public Map<String, String> details() { return Map.of("reason", reason); }
    }

    /** A user saw the borrower's personal data in full. */
    record BorrowerRevealed(UUID institution, UUID caseId, Actor actor) implements CaseEvent {
        public String action() { return "personal_data.revealed"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "case/" + caseId + "/borrower"; }
        public Map<String, String> details() { return Map.of("fields", "name,idNumber,contactPoints"); }
    }

    record SettingsChanged(UUID institution, String zone, String buckets, Actor actor) implements CaseEvent {
        public String action() { return "case.settings_changed"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "institution/" + institution + "/delinquency"; }
        public Map<String, String> details() { return Map.of("zone", zone, "buckets", buckets); }
    }
}
