package org.recourse.registry;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an entrustment contract stands. The institution proposes it as a DRAFT, the agency accepts it (ACTIVE),
 * the institution may suspend and resume it, and it ENDS for good; this table is the whole of what may follow
 * what.
 */
public enum ContractStatus {

    DRAFT, ACTIVE, SUSPENDED, ENDED;

    private static final Map<ContractStatus, Set<ContractStatus>> NEXT = Map.of(
            // A draft nobody accepted ends too: withdrawn by the institution or declined by the agency.
            DRAFT, EnumSet.of(ACTIVE, ENDED),
            ACTIVE, EnumSet.of(SUSPENDED, ENDED),
            SUSPENDED, EnumSet.of(ACTIVE, ENDED));

    public boolean canMoveTo(ContractStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }
}
