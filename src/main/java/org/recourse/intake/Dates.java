package org.recourse.intake;

import java.time.DateTimeException;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** Reads a calendar date written {@code yyyy-MM-dd} or {@code yyyy/MM/dd} (single-digit month and day allowed). */
final class Dates {

    private Dates() {
    }

    static @Nullable LocalDate parse(String raw) {
        String text = raw.strip();
        int length = text.length();
        if (length < 8 || length > 10) {
            return null;
        }
        char separator = text.charAt(4);
        if (separator != '-' && separator != '/') {
            return null;
        }
        int second = text.indexOf(separator, 5);
        if (second < 6 || second > 7 || second == length - 1) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, second);
        int day = digits(text, second + 1, length);
        if (year < 0 || month < 0 || day < 0 || length - second - 1 > 2) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

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
