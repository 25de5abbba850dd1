package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketBandsTests {

    @ParameterizedTest(name = "{0} days past due -> {1}")
    @CsvSource({"-5, M0", "0, M0", "1, M1", "30, M1", "31, M2", "60, M2", "61, M3", "90, M3", "91, M4", "120, M4",
            "121, M5", "150, M5", "151, M6", "180, M6", "181, M6+", "5000, M6+"})
    void placesDaysPastDueInTheStandardBands(long dpd, String bucket) {
        assertThat(BucketBands.standard().bucketOf(dpd)).isEqualTo(bucket);
    }

    @Test
    void takesBandsOfAnInstitutionsOwn() {
        BucketBands bands = new BucketBands(List.of(new BucketBands.Band("A", 1, 7), new BucketBands.Band("B", 8, null)));

        assertThat(bands.bucketOf(7)).isEqualTo("A");
        assertThat(bands.bucketOf(8)).isEqualTo("B");
        assertThat(bands.names()).containsExactly("M0", "A", "B");
    }

    @Test
    void refusesBandsWithGapsOverlapsAClosedTopOrRepeatedNames() {
        assertThatThrownBy(() -> new BucketBands(List.of(new BucketBands.Band("A", 2, 7), new BucketBands.Band("B", 8, null))))
                .isInstanceOfSatisfying(BucketBands.InvalidBands.class,
                        e -> assertThat(e.fields()).containsExactly("bands[0].minDpd"));
        assertThatThrownBy(() -> new BucketBands(List.of(new BucketBands.Band("A", 1, 7), new BucketBands.Band("B", 7, null))))
                .isInstanceOfSatisfying(BucketBands.InvalidBands.class,
                        e -> assertThat(e.fields()).containsExactly("bands[1].minDpd"));
        assertThatThrownBy(() -> new BucketBands(List.of(new BucketBands.Band("A", 1, 7), new BucketBands.Band("B", 8, 9))))
                .isInstanceOfSatisfying(BucketBands.InvalidBands.class,
                        e -> assertThat(e.fields()).containsExactly("bands[1].maxDpd"));
        assertThatThrownBy(() -> new BucketBands(List.of(new BucketBands.Band("A", 1, 7), new BucketBands.Band("A", 8, null))))
                .isInstanceOfSatisfying(BucketBands.InvalidBands.class,
                        e -> assertThat(e.fields()).containsExactly("bands[1].name"));
        assertThatThrownBy(() -> new BucketBands(List.of(new BucketBands.Band("x'; drop", 1, null))))
                .isInstanceOfSatisfying(BucketBands.InvalidBands.class,
                        e -> assertThat(e.fields()).containsExactly("bands[0].name"));
        assertThatThrownBy(() -> new BucketBands(List.of())).isInstanceOf(BucketBands.InvalidBands.class);
    }

    @Test
    void writesTheSameBandsAsSql() {
        assertThat(BucketBands.standard().sqlCase("d")).isEqualTo("(case when d <= 0 then 'M0' when d <= 30 then 'M1'"
                + " when d <= 60 then 'M2' when d <= 90 then 'M3' when d <= 120 then 'M4' when d <= 150 then 'M5'"
                + " when d <= 180 then 'M6' else 'M6+' end)");
    }
}
