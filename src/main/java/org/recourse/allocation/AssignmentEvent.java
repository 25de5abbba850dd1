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

    /** One request (bulk, or one case) that assigned or reassigned cases. */
    record CasesAssigned(UUID agency, String subject, @Nullable AssignmentMode mode, boolean sameBorrower,
            int assigned, int reassigned, int skipped, int leftUnassigned, @Nullable String reason, Actor actor)
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
}
