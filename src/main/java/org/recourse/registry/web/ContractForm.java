package org.recourse.registry.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recourse.registry.ContractScope;
import org.recourse.registry.NewContract;
import org.springframework.util.MultiValueMap;

/**
 * The contract form as typed: products and provinces as one line each (separated by commas, 、 or spaces),
 * buckets as ticked boxes, one rate field per bucket named {@code commissionRates.<bucket>} as the API's
 * field errors name them. Kept as typed so that a refused form comes back as it was sent.
 */
record ContractForm(String agencyId, String products, List<String> buckets, String provinces,
                    Map<String, String> rates, String maxOpenPlacements, String startDate, String endDate) {

    static final String RATE_FIELD = "commissionRates.";

    static ContractForm empty() {
        return new ContractForm("", "", List.of(), "", Map.of(), "", "", "");
    }

    static ContractForm from(MultiValueMap<String, String> fields) {
        Map<String, String> rates = new LinkedHashMap<>();
        for (String bucket : ContractScope.BUCKETS) {
            rates.put(bucket, first(fields, RATE_FIELD + bucket));
        }
        List<String> buckets = fields.getOrDefault("buckets", List.of());
        return new ContractForm(first(fields, "agencyId"), first(fields, "products"), List.copyOf(buckets),
                first(fields, "provinces"), rates, first(fields, "maxOpenPlacements"), first(fields, "startDate"),
                first(fields, "endDate"));
    }

    /** The request the desk checks; a rate left blank is no rate, so a bucket covered without one is named. */
    NewContract request() {
        Map<String, String> given = new LinkedHashMap<>();
        rates.forEach((bucket, rate) -> {
            if (!rate.isBlank()) {
                given.put(bucket, rate);
            }
        });
        return new NewContract(agencyId, list(products), buckets, list(provinces), given, maxOpenPlacements,
                startDate, endDate);
    }

    public String rate(String bucket) {
        return rates.getOrDefault(bucket, "");
    }

    private static List<String> list(String line) {
        List<String> items = new ArrayList<>();
        Arrays.stream(line.split("[,，、;；\\s]+")).filter(item -> !item.isBlank()).forEach(items::add);
        return items;
    }

    private static String first(MultiValueMap<String, String> fields, String name) {
        String value = fields.getFirst(name);
        return value == null ? "" : value;
    }
}
