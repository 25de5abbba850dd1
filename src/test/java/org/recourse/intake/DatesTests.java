package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates read by hand, with the month's length checked first instead of catching LocalDate's exception. */
class DatesTests {

    @ParameterizedTest
    @CsvSource({"2024-02-29, 2024-02-29", "2000/02/29, 2000-02-29", "2024-2-9, 2024-02-09",
            "' 2023-12-31 ', 2023-12-31",
            "0000-02-29, 0000-02-29", "9999-12-31, 9999-12-31", "2024/1/31, 2024-01-31"})
    void readsCalendarDates(String raw, LocalDate expected) {
        assertThat(Dates.parse(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "1900-02-29", "2100/02/29", "2024-04-31", "2024-06-31", "2024-00-10",
            "2024-13-01", "2024-01-00", "2024-01-32", "2024-1-", "2024--01", "2024-01/02", "2024-001-02", "24-02-03",
            "+202-02-03", "2024-02-0a", "２０２４-02-03", ""})
    void refusesWhatIsNoCalendarDate(String raw) {
        assertThat(Dates.parse(raw)).isNull();
    }

    @Test
    void readsEveryDateAsLocalDateDid() {
        List<String> candidates = new ArrayList<>();
        // Every day, real or not, of a leap year, a common year and the century years either side of 2000.
        for (int year : new int[] {1900, 2000, 2023, 2024}) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    candidates.add(String.format("%04d-%02d-%02d", year, month, day));
                    candidates.add(String.format("%04d/%d/%d", year, month, day));
                }
            }
        }
        SplittableRandom random = new SplittableRandom(5);
        String alphabet = "01234567890123456789-/ x";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder date = new StringBuilder();
            for (int length = 7 + random.nextInt(6); date.length() < length; ) {
                date.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            candidates.add(date.toString());
        }
        for (String raw : candidates) {
            assertThat(Dates.parse(raw)).as(raw).isEqualTo(reference(raw));
        }
    }

    /** The reading as it was, with LocalDate.of deciding what a calendar date is, kept as the specification. */
    private static @Nullable LocalDate reference(String raw) {
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
