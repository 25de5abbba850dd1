package org.recourse.shared;

import org.jspecify.annotations.Nullable;

/** Masked renderings of personal data for pages, exports and logs where the full value is not needed. */
public final class Masking {

    private static final String MASK = "*";

    private Masking() {
    }

    /** A phone number as {@code 138****5678}; shorter values keep only their last two characters. */
    public static String phone(@Nullable String phone) {
        if (phone == null) {
            return "";
        }
        int[] codePoints = phone.codePoints().toArray();
        if (codePoints.length >= 8) {
            return text(codePoints, 0, 3) + MASK.repeat(4) + text(codePoints, codePoints.length - 4, codePoints.length);
        }
        return keepLastTwo(codePoints);
    }

    /** A resident identity card number as {@code 420***********1234}, keeping the region and the final four. */
    public static String idNumber(@Nullable String idNumber) {
        if (idNumber == null) {
            return "";
        }
        int[] codePoints = idNumber.codePoints().toArray();
        if (codePoints.length >= 8) {
            return text(codePoints, 0, 3)
                    + MASK.repeat(codePoints.length - 7)
                    + text(codePoints, codePoints.length - 4, codePoints.length);
        }
        // Three plus four would show a short value whole.
        return keepLastTwo(codePoints);
    }

    /** A person's name as its first character followed by one {@code *} for each further character. */
    public static String personName(@Nullable String name) {
        if (name == null) {
            return "";
        }
        int[] codePoints = name.strip().codePoints().toArray();
        if (codePoints.length == 0) {
            return "";
        }
        if (codePoints.length == 1) {
            // The first character of a one-character name is the whole name.
            return MASK;
        }
        return text(codePoints, 0, 1) + MASK.repeat(codePoints.length - 1);
    }

    /** An e-mail address as {@code z***@example.com}, keeping the domain and the first character of the local part. */
    public static String email(@Nullable String email) {
        if (email == null || email.isEmpty()) {
            return "";
        }
        int at = email.lastIndexOf('@');
        String local = at < 0 ? email : email.substring(0, at);
        String first = local.isEmpty() ? "" : new String(Character.toChars(local.codePointAt(0)));
        return at < 0 ? first + "***" : first + "***" + email.substring(at);
    }

    private static String keepLastTwo(int[] codePoints) {
        if (codePoints.length <= 2) {
            // Keeping the last two characters of a value this short would show it whole.
            return MASK.repeat(codePoints.length);
        }
        return MASK.repeat(codePoints.length - 2) + text(codePoints, codePoints.length - 2, codePoints.length);
    }

    private static String text(int[] codePoints, int from, int to) {
        return new String(codePoints, from, to - from);
    }
}
