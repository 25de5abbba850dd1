package org.recourse.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step in a contract's history: who did what, when and why; {@code from} is null for the proposal, {@code by}
 * for the platform (the nightly step ends a contract whose last day has passed).
 */
public record ContractChange(ContractAction action, @Nullable ContractStatus from, ContractStatus to,
                             @Nullable String reason, @Nullable String by, Instant at) {
}
