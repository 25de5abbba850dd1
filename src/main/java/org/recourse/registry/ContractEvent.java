package org.recourse.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;

/**
 * What happens to entrustment contracts; every one goes to the audit trail, filed under the institution (the
 * tenant), with the agency in the details. Allocation recalls a contract's placements when it is suspended or
 * ended (synchronously, in the same transaction). A change without an actor is the platform's: the nightly step
 * ends contracts whose last day has passed.
 */
public sealed interface ContractEvent extends AuditableEvent {

    ContractId contract();

    OrganisationId institution();

    OrganisationId agency();

    record Proposed(ContractId contract, OrganisationId institution, OrganisationId agency, Actor actor)
            implements ContractEvent {
        public String action() { return ContractAction.PROPOSE.auditAction(); }
        public UUID organisationId() { return institution.value(); }
        public String subject() { return "contract/" + contract; }
        public Map<String, String> details() { return Map.of("agency", agency.toString(), "to", "DRAFT"); }
    }

    record StatusChanged(ContractId contract, OrganisationId institution, OrganisationId agency, ContractAction by,
                         ContractStatus from, ContractStatus to, @Nullable String reason, @Nullable Actor actor)
            implements ContractEvent {
        public String action() { return by.auditAction(); }
        public UUID organisationId() { return institution.value(); }
        public String subject() { return "contract/" + contract; }
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("agency", agency.toString());
            details.put("from", from.name());
            details.put("to", to.name());
            if (reason != null) {
                details.put("reason", reason);
            }
            return details;
        }
    }
}
