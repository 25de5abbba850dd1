package org.recourse.compliance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.DecisionLogViews.LogRequest;
import org.recourse.shared.FieldChecks;

/**
 * The decision log's filters once checked: what the SQL needs, with the period turned into instants in the
 * institution's zone. A rule is kept as its name within the packs that carry its prefix, because decisions
 * store the name and the pack, not the prefixed id.
 *
 * @param rulePacks the packs whose prefix the rule id names; with {@code rule} both set or both null
 * @param since the first instant of the period's first day, or null
 * @param until the first instant after the period's last day, or null
 */
record LogFilter(@Nullable String rule, @Nullable List<String> rulePacks, @Nullable String outcome,
        @Nullable UUID agency, @Nullable UUID collector, @Nullable LocalDate from, @Nullable LocalDate to,
        @Nullable Instant since, @Nullable Instant until) {

    static final List<String> OUTCOMES = List.of("ALLOW", "DENY");

    /** Checks every field of {@code request}; problems go to {@code checks}, and the filter is then meaningless. */
    static LogFilter of(LogRequest request, FieldChecks checks, PolicyPacks packs, ZoneId zone) {
        String rule = null;
        List<String> rulePacks = null;
        String ruleId = blankToNull(request.rule());
        if (ruleId != null) {
            int dot = ruleId.indexOf('.');
            String prefix = dot < 0 ? "" : ruleId.substring(0, dot);
            String name = dot < 0 ? "" : ruleId.substring(dot + 1);
            rulePacks = packs.all().stream().filter(pack -> pack.rulePrefix().equals(prefix)).map(PolicyPack::id)
                    .toList();
            if (checks.check("rule", !rulePacks.isEmpty() && ContactRules.NAMES.contains(name), "invalid")) {
                rule = name;
            } else {
                rulePacks = null;
            }
        }
        String outcome = blankToNull(request.outcome());
        checks.check("outcome", outcome == null || OUTCOMES.contains(outcome), "invalid");
        UUID agency = checks.optionalId("agencyId", request.agencyId());
        UUID collector = checks.optionalId("collectorId", request.collectorId());
        LocalDate from = checks.optionalDate("from", request.from());
        LocalDate to = checks.optionalDate("to", request.to());
        if (from != null && to != null) {
            checks.check("to", !to.isBefore(from), "filter.range");
        }
        return new LogFilter(rule, rulePacks, outcome, agency, collector, from, to,
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Where the next page starts: the last entry's time and id (the log's order), opaque to callers. */
    static String cursorAfter(Instant evaluatedAt, UUID id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((evaluatedAt + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The time and id a cursor continues after; a cursor that was not ours is refused. */
    static Cursor cursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
            return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ComplianceProblem.badCursor();
        }
    }

    record Cursor(Instant evaluatedAt, UUID id) {
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
