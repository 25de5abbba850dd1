package org.recourse.compliance;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy pack as its file states it (COMPLIANCE.md §B): the rules of one jurisdiction, versioned, every
 * value with its source and how well that source was verified.
 *
 * @param rulePrefix prefixes the pack's rule ids, e.g. {@code CN} in {@code CN.QUIET_HOURS}
 * @param zones where the borrower may be; time rules must hold in every one of them (the strictest reading)
 * @param notEnforced values the pack states that this version of the engine does not check yet, shown so
 *        that nobody believes otherwise
 */
public record PolicyPack(String id, String version, String jurisdiction, String rulePrefix, List<ZoneId> zones,
        String note, Map<PolicyParameter, Sourced> parameters, Map<String, NotEnforced> notEnforced) {

    /** A value with where it comes from. */
    public record Sourced(Object value, String source, String verification) {
    }

    /** A value the pack states that the engine does not enforce yet, and why. */
    public record NotEnforced(Object value, String source, String verification, String why) {
    }

    public Optional<Sourced> parameter(PolicyParameter parameter) {
        return Optional.ofNullable(parameters.get(parameter));
    }

    /** The zone in which the borrower's day is counted: the pack's first. */
    public ZoneId primaryZone() {
        return zones.get(0);
    }
}
