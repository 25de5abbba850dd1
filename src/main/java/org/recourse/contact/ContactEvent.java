package org.recourse.contact;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;

/** What happens to contact tasks; each goes to the audit trail (no personal data: contact points by id only). */
public sealed interface ContactEvent extends AuditableEvent {

    /** The night planned tasks for an institution's business date (only when it planned any). */
    record TasksPlanned(UUID institution, LocalDate businessDate, long dueSteps, long planned, long skippedNoMobile,
            long skippedNoAddress, long skippedNoEmail) implements ContactEvent {
        public String action() { return "contact.tasks_planned"; }
        public UUID organisationId() { return institution; }
        public @Nullable Actor actor() { return null; }
        public String subject() { return "institution/" + institution + "/contact-plan/" + businessDate; }
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("dueSteps", Long.toString(dueSteps));
            details.put("planned", Long.toString(planned));
            details.put("skippedNoMobile", Long.toString(skippedNoMobile));
            details.put("skippedNoAddress", Long.toString(skippedNoAddress));
            details.put("skippedNoEmail", Long.toString(skippedNoEmail));
            return details;
        }
    }

    /** A decision was asked for a task (the decision itself is in the compliance log). */
    record TaskDecided(UUID institution, UUID task, UUID decision, String outcome, Actor actor) implements ContactEvent {
        public String action() { return "contact.task_decided"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "task/" + task; }
        public Map<String, String> details() {
            return Map.of("decision", decision.toString(), "outcome", outcome,
                    "byOrganisation", actor.organisationId().toString());
        }
    }

    /** An attempt recorded against the task's ALLOW completed it. */
    record TaskCompleted(UUID institution, UUID task, UUID decision, UUID attempt, String result)
            implements ContactEvent {
        public String action() { return "contact.task_completed"; }
        public UUID organisationId() { return institution; }
        public @Nullable Actor actor() { return null; }
        public String subject() { return "task/" + task; }
        public Map<String, String> details() {
            return Map.of("decision", decision.toString(), "attempt", attempt.toString(), "result", result);
        }
    }

    /** A queue task (internal queue, legal review) was closed with an outcome; its note (personal data) is not here. */
    record QueueTaskClosed(UUID institution, UUID task, String outcome, Actor actor) implements ContactEvent {
        public String action() { return "contact.queue_task_closed"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "task/" + task; }
        public Map<String, String> details() {
            return Map.of("outcome", outcome);
        }
    }
}
