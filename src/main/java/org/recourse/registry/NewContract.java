package org.recourse.registry;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An institution's proposal of a contract, as typed: the agency's id, the scope (empty lists mean "any"),
 * commission rates by bucket as decimal text ({@code "0.08"}), the most placements open at once, and the
 * period as {@code yyyy-MM-dd}. Anything may be missing or wrong here; {@link ContractDesk#propose} checks it
 * all and answers every error at once.
 */
public record NewContract(
        @Nullable String agencyId,
        @Nullable List<@Nullable String> products,
        @Nullable List<@Nullable String> buckets,
        @Nullable List<@Nullable String> provinces,
        @Nullable Map<String, @Nullable String> commissionRates,
        @Nullable String maxOpenPlacements,
        @Nullable String startDate,
        @Nullable String endDate) {
}
