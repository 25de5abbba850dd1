package org.recourse.registry;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A commission rate: the share of what is recovered that the agency earns, from 0 to 1 with at most four
 * decimals (0.0001 is one basis point). Held as a {@link BigDecimal} without trailing zeros, so that equal
 * rates are equal records, and written as text ({@code "0.08"}): a rate never passes through a binary float.
 */
public record Rate(BigDecimal value) {

    public static final int MAX_DECIMALS = 4;

    // Plain decimals only: "1e-2" or "8%" would be read differently by different people and systems.
    private static final Pattern PLAIN = Pattern.compile("\\d{1,3}(\\.\\d{1,12})?");

    public Rate {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("A rate lies between 0 and 1");
        }
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() > MAX_DECIMALS) {
            throw new IllegalArgumentException("A rate has at most " + MAX_DECIMALS + " decimals");
        }
        value = plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    /** The rate written as a plain decimal, e.g. {@code 0.08}; anything else is refused. */
    public static Rate parse(String text) {
        String trimmed = text.strip();
        if (!PLAIN.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("A rate is written as a plain decimal such as 0.08");
        }
        return new Rate(new BigDecimal(trimmed));
    }

    /** The rate in per cent, e.g. 8 for 0.08, for people to read. */
    public BigDecimal percent() {
        BigDecimal percent = value.movePointRight(2).stripTrailingZeros();
        return percent.scale() < 0 ? percent.setScale(0) : percent;
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
