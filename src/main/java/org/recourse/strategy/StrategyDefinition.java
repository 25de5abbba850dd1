package org.recourse.strategy;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A strategy as an institution writes it and as each version is kept: ordered segments, the first whose
 * conditions a case meets being the case's, each with a treatment path and, for champion/challenger, variants
 * splitting its cases by percentage. As a request every field may be missing; {@link StrategyDesk} checks them all
 * and keeps only a definition that passed, so a stored one is complete. {@code maxDelayDays} bounds how far a
 * collector may delay a step of a case's path (a path adjustment); missing means 7.
 */
public record StrategyDefinition(@Nullable String name, @Nullable List<Segment> segments,
        @Nullable Integer maxDelayDays) {

    /** The most days a collector may delay a step of this strategy's paths when none is given. */
    public static final int DEFAULT_MAX_DELAY_DAYS = 7;

    /** The longest delay the strategy allows, 1 to 30 days; missing means {@link #DEFAULT_MAX_DELAY_DAYS}. */
    public StrategyDefinition(@Nullable String name, @Nullable List<Segment> segments) {
        this(name, segments, null);
    }

    /**
     * One segment. Its own {@code steps} apply to every case in it; a variant's steps only to the variant's cases.
     * Without variants the segment is one group.
     */
    public record Segment(@Nullable String name, @Nullable Conditions conditions, @Nullable List<Step> steps,
            @Nullable List<Variant> variants) {

        public List<Step> stepsOrNone() {
            return steps == null ? List.of() : steps;
        }

        public List<Variant> variantsOrNone() {
            return variants == null ? List.of() : variants;
        }

        public Conditions conditionsOrAny() {
            return conditions == null ? Conditions.ANY : conditions;
        }
    }

    /**
     * What a case must be to fall in a segment, all together: a missing value or an empty list means any. Bounds are
     * inclusive; days past due as the institution's today minus the due date, outstanding as principal, interest,
     * fees and penalty together; buckets by the institution's bands.
     */
    public record Conditions(@Nullable List<String> buckets, @Nullable Integer minDpd, @Nullable Integer maxDpd,
            @Nullable BigDecimal minOutstanding, @Nullable BigDecimal maxOutstanding, @Nullable List<String> products,
            @Nullable List<String> provinces) {

        static final Conditions ANY = new Conditions(null, null, null, null, null, null, null);
    }

    /** A step of a path: {@code dayOffset} days after the case entered the segment, do {@code action}. */
    public record Step(@Nullable Integer dayOffset, @Nullable String action, @Nullable String templateId) {
    }

    /** A share of a segment's cases, in whole percent, with the steps only its cases take. */
    public record Variant(@Nullable String name, @Nullable Integer percent, @Nullable List<Step> steps) {

        public List<Step> stepsOrNone() {
            return steps == null ? List.of() : steps;
        }
    }
}
