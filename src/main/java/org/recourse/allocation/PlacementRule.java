package org.recourse.allocation;

/**
 * How the nightly step shares an institution's cases that are due to be placed among the contracts in force that
 * cover them ({@link Dealer}): never beyond a contract's room (its most open placements minus those open).
 * <ul>
 * <li>{@code ROUND_ROBIN} (the default): dealt in turn, so each contract gets as many that night as the others,
 * a contract with fewer placements open first when they tie;</li>
 * <li>{@code CAPACITY}: to the contract with the most free room first, so rooms fall level;</li>
 * <li>{@code WEIGHTED}: in proportion to each agency's weight from its record with the institution
 * ({@link AgencyRecords}: recovery rate and denial rate).</li>
 * </ul>
 */
public enum PlacementRule { ROUND_ROBIN, CAPACITY, WEIGHTED }
