package org.recourse.cases;

import java.time.ZoneId;

/** How an institution counts delinquency: the zone its calendar days are counted in, and its bucket bands. */
public record DelinquencySettings(ZoneId zone, BucketBands bands) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public static DelinquencySettings standard() {
        return new DelinquencySettings(DEFAULT_ZONE, BucketBands.standard());
    }
}
