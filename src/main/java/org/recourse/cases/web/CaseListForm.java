package org.recourse.cases.web;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseStatus;
import org.recourse.cases.CaseViews.CaseFilter;
import org.recourse.cases.CaseViews.CaseSort;
import org.recourse.cases.HoldKind;
import org.recourse.shared.FieldChecks;

/**
 * The case list's filter form as typed: every field a string, so that "abc" in a number field becomes a message
 * next to that field instead of a conversion error page.
 */
record CaseListForm(@Nullable String bucket, @Nullable String status, @Nullable String hold, @Nullable String minDpd,
        @Nullable String maxDpd, @Nullable String minOutstanding, @Nullable String maxOutstanding,
        @Nullable String product, @Nullable String province, @Nullable String city, @Nullable String sort,
        @Nullable String cursor, @Nullable String institution) {

    // Wide enough for any real days past due (decades), narrow enough to stay an int in SQL.
    private static final int DPD_LIMIT = 100_000;
    private static final int TEXT_LIMIT = 100;

    /** The filter the form asks for; problems are recorded in {@code checks}, and the filter is then meaningless. */
    CaseFilter filter(FieldChecks checks, List<String> buckets) {
        String bucketName = blankToNull(bucket);
        checks.check("bucket", bucketName == null || buckets.contains(bucketName), "invalid");
        Integer dpdFrom = days(checks, "minDpd", minDpd);
        Integer dpdTo = days(checks, "maxDpd", maxDpd);
        if (dpdFrom != null && dpdTo != null) {
            checks.check("maxDpd", dpdFrom <= dpdTo, "filter.range");
        }
        BigDecimal amountFrom = amount(checks, "minOutstanding", minOutstanding);
        BigDecimal amountTo = amount(checks, "maxOutstanding", maxOutstanding);
        if (amountFrom != null && amountTo != null) {
            checks.check("maxOutstanding", amountFrom.compareTo(amountTo) <= 0, "filter.range");
        }
        return new CaseFilter(bucketName, choice(checks, "status", status, CaseStatus.class), dpdFrom, dpdTo,
                amountFrom, amountTo, choice(checks, "hold", hold, HoldKind.class),
                checks.optionalText("product", product, TEXT_LIMIT),
                checks.optionalText("province", province, TEXT_LIMIT), checks.optionalText("city", city, TEXT_LIMIT));
    }

    CaseSort caseSort(FieldChecks checks) {
        CaseSort chosen = choice(checks, "sort", sort, CaseSort.class);
        return chosen == null ? CaseSort.DPD_DESC : chosen;
    }

    @Nullable String pageCursor() {
        return blankToNull(cursor);
    }

    /**
     * The institution whose placed cases an agency reads; null (the first) when none or no id is named. The desk
     * decides whether the agency may read it, so a foreign or made-up id only falls back to the first.
     */
    @Nullable UUID institutionId() {
        String text = blankToNull(institution);
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The filled-in fields as a query string on {@code path}, without the cursor unless one is given. */
    String link(String path, @Nullable String nextCursor) {
        Map<String, @Nullable String> fields = new LinkedHashMap<>();
        fields.put("bucket", bucket);
        fields.put("status", status);
        fields.put("hold", hold);
        fields.put("minDpd", minDpd);
        fields.put("maxDpd", maxDpd);
        fields.put("minOutstanding", minOutstanding);
        fields.put("maxOutstanding", maxOutstanding);
        fields.put("product", product);
        fields.put("province", province);
        fields.put("city", city);
        fields.put("sort", sort);
        fields.put("institution", institution);
        fields.put("cursor", nextCursor);
        // Encoded as a form would be: '+' in a bucket name such as M6+ must not come back as a space.
        String query = fields.entrySet().stream()
                .filter(field -> field.getValue() != null && !field.getValue().isBlank())
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue().strip(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static @Nullable Integer days(FieldChecks checks, String field, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            int days = Integer.parseInt(text);
            return checks.check(field, Math.abs(days) <= DPD_LIMIT, "filter.integer") ? days : null;
        } catch (NumberFormatException e) {
            checks.reject(field, "filter.integer");
            return null;
        }
    }

    private static @Nullable BigDecimal amount(FieldChecks checks, String field, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(text);
            return checks.check(field, amount.signum() >= 0 && amount.scale() <= 2 && amount.precision() <= 17,
                    "filter.amount") ? amount : null;
        } catch (NumberFormatException e) {
            checks.reject(field, "filter.amount");
            return null;
        }
    }

    private static <E extends Enum<E>> @Nullable E choice(FieldChecks checks, String field, @Nullable String value,
            Class<E> type) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            checks.reject(field, "invalid");
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
