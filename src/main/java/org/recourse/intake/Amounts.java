package org.recourse.intake;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Reads an amount as institutions write it: digits with an optional sign, a decimal point and thousands
 * separators in the right places ({@code 12,345.60}); no currency symbols, no exponent. A hand-written scan,
 * because this runs several times on every row of a million-row file.
 */
final class Amounts {

    /** The outcome of reading one amount: the value, or the code of what is wrong. */
    record Parsed(@Nullable BigDecimal value, @Nullable String errorCode) {
    }

    static final Parsed FORMAT = new Parsed(null, "amount.format");
    static final Parsed NEGATIVE = new Parsed(null, "amount.negative");
    static final Parsed SCALE = new Parsed(null, "amount.scale");

    private Amounts() {
    }

    static Parsed parse(String raw) {
        String text = raw.strip();
        int length = text.length();
        if (length == 0 || length > 24) {
            return FORMAT;
        }
        int start = 0;
        boolean negative = false;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            negative = text.charAt(0) == '-';
            start = 1;
        }
        // Digits accumulate into a long (an unscaled value); more than 18 digits cannot be an amount here.
        long unscaled = 0;
        int digitCount = 0;
        int integerDigits = 0;
        int groupDigits = -1;
        int decimals = -1;
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digitCount > 18) {
                    return FORMAT;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                } else {
                    integerDigits++;
                    if (groupDigits >= 0) {
                        groupDigits++;
                    }
                }
            } else if (c == ',' && decimals < 0) {
                // A thousands separator needs 1–3 digits before the first and exactly 3 between them.
                if (integerDigits == 0 || (groupDigits < 0 && integerDigits > 3) || (groupDigits >= 0 && groupDigits != 3)) {
                    return FORMAT;
                }
                groupDigits = 0;
            } else if (c == '.' && decimals < 0) {
                if (groupDigits >= 0 && groupDigits != 3) {
                    return FORMAT;
                }
                groupDigits = -1;
                decimals = 0;
            } else {
                return FORMAT;
            }
        }
        if (integerDigits == 0 || decimals == 0 || (groupDigits >= 0 && groupDigits != 3)) {
            return FORMAT;
        }
        int scale = Math.max(decimals, 0);
        if (negative && unscaled != 0) {
            return NEGATIVE;
        }
        if (scale > 2) {
            return SCALE;
        }
        return new Parsed(BigDecimal.valueOf(unscaled, scale).setScale(2), null);
    }
}
