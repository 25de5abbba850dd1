package org.recourse.strategy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;

/** What happens to templates, strategies and the segmentation of cases; each goes to the audit trail. */
public sealed interface StrategyEvent extends AuditableEvent {

    /** A template passed screening (allow or review) and may be named by strategy steps. */
    record TemplateApproved(UUID institution, UUID template, String name, TemplateChannel channel, String outcome,
            String termsVersion, Actor actor) implements StrategyEvent {
        public String action() { return "template.approved"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "template/" + template; }
        public Map<String, String> details() {
            return Map.of("name", name, "channel", channel.name(), "screening", outcome, "termsVersion", termsVersion);
        }
    }

    /** A version of a strategy was saved (version 1 creates it). */
    record VersionSaved(UUID institution, UUID strategy, int version, String name, int segments, Actor actor)
            implements StrategyEvent {
        public String action() { return "strategy.version_saved"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "strategy/" + strategy + "/version/" + version; }
        public Map<String, String> details() {
            return Map.of("name", name, "segments", Integer.toString(segments));
        }
    }

    /** A version was activated from a date. */
    record Activated(UUID institution, UUID strategy, int version, LocalDate from, Actor actor)
            implements StrategyEvent {
        public String action() { return "strategy.activated"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "strategy/" + strategy + "/version/" + version; }
        public Map<String, String> details() {
            return Map.of("from", from.toString());
        }
    }

    /** The night's segmentation of an institution's cases for a business date changed some assignments. */
    record CasesSegmented(UUID institution, LocalDate businessDate, @Nullable UUID strategy, @Nullable Integer version,
            long entered, long left) implements StrategyEvent {
        public String action() { return "strategy.cases_segmented"; }
        public UUID organisationId() { return institution; }
        public @Nullable Actor actor() { return null; }
        public String subject() { return strategy == null ? "strategy/none" : "strategy/" + strategy + "/version/" + version; }
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("businessDate", businessDate.toString());
            details.put("entered", Long.toString(entered));
            details.put("left", Long.toString(left));
            return details;
        }
    }

    /** A case's path was adjusted from the borrower's feedback (skip, delay, a visit or a legal review requested). */
    record PathAdjusted(UUID institution, UUID caseId, UUID adjustment, String kind, @Nullable Integer dayOffset,
            @Nullable Integer days, @Nullable LocalDate dueOn, String reason, Actor actor) implements StrategyEvent {
        public String action() { return "strategy.path_adjusted"; }
        public UUID organisationId() { return institution; }
        public String subject() { return "case/" + caseId + "/path-adjustment/" + adjustment; }
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("kind", kind);
            if (dayOffset != null) {
                details.put("dayOffset", dayOffset.toString());
            }
            if (days != null) {
                details.put("days", days.toString());
            }
            if (dueOn != null) {
                details.put("dueOn", dueOn.toString());
            }
            details.put("reason", reason);
            details.put("byOrganisation", actor.organisationId().toString());
            return details;
        }
    }
}
