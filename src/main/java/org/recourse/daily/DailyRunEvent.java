package org.recourse.daily;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;

/** What happens to a run; each goes to the audit trail. A run without an actor was started by the schedule. */
sealed interface DailyRunEvent extends AuditableEvent {

    UUID run();

    default String subject() {
        return "daily-run/" + run();
    }

    default @Nullable UUID organisationId() {
        Actor actor = actor();
        return actor == null ? null : actor.organisationId();
    }

    record RunStarted(UUID run, LocalDate businessDate, @Nullable Actor actor) implements DailyRunEvent {
        public String action() { return "daily_run.started"; }
        public Map<String, String> details() {
            return Map.of("businessDate", businessDate.toString(), "trigger", actor == null ? "schedule" : "request");
        }
    }

    /** A failed run started again: the same run, its completed steps kept. */
    record RunRestarted(UUID run, LocalDate businessDate, Actor actor) implements DailyRunEvent {
        public String action() { return "daily_run.restarted"; }
        public Map<String, String> details() { return Map.of("businessDate", businessDate.toString()); }
    }

    record RunCompleted(UUID run, LocalDate businessDate) implements DailyRunEvent {
        public @Nullable Actor actor() { return null; }
        public String action() { return "daily_run.completed"; }
        public Map<String, String> details() { return Map.of("businessDate", businessDate.toString()); }
    }

    record RunFailed(UUID run, LocalDate businessDate, String step, String code) implements DailyRunEvent {
        public @Nullable Actor actor() { return null; }
        public String action() { return "daily_run.failed"; }
        public Map<String, String> details() {
            return Map.of("businessDate", businessDate.toString(), "step", step, "code", code);
        }
    }
}
