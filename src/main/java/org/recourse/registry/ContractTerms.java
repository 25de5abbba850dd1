package org.recourse.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.FieldChecks;

/**
 * The terms of a proposed contract once every field has been read and checked. {@link #read} records what is
 * malformed (a plain code such as {@code required}) and what the contract's rules refuse (a {@code contract.…}
 * code) field by field, in the order of the form, and gives terms only when nothing is wrong.
 */
record ContractTerms(OrganisationId agency, ContractScope scope, Map<String, Rate> commissionRates,
                     int maxOpenPlacements, LocalDate startDate, LocalDate endDate) {

    static final int MAX_ITEMS = 50;
    static final int MAX_ITEM_LENGTH = 50;

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
    // A key that could be a bucket name is named in its field error; anything else is not echoed back.
    private static final Pattern BUCKET_LIKE = Pattern.compile("[A-Za-z0-9+]{1,8}");

    /**
     * Reads {@code request}; {@code approvedAgency} says whether an id names an approved agency. Returns null,
     * with the errors in {@code checks}, when anything is wrong.
     */
    static @Nullable ContractTerms read(NewContract request, Predicate<OrganisationId> approvedAgency,
                                        FieldChecks checks) {
        OrganisationId agency = agency(request.agencyId(), approvedAgency, checks);
        List<String> products = texts("products", request.products(), checks);
        List<String> buckets = buckets(request.buckets(), checks);
        // While the scope's buckets are in doubt, which buckets need a rate is too; the rates wait for them.
        boolean scopeRead = request.buckets() == null
                || (!checks.hasError("buckets") && buckets.size() == request.buckets().size());
        List<String> provinces = texts("provinces", request.provinces(), checks);
        Map<String, Rate> rates = rates(request.commissionRates(),
                scopeRead ? (buckets.isEmpty() ? ContractScope.BUCKETS : buckets) : null, checks);
        Integer maxOpen = maxOpenPlacements(request.maxOpenPlacements(), checks);
        LocalDate start = date("startDate", request.startDate(), checks);
        LocalDate end = date("endDate", request.endDate(), checks);
        if (start != null && end != null) {
            checks.check("endDate", !end.isBefore(start), "contract.dates");
        }
        if (checks.hasErrors()) {
            return null;
        }
        return new ContractTerms(agency, new ContractScope(products, buckets, provinces), rates, maxOpen, start, end);
    }

    /** The same answer for an unknown id, a pending or rejected agency, and any organisation that is no agency. */
    private static @Nullable OrganisationId agency(@Nullable String raw, Predicate<OrganisationId> approvedAgency,
                                                   FieldChecks checks) {
        if (raw == null || raw.isBlank()) {
            checks.reject("agencyId", "required");
            return null;
        }
        if (!UUID_TEXT.matcher(raw.strip()).matches()) {
            checks.reject("agencyId", "format");
            return null;
        }
        OrganisationId agency = new OrganisationId(UUID.fromString(raw.strip()));
        return checks.check("agencyId", approvedAgency.test(agency), "contract.agency_unknown") ? agency : null;
    }

    private static List<String> texts(String field, @Nullable List<@Nullable String> raw, FieldChecks checks) {
        List<String> values = new ArrayList<>();
        if (raw == null) {
            return values;
        }
        if (raw.size() > MAX_ITEMS) {
            checks.reject(field, "too_many");
            return values;
        }
        for (int i = 0; i < raw.size(); i++) {
            String value = checks.text(field + "[" + i + "]", raw.get(i), 1, MAX_ITEM_LENGTH);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static List<String> buckets(@Nullable List<@Nullable String> raw, FieldChecks checks) {
        List<String> buckets = new ArrayList<>();
        if (raw == null) {
            return buckets;
        }
        if (raw.size() > MAX_ITEMS) {
            checks.reject("buckets", "too_many");
            return buckets;
        }
        for (int i = 0; i < raw.size(); i++) {
            String bucket = raw.get(i) == null ? "" : raw.get(i).strip();
            if (bucket.isEmpty()) {
                checks.reject("buckets[" + i + "]", "required");
            } else if (checks.check("buckets[" + i + "]", ContractScope.known(bucket), "contract.bucket_unknown")) {
                buckets.add(bucket);
            }
        }
        return buckets;
    }

    /**
     * One rate for each bucket covered ({@code covered}: the buckets named, or all when none are; null while
     * the buckets named are in doubt): an unknown bucket, a bucket outside the scope, a rate that is no rate,
     * and a covered bucket without one are each refused on their own field, {@code commissionRates.<bucket>}.
     */
    private static Map<String, Rate> rates(@Nullable Map<String, @Nullable String> raw, @Nullable List<String> covered,
                                           FieldChecks checks) {
        Map<String, Rate> rates = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            checks.reject("commissionRates", "required");
            return rates;
        }
        if (raw.size() > ContractScope.BUCKETS.size()) {
            checks.reject("commissionRates", "too_many");
            return rates;
        }
        raw.forEach((bucket, text) -> {
            if (!BUCKET_LIKE.matcher(bucket).matches()) {
                checks.reject("commissionRates", "contract.bucket_unknown");
                return;
            }
            String field = "commissionRates." + bucket;
            if (!checks.check(field, ContractScope.known(bucket), "contract.bucket_unknown")
                    || !checks.check(field, covered == null || covered.contains(bucket), "contract.rate_outside_scope")) {
                return;
            }
            try {
                rates.put(bucket, Rate.parse(text == null ? "" : text));
            } catch (IllegalArgumentException notARate) {
                checks.reject(field, "contract.rate");
            }
        });
        for (String bucket : covered == null ? List.<String>of() : covered) {
            if (!raw.containsKey(bucket)) {
                checks.reject("commissionRates." + bucket, "contract.rate_missing");
            }
        }
        return rates;
    }

    private static @Nullable Integer maxOpenPlacements(@Nullable String raw, FieldChecks checks) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            checks.reject("maxOpenPlacements", "required");
            return null;
        }
        if (!INTEGER.matcher(text).matches()) {
            checks.reject("maxOpenPlacements", "format");
            return null;
        }
        int value = Integer.parseInt(text);
        return checks.check("maxOpenPlacements", value > 0, "positive") ? value : null;
    }

    private static @Nullable LocalDate date(String field, @Nullable String raw, FieldChecks checks) {
        if (raw == null || raw.isBlank()) {
            checks.reject(field, "required");
            return null;
        }
        return checks.optionalDate(field, raw);
    }
}
