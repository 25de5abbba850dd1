package org.recourse.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.recourse.cases.BucketBands;
import org.recourse.strategy.StrategyDefinition.Conditions;

/** Whether a segment can ever match, given the segments before it: decided exactly, box by box. */
class SegmentSpaceTests {

    private static final BucketBands BANDS = BucketBands.standard();

    @Test
    void aSegmentWhoseConditionsContradictEachOtherNeverMatches() {
        assertThat(reachable(List.of(), when(List.of("M1"), 31, null, null, null, null, null))).isFalse();
        assertThat(reachable(List.of(), when(List.of("M1"), 30, null, null, null, null, null))).isTrue();
        assertThat(reachable(List.of(), when(List.of("M0"), 1, null, null, null, null, null))).isFalse();
        assertThat(reachable(List.of(), when(null, null, null, "0", "0", null, null))).isTrue();
    }

    @Test
    void aSegmentCoveredByEarlierOnesTogetherNeverMatches() {
        Conditions m1 = when(List.of("M1"), null, null, null, null, null, null);
        Conditions m2 = when(List.of("M2"), null, null, null, null, null, null);
        assertThat(reachable(List.of(m1, m2), when(null, 1, 60, null, null, null, null))).isFalse();
        assertThat(reachable(List.of(m1, m2), when(null, 1, 61, null, null, null, null))).isTrue();
        assertThat(reachable(List.of(m1, m2), when(null, 0, 60, null, null, null, null))).isTrue();

        Conditions small = when(null, null, null, null, "999.9999", null, null);
        Conditions large = when(null, null, null, "1000", null, null, null);
        assertThat(reachable(List.of(small, large), when(null, null, null, null, null, null, null))).isFalse();
        Conditions gap = when(null, null, null, "1000.0001", null, null, null);
        assertThat(reachable(List.of(small, gap), when(null, null, null, null, null, null, null))).isTrue();
    }

    @Test
    void productsAndProvincesAreSetsOrEverythingButASet() {
        Conditions guangdong = when(null, null, null, null, null, null, List.of("广东省"));
        Conditions cash = when(null, null, null, null, null, List.of("现金贷"), null);
        assertThat(reachable(List.of(guangdong, cash),
                when(null, null, null, null, null, List.of("现金贷"), List.of("广东省", "湖南省")))).isFalse();
        assertThat(reachable(List.of(guangdong, cash),
                when(null, null, null, null, null, List.of("现金贷", "车贷"), List.of("湖南省")))).isTrue();
        // Any province includes cases without one, which no list of provinces covers.
        assertThat(reachable(List.of(guangdong), when(null, null, null, null, null, null, null))).isTrue();
        assertThat(reachable(List.of(when(null, null, null, null, null, null, null)), guangdong)).isFalse();
    }

    private static boolean reachable(List<Conditions> earlier, Conditions conditions) {
        List<SegmentSpace.Box> boxes = new ArrayList<>();
        earlier.forEach(before -> boxes.add(box(before)));
        return SegmentSpace.reachable(box(conditions), boxes);
    }

    private static SegmentSpace.Box box(Conditions conditions) {
        return SegmentSpace.box(conditions, bucket -> {
            if (BucketBands.CURRENT.equals(bucket)) {
                return new long[] {Long.MIN_VALUE, 0};
            }
            BucketBands.Band band = BANDS.band(bucket);
            return new long[] {band.minDpd(), band.maxDpd() == null ? Long.MAX_VALUE : band.maxDpd()};
        });
    }

    private static Conditions when(@Nullable List<String> buckets, @Nullable Integer minDpd, @Nullable Integer maxDpd,
            @Nullable String minOutstanding, @Nullable String maxOutstanding, @Nullable List<String> products,
            @Nullable List<String> provinces) {
        return new Conditions(buckets, minDpd, maxDpd, minOutstanding == null ? null : new BigDecimal(minOutstanding),
                maxOutstanding == null ? null : new BigDecimal(maxOutstanding), products, provinces);
    }
}
