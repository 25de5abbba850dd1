package org.recourse.allocation;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An institution's request to place chosen cases with an agency: under the named contract, or under the one
 * contract in force with the named agency.
 */
public record PlaceCases(@Nullable UUID contractId, @Nullable UUID agencyId, @Nullable List<UUID> caseIds) {
}
