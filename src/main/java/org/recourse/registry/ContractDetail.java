package org.recourse.registry;

import java.time.Instant;

/** A contract as either side reads it: its terms and status, the names of both parties, when it was proposed. */
public record ContractDetail(Contract contract, String institutionName, String agencyName, Instant proposedAt) {
}
