package org.recourse.shared;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Validation and normalisation of the mainland China phone numbers by which debtors and contacts are reached.
 *
 * <p>The intake checks up to four numbers on each of a million rows, so the rules are written as character scans
 * rather than regular expressions (PERFORMANCE.md P2). Each scan names the expression it stands for; the tests
 * compare them with those expressions on many inputs.
 */
public final class PhoneNumber {

    /** The longest a mobile can be once grouping is dropped: a 0086 prefix and 11 digits. */
    private static final int LONGEST_PREFIXED_MOBILE = 15;

    /** With the 11 digits after it, each prefix makes a different length (14, 15, 13), so at most one applies. */
    private static final String[] COUNTRY_PREFIXES = {"+86", "0086", "86"};

    /**
     * For {@code ^1(?:[38]\d|4[57]|5[0-35-9]|6[25-7]|7[0-35-8]|9[0135-9])\d{8}$}, the ranges that libphonenumber knows
     * to be allocated to mobile operators: for each second digit, a bit for every third digit in use. The 1740[0-5]
     * block is the one range that needs a fourth digit and is checked on its own.
     */
    private static final int[] KNOWN_THIRD_DIGITS = {
        0, // 10x
        0, // 11x
        0, // 12x
        digitBits("0123456789"), // 13x
        digitBits("57"), // 14x
        digitBits("012356789"), // 15x
        digitBits("2567"), // 16x
        digitBits("01235678"), // 17x
        digitBits("0123456789"), // 18x
        digitBits("01356789"), // 19x
    };

    private PhoneNumber() {
    }

    /** The 11 digits of a mainland mobile number written with grouping or a +86, 0086 or 86 country prefix. */
    public static Optional<String> normaliseMobile(@Nullable String raw) {
        return Optional.ofNullable(mobileOrNull(raw));
    }

    /**
     * As {@link #normaliseMobile}, but null when {@code raw} is not a mobile, for callers that check a million
     * numbers and need not wrap each one.
     */
    public static @Nullable String mobileOrNull(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        // Most numbers arrive as plain 11 digits, already normalised: answer those without copying anything.
        if (isLenientMobile(raw, 0, raw.length())) {
            return raw;
        }
        // Drop the grouping people type, then a country prefix, and what remains must be the mobile itself.
        char[] kept = new char[LONGEST_PREFIXED_MOBILE];
        int count = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isGrouping(c)) {
                continue;
            }
            if (count == kept.length) {
                return null;
            }
            kept[count++] = c;
        }
        String digits = new String(kept, 0, count);
        int start = countryPrefixLength(digits);
        return isLenientMobile(digits, start, digits.length()) ? digits.substring(start) : null;
    }

    /** Whether 11 digits lie in a range that is known to be allocated, as a stricter check than normalisation. */
    public static boolean isKnownMobileRange(@Nullable String elevenDigits) {
        if (elevenDigits == null || elevenDigits.length() != 11 || !allDigits(elevenDigits, 0, 11)
                || elevenDigits.charAt(0) != '1') {
            return false;
        }
        int second = elevenDigits.charAt(1) - '0';
        int third = elevenDigits.charAt(2) - '0';
        if (second == 7 && third == 4) {
            // 1740[0-5]: the satellite and emergency block, allocated only in part.
            return elevenDigits.charAt(3) == '0' && elevenDigits.charAt(4) <= '5';
        }
        return (KNOWN_THIRD_DIGITS[second] & (1 << third)) != 0;
    }

    /** A mobile as 11 digits or a fixed line as {@code 0AA-NNNNNNNN[-EXT]}, for phone numbers a contact gave. */
    public static Optional<String> normaliseContactPhone(@Nullable String raw) {
        return Optional.ofNullable(contactPhoneOrNull(raw));
    }

    /** As {@link #normaliseContactPhone}, but null when {@code raw} is neither a mobile nor a fixed line. */
    public static @Nullable String contactPhoneOrNull(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String mobile = mobileOrNull(raw);
        return mobile != null ? mobile : fixedLineOrNull(raw);
    }

    /**
     * A fixed-line number, {@code ^(0(?:10|2\d|[3-9]\d{2}))[- ]?(\d{7,8})(?:-(\d{1,6}))?$} on the stripped value:
     * trunk prefix 0, then an area code (10 and 2x are the two-digit codes, every other code has three digits,
     * which keeps {@code 01012345678} from being read as area 0101), then the local number and an optional
     * extension. The area code's first digit decides its length, so the scan never has to back up.
     */
    private static @Nullable String fixedLineOrNull(String raw) {
        int begin = PlainText.contentStart(raw);
        int end = PlainText.contentEnd(raw, begin);
        if (end - begin < 3 || raw.charAt(begin) != '0') {
            return null;
        }
        char first = raw.charAt(begin + 1);
        int areaEnd;
        if (first == '1') {
            areaEnd = raw.charAt(begin + 2) == '0' ? begin + 3 : -1;
        } else if (first == '2') {
            areaEnd = isDigit(raw.charAt(begin + 2)) ? begin + 3 : -1;
        } else if (first >= '3' && first <= '9') {
            areaEnd = begin + 4 <= end && allDigits(raw, begin + 2, begin + 4) ? begin + 4 : -1;
        } else {
            areaEnd = -1;
        }
        if (areaEnd < 0) {
            return null;
        }
        int local = areaEnd < end && (raw.charAt(areaEnd) == '-' || raw.charAt(areaEnd) == ' ') ? areaEnd + 1 : areaEnd;
        int localEnd = endOfDigits(raw, local, end);
        if (localEnd - local < 7 || localEnd - local > 8) {
            return null;
        }
        StringBuilder normalised = new StringBuilder(end - begin + 1)
                .append(raw, begin, areaEnd).append('-').append(raw, local, localEnd);
        if (localEnd == end) {
            return normalised.toString();
        }
        int extensionEnd = endOfDigits(raw, localEnd + 1, end);
        int extensionLength = extensionEnd - localEnd - 1;
        if (raw.charAt(localEnd) != '-' || extensionEnd != end || extensionLength < 1 || extensionLength > 6) {
            return null;
        }
        return normalised.append(raw, localEnd, end).toString();
    }

    /**
     * A 1, a digit 3 to 9, then nine more digits, on {@code text} from {@code from} up to (not including)
     * {@code to}: any 11-digit number in a mobile block.
     */
    private static boolean isLenientMobile(String text, int from, int to) {
        return to - from == 11 && text.charAt(from) == '1' && text.charAt(from + 1) >= '3'
                && text.charAt(from + 1) <= '9' && allDigits(text, from + 2, to);
    }

    /**
     * The length of a +86, 0086 or 86 prefix, or 0. Only a whole 11-digit remainder counts, so that a bare number
     * starting with 86 is left alone.
     */
    private static int countryPrefixLength(String digits) {
        for (String prefix : COUNTRY_PREFIXES) {
            if (digits.length() == prefix.length() + 11 && digits.startsWith(prefix)
                    && allDigits(digits, prefix.length(), digits.length())) {
                return prefix.length();
            }
        }
        return 0;
    }

    /**
     * {@code [\s\u3000-]}: ASCII whitespace (what {@code \s} means in Java), the full-width space that Chinese input
     * methods type, and dashes, which people use as grouping.
     */
    private static boolean isGrouping(char c) {
        return c == ' ' || c == '-' || c == '\u3000' || (c >= '\t' && c <= '\r');
    }

    /** ASCII digits only, as {@code \d} means: full-width and other scripts' digits are not accepted. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int endOfDigits(String text, int from, int to) {
        int i = from;
        while (i < to && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int digitBits(String digits) {
        int bits = 0;
        for (int i = 0; i < digits.length(); i++) {
            bits |= 1 << (digits.charAt(i) - '0');
        }
        return bits;
    }
}
