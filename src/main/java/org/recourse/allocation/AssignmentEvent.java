package org.recourse.allocation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;

/**
 * Assignments of an agency's placed cases to its collectors, filed under the agency. The assignments themselves
 * are their own record case by case ({@code allocation.assignment}: who, from whom, by whom, why, until when);
 * the trail keeps one line per request, with its counts.
 */
public sealed interface AssignmentEvent extends AuditableEvent {

    /** One request (bulk, or one case) that assigned or reassigned cases; the nightly step's have no actor. */
    record CasesAssigned(UUID agency, String subject, @Nullable AssignmentMode mode, boolean sameBorrower,
            int assigned, int reassigned, int skipped, int leftUnassigned, @Nullable String reason, @Nullable Actor actor)
            implements AssignmentEvent {
        public String action() { return "assignment.assigned"; }
        public UUID organisationId() { return agency; }
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("mode", mode == null ? "ONE" : mode.name());
            details.put("sameBorrower", Boolean.toString(sameBorrower));
            details.put("assigned", Integer.toString(assigned));
            details.put("reassigned", Integer.toString(reassigned));
            details.put("skipped", Integer.toString(skipped));
            details.put("leftUnassigned", Integer.toString(leftUnassigned));
            if (reason != null) {
                details.put("reason", reason);
            }
            return details;
        }
    }

    /** The agency's administrator changed how its newly placed cases reach collectors at night. */
    record StandingRuleChanged(UUID agency, StandingRule rule, Actor actor) implements AssignmentEvent {
        public String action() { return "assignment.standing_rule_changed"; }
        public UUID organisationId() { return agency; }
        public String subject() { return "agency/" + agency + "/standing-rule"; }
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("mode", rule.mode() == null ? "NONE" : rule.mode().name());
            details.put("sameBorrower", Boolean.toString(rule.sameBorrower()));
            details.put("keepPrevious", Boolean.toString(rule.keepPrevious()));
            if (rule.maxOpenPerCollector() != null) {
                details.put("maxOpenPerCollector", Integer.toString(rule.maxOpenPerCollector()));
            }
            return details;
        }
    }
}
