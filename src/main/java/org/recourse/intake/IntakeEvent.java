package org.recourse.intake;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;

/** What happens to a batch; each goes to the audit trail. */
public sealed interface IntakeEvent extends AuditableEvent {

    record BatchReceived(UUID batch, UUID institution, @Nullable Actor actor, String source) implements IntakeEvent {
        public String action() { return "intake.batch_received"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "intake-batch/" + batch; }
        public Map<String, String> details() { return Map.of("source", source); }
    }

    record BatchCompleted(UUID batch, UUID institution, long total, long accepted, long rejected, long created,
                          long updated) implements IntakeEvent {
        public String action() { return "intake.batch_completed"; }
        public UUID organisationId() { return institution; }
        public @Nullable Actor actor() { return null; }
        public String subject() { return "intake-batch/" + batch; }
        public Map<String, String> details() {
            return Map.of("total", Long.toString(total), "accepted", Long.toString(accepted),
                    "rejected", Long.toString(rejected), "created", Long.toString(created),
                    "updated", Long.toString(updated));
        }
    }

    record BatchFailed(UUID batch, UUID institution, String code) implements IntakeEvent {
        public String action() { return "intake.batch_failed"; }
        public UUID organisationId() { return institution; }
        public @Nullable Actor actor() { return null; }
        public String subject() { return "intake-batch/" + batch; }
        public Map<String, String> details() { return Map.of("code", code); }
    }

    /** Rejected rows were downloaded in full (they hold personal data): who and which batch. */
    record RejectedRowsDownloaded(UUID batch, UUID institution, Actor actor) implements IntakeEvent {
        public String action() { return "personal_data.revealed"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "intake-batch/" + batch + "/rejected-rows"; }
        public Map<String, String> details() { return Map.of("fields", "rejected rows"); }
    }
}
