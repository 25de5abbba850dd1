package org.recourse.shared;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** The resident identity card number (居民身份证号码, GB 11643-1999) by which a borrower is identified at intake. */
public final class IdNumber {

    /**
     * The outcome of checking one candidate number: either the number in its 18-character form or a stable error code.
     *
     * @param normalised the 18-character number with an upper-case {@code X}, when the candidate is valid
     * @param errorCode  {@code id_number.format}, {@code id_number.region}, {@code id_number.birth_date} or
     *                   {@code id_number.checksum}, when it is not
     */
    public record Check(@Nullable String normalised, @Nullable String errorCode) {

        public Check {
            if ((normalised == null) == (errorCode == null)) {
                throw new IllegalArgumentException("A check has either a normalised number or an error code");
            }
        }

        public boolean valid() {
            return errorCode == null;
        }
    }

    // Shared instances: the intake checks a million rows per file, and a failed check must not allocate.
    private static final Check FORMAT = new Check(null, "id_number.format");
    private static final Check REGION = new Check(null, "id_number.region");
    private static final Check BIRTH_DATE = new Check(null, "id_number.birth_date");
    private static final Check CHECKSUM = new Check(null, "id_number.checksum");

    /** ISO 7064 MOD 11-2 weights for positions 1 to 17 (COMPLIANCE.md C.1, DATA-01). */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    /** The check character for each remainder 0 to 10 of the weighted sum. */
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /**
     * Province-level codes of GB/T 2260 (first two digits of the address code). Only the province is checked: the
     * full county table changes over time and historical codes stay valid on cards already issued.
     */
    private static final boolean[] PROVINCES = provinces(
            11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
            50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83);

    private static final int FIRST_BIRTH_DATE = 1900_01_01;

    private IdNumber() {
    }

    /**
     * Checks a number as an institution supplied it: surrounding whitespace is ignored, a lower-case {@code x} is
     * accepted, and a 15-digit number of the 1989 edition is converted to 18 characters.
     */
    public static Check check(@Nullable String raw, LocalDate today) {
        if (raw == null) {
            return FORMAT;
        }
        int begin = firstNonWhitespace(raw);
        int end = afterLastNonWhitespace(raw, begin);
        Check problem = problem(raw, begin, end, today);
        return problem != null ? problem : new Check(normalised(raw, begin, end), null);
    }

    /**
     * As {@link #check}, but only the normalised number, or null when {@link #check} would give an error code: for
     * the intake, which checks a million numbers and need not wrap each valid one.
     */
    public static @Nullable String normalisedOrNull(@Nullable String raw, LocalDate today) {
        if (raw == null) {
            return null;
        }
        int begin = firstNonWhitespace(raw);
        int end = afterLastNonWhitespace(raw, begin);
        return problem(raw, begin, end, today) == null ? normalised(raw, begin, end) : null;
    }

    /** Completes the first 17 digits of a number with its check character, so that fixtures can make valid numbers. */
    public static String withCheckCharacter(String first17) {
        if (first17.length() != 17 || !allDigits(first17, 0, 17)) {
            // The value is left out of the message: it is personal data and the exception may reach a log.
            throw new IllegalArgumentException("Expected the first 17 digits of a resident ID number");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK_CHARACTERS[sum % 11];
    }

    /**
     * What is wrong with the number in {@code raw} from {@code begin} up to (not including) {@code end}, or null
     * when nothing is.
     */
    private static @Nullable Check problem(String raw, int begin, int end, LocalDate today) {
        int todayDigits = today.getYear() * 10_000 + today.getMonthValue() * 100 + today.getDayOfMonth();
        return switch (end - begin) {
            case 18 -> problem18(raw, begin, todayDigits);
            case 15 -> problem15(raw, begin, todayDigits);
            default -> FORMAT;
        };
    }

    /** The 18-character form of a number that has no problem: the number itself when it already is that form. */
    private static String normalised(String raw, int begin, int end) {
        if (end - begin == 15) {
            return converted15(raw, begin);
        }
        char last = raw.charAt(begin + 17);
        if (begin == 0 && end == raw.length() && last != 'x') {
            return raw;
        }
        char[] normalised = new char[18];
        raw.getChars(begin, begin + 17, normalised, 0);
        normalised[17] = last == 'x' ? 'X' : last;
        return new String(normalised);
    }

    private static @Nullable Check problem18(String raw, int begin, int todayDigits) {
        // The weighted sum is taken while the digits are checked, in one pass; it is compared last, as a wrong
        // check character is reported only when the format, region and birth date are right.
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = raw.charAt(begin + i);
            if (!isDigit(c)) {
                return FORMAT;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        char last = raw.charAt(begin + 17);
        boolean lowerX = last == 'x';
        if (!isDigit(last) && last != 'X' && !lowerX) {
            return FORMAT;
        }
        if (!PROVINCES[number(raw, begin, 2)]) {
            return REGION;
        }
        if (!isBirthDate(number(raw, begin + 6, 8), todayDigits)) {
            return BIRTH_DATE;
        }
        return CHECK_CHARACTERS[sum % 11] != (lowerX ? 'X' : last) ? CHECKSUM : null;
    }

    /** The 1989 edition had a two-digit year of the 1900s and no check character, so it has no checksum to fail. */
    private static @Nullable Check problem15(String raw, int begin, int todayDigits) {
        if (!allDigits(raw, begin, begin + 15)) {
            return FORMAT;
        }
        if (!PROVINCES[number(raw, begin, 2)]) {
            return REGION;
        }
        if (!isBirthDate(19_000_000 + number(raw, begin + 6, 6), todayDigits)) {
            return BIRTH_DATE;
        }
        return null;
    }

    /** A 15-digit number in the 18-character form: the year's century inserted and a check character added. */
    private static String converted15(String raw, int begin) {
        char[] converted = new char[18];
        raw.getChars(begin, begin + 6, converted, 0);
        converted[6] = '1';
        converted[7] = '9';
        raw.getChars(begin + 6, begin + 15, converted, 8);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (converted[i] - '0') * WEIGHTS[i];
        }
        converted[17] = CHECK_CHARACTERS[sum % 11];
        return new String(converted);
    }

    private static int firstNonWhitespace(String raw) {
        int begin = 0;
        while (begin < raw.length() && PlainText.isWhitespace(raw.charAt(begin))) {
            begin++;
        }
        return begin;
    }

    private static int afterLastNonWhitespace(String raw, int begin) {
        int end = raw.length();
        while (end > begin && PlainText.isWhitespace(raw.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** A real calendar date from 1900-01-01 up to and including today, as the integer yyyymmdd. */
    private static boolean isBirthDate(int yyyymmdd, int todayDigits) {
        if (yyyymmdd < FIRST_BIRTH_DATE || yyyymmdd > todayDigits) {
            return false;
        }
        int year = yyyymmdd / 10_000;
        int month = yyyymmdd / 100 % 100;
        int day = yyyymmdd % 100;
        return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeapYear(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** ASCII digits only: Character.isDigit would also let full-width and other scripts' digits through. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code length} digits starting at {@code from}, which must already be known to be digits. */
    private static int number(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    private static boolean[] provinces(int... codes) {
        boolean[] table = new boolean[100];
        for (int code : codes) {
            table[code] = true;
        }
        return table;
    }
}
