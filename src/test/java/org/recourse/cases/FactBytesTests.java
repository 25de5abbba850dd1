package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The facts of an account are hashed to recognise an unchanged row in a later file, so their bytes must stay
 * what {@code toPlainString} and {@code toString} spelled when the first files were loaded.
 */
class FactBytesTests {

    private final SplittableRandom random = new SplittableRandom(20261125);

    @Test
    void amountsAreSpelledAsToPlainString() {
        String[] edges = { "0", "0.00", "-0.01", "0.5", "12345.60", "-12345.6", "1E+3", "100", "0.000000001",
                "999999999999999999", "-999999999999999999.99", "12345678901234567890.12", "1E-20",
                "123456789012345678", "0.123456789012345678" };
        for (String edge : edges) {
            assertSpelledAsPlain(new BigDecimal(edge));
        }
        for (int i = 0; i < 200_000; i++) {
            int scale = random.nextInt(-3, 22);
            BigInteger unscaled = BigInteger.valueOf(random.nextLong() >> random.nextInt(64));
            if (random.nextInt(50) == 0) {
                unscaled = unscaled.multiply(BigInteger.valueOf(Long.MAX_VALUE));
            }
            assertSpelledAsPlain(new BigDecimal(unscaled, scale));
        }
    }

    @Test
    void wholeNumbersAndDatesAreSpelledAsToString() {
        for (int value : new int[] { 0, 1, 9, 10, 360, Integer.MAX_VALUE, -1, Integer.MIN_VALUE }) {
            assertThat(spelled(new FactBytes(1).integer(value))).isEqualTo(Integer.toString(value));
        }
        for (int i = 0; i < 100_000; i++) {
            int value = random.nextInt() >>> random.nextInt(32);
            assertThat(spelled(new FactBytes(1).integer(value))).isEqualTo(Integer.toString(value));
        }
        LocalDate[] edges = { LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(999, 5, 6),
                LocalDate.of(10000, 1, 1), LocalDate.of(-5, 1, 1), LocalDate.of(2026, 2, 28) };
        for (LocalDate date : edges) {
            assertThat(spelled(new FactBytes(1).date(date))).isEqualTo(date.toString());
        }
        for (int i = 0; i < 100_000; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextLong(-400_000, 3_000_000));
            assertThat(spelled(new FactBytes(1).date(date))).isEqualTo(date.toString());
        }
    }

    @Test
    void valuesFollowEachOtherInOneBuffer() {
        FactBytes facts = new FactBytes(4);
        facts.raw("借据-1").separator().plain(new BigDecimal("-0.05")).separator().integer(12).separator()
                .date(LocalDate.of(2026, 11, 25)).separator().raw(null);
        assertThat(spelled(facts)).isEqualTo("借据-1\u001f-0.05\u001f12\u001f2026-11-25\u001fnull");
    }

    private static void assertSpelledAsPlain(BigDecimal value) {
        assertThat(spelled(new FactBytes(2).plain(value))).as("%s", value).isEqualTo(value.toPlainString());
    }

    private static String spelled(FactBytes facts) {
        return new String(Arrays.copyOf(facts.bytes(), facts.length()), StandardCharsets.UTF_8);
    }
}
