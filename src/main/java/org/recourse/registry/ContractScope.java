package org.recourse.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which accounts a contract covers: products, delinquency buckets and provinces. An empty list means "any".
 *
 * <p>Bucket names are those of the default bands ({@code M0} not yet due, {@code M1} … {@code M6}, {@code M6+}).
 * An institution's own band names are kept by {@code cases}, which depends on this module; reading them here
 * would close a cycle. A contract in the default names is matched by name when {@code allocation} (which may
 * use both modules) places a case.
 */
public record ContractScope(List<String> products, List<String> buckets, List<String> provinces) {

    /** The bucket names a contract may name, in the order of days past due. */
    public static final List<String> BUCKETS = List.of("M0", "M1", "M2", "M3", "M4", "M5", "M6", "M6+");

    public ContractScope {
        products = distinct(products);
        provinces = distinct(provinces);
        List<String> ordered = new ArrayList<>(distinct(buckets));
        for (String bucket : ordered) {
            if (!known(bucket)) {
                throw new IllegalArgumentException("Unknown bucket " + bucket);
            }
        }
        ordered.sort(Comparator.comparingInt(BUCKETS::indexOf));
        buckets = List.copyOf(ordered);
    }

    public static boolean known(String bucket) {
        return BUCKETS.contains(bucket);
    }

    /** The buckets the contract covers: those it names, or every one when it names none. */
    public List<String> coveredBuckets() {
        return buckets.isEmpty() ? BUCKETS : buckets;
    }

    /** Whether an account of this product, bucket and province falls under the contract. */
    public boolean covers(String product, String bucket, @Nullable String province) {
        return (products.isEmpty() || products.contains(product))
                && coveredBuckets().contains(bucket)
                && (provinces.isEmpty() || (province != null && provinces.contains(province)));
    }

    private static List<String> distinct(List<String> values) {
        Objects.requireNonNull(values, "values");
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
