package org.recourse.shared;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Validation and normalisation of the mainland China phone numbers by which debtors and contacts are reached. */
public final class PhoneNumber {

    /** Any 11-digit number in a mobile block, so that numbers from newly opened ranges are not refused at input. */
    private static final Pattern LENIENT_MOBILE = Pattern.compile("^1[3-9]\\d{9}$");

    /** The ranges that libphonenumber knows to be allocated to mobile operators. */
    private static final Pattern KNOWN_MOBILE_RANGE = Pattern.compile(
            "^(?:1740[0-5]\\d{6}|1(?:[38]\\d|4[57]|5[0-35-9]|6[25-7]|7[0-35-8]|9[0135-9])\\d{8})$");

    /**
     * A fixed-line number: trunk prefix 0, then an area code (10 and 2x are the two-digit codes, every other code
     * has three digits, which keeps {@code 01012345678} from being read as area 0101), then the local number and
     * an optional extension.
     */
    private static final Pattern FIXED_LINE =
            Pattern.compile("^(0(?:10|2\\d|[3-9]\\d{2}))[- ]?(\\d{7,8})(?:-(\\d{1,6}))?$");

    /** Spaces (including the full-width space that Chinese input methods type) and dashes, which people use as grouping. */
    private static final Pattern GROUPING = Pattern.compile("[\\s\\u3000-]+");

    private static final Pattern ELEVEN_DIGITS = Pattern.compile("^\\d{11}$");

    private PhoneNumber() {
    }

    /** The 11 digits of a mainland mobile number written with grouping or a +86, 0086 or 86 country prefix. */
    public static Optional<String> normaliseMobile(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        // Most numbers arrive as plain 11 digits: answer those without the regular expressions (intake hot path).
        if (isPlainLenientMobile(raw)) {
            return Optional.of(raw);
        }
        String digits = GROUPING.matcher(raw).replaceAll("");
        digits = withoutCountryPrefix(digits);
        return LENIENT_MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    private static boolean isPlainLenientMobile(String raw) {
        if (raw.length() != 11 || raw.charAt(0) != '1' || raw.charAt(1) < '3' || raw.charAt(1) > '9') {
            return false;
        }
        for (int i = 2; i < 11; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether 11 digits lie in a range that is known to be allocated, as a stricter check than normalisation. */
    public static boolean isKnownMobileRange(@Nullable String elevenDigits) {
        return elevenDigits != null && KNOWN_MOBILE_RANGE.matcher(elevenDigits).matches();
    }

    /** A mobile as 11 digits or a fixed line as {@code 0AA-NNNNNNNN[-EXT]}, for phone numbers a contact gave. */
    public static Optional<String> normaliseContactPhone(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Optional<String> mobile = normaliseMobile(raw);
        if (mobile.isPresent()) {
            return mobile;
        }
        Matcher fixedLine = FIXED_LINE.matcher(raw.strip());
        if (!fixedLine.matches()) {
            return Optional.empty();
        }
        String normalised = fixedLine.group(1) + "-" + fixedLine.group(2);
        String extension = fixedLine.group(3);
        return Optional.of(extension == null ? normalised : normalised + "-" + extension);
    }

    private static String withoutCountryPrefix(String digits) {
        for (String prefix : new String[] {"+86", "0086", "86"}) {
            if (digits.startsWith(prefix)) {
                String rest = digits.substring(prefix.length());
                // Only a whole 11-digit remainder counts, so that a bare number starting with 86 is left alone.
                if (ELEVEN_DIGITS.matcher(rest).matches()) {
                    return rest;
                }
            }
        }
        return digits;
    }
}
