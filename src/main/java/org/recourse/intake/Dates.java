package org.recourse.intake;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.PlainText;

/**
 * Reads a calendar date written {@code yyyy-MM-dd} or {@code yyyy/MM/dd} (single-digit month and day allowed).
 * Read by hand, digits at known positions, because this runs twice on every row of a million-row file
 * (PERFORMANCE.md P2); an impossible date such as 2023-02-29 is refused by checking the month's length first,
 * so that no exception is thrown and caught on the way.
 */
final class Dates {

    private Dates() {
    }

    static @Nullable LocalDate parse(String raw) {
        int begin = PlainText.contentStart(raw);
        int end = PlainText.contentEnd(raw, begin);
        int length = end - begin;
        if (length < 8 || length > 10) {
            return null;
        }
        char separator = raw.charAt(begin + 4);
        if (separator != '-' && separator != '/') {
            return null;
        }
        // The month has one or two digits, so the second separator stands at 6 or 7, and the day has one or two.
        if (raw.charAt(begin + 5) == separator) {
            return null;
        }
        int second = raw.charAt(begin + 6) == separator ? begin + 6 : begin + 7;
        if (raw.charAt(second) != separator || second >= end - 1 || end - second - 1 > 2) {
            return null;
        }
        int year = digits(raw, begin, begin + 4);
        int month = digits(raw, begin + 5, second);
        int day = digits(raw, second + 1, end);
        return isCalendarDate(year, month, day) ? LocalDate.of(year, month, day) : null;
    }

    /** What LocalDate.of would accept, for the years 0000 to 9999 that four digits can write. */
    private static boolean isCalendarDate(int year, int month, int day) {
        return year >= 0 && month >= 1 && month <= 12 && day >= 1
                && day <= Month.of(month).length(Year.isLeap(year));
    }

    /**
     * The value of the ASCII digits of {@code text} from {@code from} up to (not including) {@code to}, or -1 when
     * any is not a digit or there are none.
     */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return to > from ? value : -1;
    }
}
