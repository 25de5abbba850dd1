package org.recourse.compliance;

import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.recourse.compliance.PolicyPack.Sourced;

/**
 * What decisions for one institution apply: its pack, with the institution's stricter values over it.
 *
 * @param overlayVersion the version of the institution's overlay, 0 when it has none
 */
public record Policy(PolicyPack pack, int overlayVersion, Map<PolicyParameter, Object> overrides) {

    /** The value in force: the institution's if it set one, else the pack's; empty when the pack has no such rule. */
    public Optional<Object> value(PolicyParameter parameter) {
        Object own = overrides.get(parameter);
        return own != null ? Optional.of(own) : pack.parameter(parameter).map(Sourced::value);
    }

    /** Where a value in force comes from: the pack's source, and the overlay when the institution tightened it. */
    public String source(PolicyParameter parameter) {
        String source = pack.parameter(parameter).map(Sourced::source).orElse("");
        return overrides.containsKey(parameter)
                ? source + " · tightened by the institution (overlay v" + overlayVersion + ")" : source;
    }

    Optional<Integer> count(PolicyParameter parameter) {
        return value(parameter).map(Integer.class::cast);
    }

    Optional<LocalTime> time(PolicyParameter parameter) {
        return value(parameter).map(LocalTime.class::cast);
    }

    boolean required(PolicyParameter parameter) {
        return value(parameter).map(Boolean.class::cast).orElse(false);
    }

    @SuppressWarnings("unchecked")
    Set<String> conditions(PolicyParameter parameter) {
        return value(parameter).map(value -> (Set<String>) value).orElse(Set.of());
    }
}
