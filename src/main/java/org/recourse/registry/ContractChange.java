package org.recourse.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One step in a contract's history: who did what, when and why; {@code from} is null for the proposal. */
public record ContractChange(ContractAction action, @Nullable ContractStatus from, ContractStatus to,
                             @Nullable String reason, String by, Instant at) {
}
