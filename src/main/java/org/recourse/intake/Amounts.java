package org.recourse.intake;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.PlainText;

/**
 * Reads an amount as institutions write it: digits with an optional sign, a decimal point and thousands
 * separators in the right places ({@code 12,345.60}); no currency symbols, no exponent. A hand-written scan,
 * because this runs five times on every row of a million-row file (PERFORMANCE.md P2).
 */
final class Amounts {

    static final String FORMAT = "amount.format";
    static final String NEGATIVE = "amount.negative";
    static final String SCALE = "amount.scale";

    // What the scan answers instead of an amount in cents, which is never negative.
    private static final long FORMAT_PROBLEM = -1;
    private static final long NEGATIVE_PROBLEM = -2;
    private static final long SCALE_PROBLEM = -3;
    /** Well formed, but too many digits for cents in a long: read by the slower, general way. */
    private static final long BEYOND_LONG = -4;

    private static final int LONGEST = 24;
    private static final int MOST_DIGITS = 18;

    private Amounts() {
    }

    /**
     * The amount at two decimals, or null when it is malformed, negative or finer than a cent; {@link #problem}
     * then says which. Surrounding whitespace is ignored. The valid path builds nothing but the result.
     */
    static @Nullable BigDecimal parse(String raw) {
        long cents = scan(raw);
        if (cents >= 0) {
            return BigDecimal.valueOf(cents, 2);
        }
        return cents == BEYOND_LONG ? new BigDecimal(withoutSeparators(raw.strip())).setScale(2) : null;
    }

    /** The code of what is wrong with an amount that {@link #parse} refused. */
    static String problem(String raw) {
        long outcome = scan(raw);
        if (outcome == NEGATIVE_PROBLEM) {
            return NEGATIVE;
        }
        return outcome == SCALE_PROBLEM ? SCALE : FORMAT;
    }

    /**
     * The amount in cents, or one of the negative outcomes above. Digits accumulate into a long (an unscaled
     * value); more than 18 digits cannot be an amount here. Checks come in the order of the codes' precedence:
     * format, then sign, then scale.
     */
    private static long scan(String raw) {
        int begin = PlainText.contentStart(raw);
        int end = PlainText.contentEnd(raw, begin);
        if (begin == end || end - begin > LONGEST) {
            return FORMAT_PROBLEM;
        }
        long plain = plainCents(raw, begin, end);
        if (plain >= 0) {
            return plain;
        }
        boolean negative = false;
        if (raw.charAt(begin) == '-' || raw.charAt(begin) == '+') {
            negative = raw.charAt(begin) == '-';
            begin++;
        }
        long unscaled = 0;
        int digitCount = 0;
        int integerDigits = 0;
        int groupDigits = -1;
        int decimals = -1;
        for (int i = begin; i < end; i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digitCount > MOST_DIGITS) {
                    return FORMAT_PROBLEM;
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
                    return FORMAT_PROBLEM;
                }
                groupDigits = 0;
            } else if (c == '.' && decimals < 0) {
                if (groupDigits >= 0 && groupDigits != 3) {
                    return FORMAT_PROBLEM;
                }
                groupDigits = -1;
                decimals = 0;
            } else {
                return FORMAT_PROBLEM;
            }
        }
        if (integerDigits == 0 || decimals == 0 || (groupDigits >= 0 && groupDigits != 3)) {
            return FORMAT_PROBLEM;
        }
        if (negative && unscaled != 0) {
            return NEGATIVE_PROBLEM;
        }
        int scale = Math.max(decimals, 0);
        if (scale > 2) {
            return SCALE_PROBLEM;
        }
        return inCents(unscaled, scale);
    }

    /**
     * The usual amount, plain digits with one or two decimals or none ({@code 1234.5}, {@code 88.00}), in cents, or
     * -1 for any other shape, which the general scan then reads. Most amounts in a file look like this, and one
     * tight loop reads them; up to 16 whole digits, so that the cents always fit a long.
     */
    private static long plainCents(String text, int begin, int end) {
        long cents = 0;
        int i = begin;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                break;
            }
            cents = cents * 10 + (c - '0');
        }
        int wholeDigits = i - begin;
        if (wholeDigits == 0 || wholeDigits > 16) {
            return -1;
        }
        int decimals = 0;
        if (i < end) {
            if (text.charAt(i) != '.' || end - i - 1 < 1 || end - i - 1 > 2) {
                return -1;
            }
            for (i++; i < end; i++) {
                char c = text.charAt(i);
                if (!isDigit(c)) {
                    return -1;
                }
                cents = cents * 10 + (c - '0');
                decimals++;
            }
        }
        for (; decimals < 2; decimals++) {
            cents *= 10;
        }
        return cents;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** 18 digits fit a long, but not always with two decimals added: 17 or 18 whole digits overflow. */
    private static long inCents(long unscaled, int scale) {
        long cents = unscaled;
        for (int i = scale; i < 2; i++) {
            if (cents > Long.MAX_VALUE / 10) {
                return BEYOND_LONG;
            }
            cents *= 10;
        }
        return cents;
    }

    /** The text of a well-formed amount as BigDecimal reads it: thousands separators dropped. */
    private static String withoutSeparators(String text) {
        return text.indexOf(',') < 0 ? text : text.replace(",", "");
    }
}
