package org.recourse.allocation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;

/**
 * Grants of an agency's placed cases to one of its collectors beyond those assigned to them, filed under the
 * agency. The cases of a grant are its own record ({@code allocation.collector_grant_case}); the trail keeps one
 * line per grant and per revocation.
 */
public sealed interface GrantEvent extends AuditableEvent {

    record CasesGranted(UUID agency, UUID grant, UUID collector, int cases, String reason, @Nullable String until,
            Actor actor) implements GrantEvent {
        public String action() { return "grant.granted"; }
        public UUID organisationId() { return agency; }
        public String subject() { return "grant/" + grant; }
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("collector", collector.toString());
            details.put("cases", Integer.toString(cases));
            details.put("reason", reason);
            if (until != null) {
                details.put("until", until);
            }
            return details;
        }
    }

    record GrantRevoked(UUID agency, UUID grant, UUID collector, Actor actor) implements GrantEvent {
        public String action() { return "grant.revoked"; }
        public UUID organisationId() { return agency; }
        public String subject() { return "grant/" + grant; }
        public Map<String, String> details() {
            return Map.of("collector", collector.toString());
        }
    }
}
