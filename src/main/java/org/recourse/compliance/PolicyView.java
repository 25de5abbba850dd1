package org.recourse.compliance;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A pack as an institution lives under it: every parameter with the pack's value, the institution's own
 * (if it tightened it), the value in force, and the source each rests on.
 */
public record PolicyView(String pack, String packVersion, String jurisdiction, String rulePrefix, List<String> zones,
        String note, int overlayVersion, @Nullable Instant overlayChangedAt, @Nullable String overlayReason,
        List<ParameterView> parameters, List<NotEnforcedView> notEnforced) {

    public record ParameterView(String key, String name, Object packValue, @Nullable Object institutionValue,
            Object value, String source, String verification) {
    }

    public record NotEnforcedView(String key, Object value, String source, String verification, String why) {
    }
}
