package org.recourse.cases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An institution's delinquency buckets: bands of days past due, contiguous from day 1, the last one open
 * ended. A case not yet past due is in {@link #CURRENT}. Validated on creation, so a band set in use is
 * always well formed.
 */
public record BucketBands(List<Band> bands) {

    /** Not past due (days past due ≤ 0), called M0 in the Chinese industry's usage. */
    public static final String CURRENT = "M0";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+]{1,8}");

    /** One band: from {@code minDpd} to {@code maxDpd} days past due inclusive; no maximum for the last. */
    public record Band(String name, int minDpd, @Nullable Integer maxDpd) {
    }

    /** M1 1–30, M2 31–60, …, M6 151–180, M6+ above 180 (the and the industry's default). */
    public static BucketBands standard() {
        List<Band> bands = new ArrayList<>();
        for (int month = 1; month <= 6; month++) {
            bands.add(new Band("M" + month, (month - 1) * 30 + 1, month * 30));
        }
        bands.add(new Band("M6+", 181, null));
        return new BucketBands(bands);
    }

    public BucketBands {
        bands = List.copyOf(bands);
        List<String> problems = problems(bands);
        if (!problems.isEmpty()) {
            throw new InvalidBands(problems);
        }
    }

    /** The bucket of a number of days past due. */
    public String bucketOf(long daysPastDue) {
        if (daysPastDue <= 0) {
            return CURRENT;
        }
        for (Band band : bands) {
            if (band.maxDpd() == null || daysPastDue <= band.maxDpd()) {
                return band.name();
            }
        }
        throw new IllegalStateException("The last band is open ended");
    }

    /** The bucket names in order, current first. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(CURRENT);
        bands.forEach(band -> names.add(band.name()));
        return names;
    }

    /** The band of a bucket name, or null for {@link #CURRENT} and unknown names. */
    public @Nullable Band band(String name) {
        return bands.stream().filter(band -> band.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * A SQL {@code case} expression giving the bucket of {@code daysPastDue} (an SQL expression). Names are
     * validated to letters, digits and '+', so they can stand as literals.
     */
    String sqlCase(String daysPastDue) {
        StringBuilder sql = new StringBuilder("(case when ").append(daysPastDue).append(" <= 0 then '")
                .append(CURRENT).append('\'');
        for (Band band : bands) {
            if (band.maxDpd() == null) {
                sql.append(" else '").append(band.name()).append('\'');
            } else {
                sql.append(" when ").append(daysPastDue).append(" <= ").append(band.maxDpd()).append(" then '")
                        .append(band.name()).append('\'');
            }
        }
        return sql.append(" end)").toString();
    }

    private static List<String> problems(List<Band> bands) {
        List<String> problems = new ArrayList<>();
        if (bands.isEmpty() || bands.size() > 24) {
            problems.add("bands.count");
            return problems;
        }
        Set<String> names = new HashSet<>();
        int expectedMin = 1;
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            boolean last = i == bands.size() - 1;
            if (band.name() == null || !NAME.matcher(band.name()).matches() || CURRENT.equals(band.name())
                    || !names.add(band.name())) {
                problems.add("bands[" + i + "].name");
            }
            if (band.minDpd() != expectedMin) {
                problems.add("bands[" + i + "].minDpd");
            }
            if (last != (band.maxDpd() == null) || (band.maxDpd() != null && band.maxDpd() < band.minDpd())) {
                problems.add("bands[" + i + "].maxDpd");
            }
            expectedMin = band.maxDpd() == null ? expectedMin : band.maxDpd() + 1;
        }
        return problems;
    }

    /** Bands that are not contiguous from day 1, overlap, leave the top open too early, or reuse a name. */
    public static final class InvalidBands extends IllegalArgumentException {

        private final List<String> fields;

        InvalidBands(List<String> fields) {
            super("Invalid bucket bands: " + fields);
            this.fields = List.copyOf(fields);
        }

        public List<String> fields() {
            return fields;
        }
    }
}
