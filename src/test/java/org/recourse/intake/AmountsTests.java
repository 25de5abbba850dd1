package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The amount scan, its quick path for plain amounts and its way out for amounts whose cents overflow a long. */
class AmountsTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0                        | 0.00",
            "7                        | 7.00",
            "88.5                     | 88.50",
            "1234.56                  | 1234.56",
            "007.10                   | 7.10",
            "'  1234.56 '             | 1234.56",
            "+12.30                   | 12.30",
            "-0                       | 0.00",
            "1,234,567.89             | 1234567.89",
            // 16 whole digits: the largest plain amount whose cents still fit a long on the quick path.
            "9999999999999999.99      | 9999999999999999.99",
            // 17 or 18 whole digits: in cents beyond a long, so read as a BigDecimal instead.
            "99999999999999999        | 99999999999999999.00",
            "999999999999999999       | 999999999999999999.00",
            "+999,999,999,999,999,999 | 999999999999999999.00",
            "12345678901234567.8      | 12345678901234567.80",
            "9223372036854775808      | ",
    })
    void readsAmountsAtTwoDecimals(String raw, @Nullable String expected) {
        BigDecimal value = Amounts.parse(raw);
        if (expected == null) {
            // 19 digits: more than an amount here can have, whatever a long could hold.
            assertThat(value).isNull();
            assertThat(Amounts.problem(raw)).isEqualTo(Amounts.FORMAT);
        } else {
            assertThat(value).isEqualTo(new BigDecimal(expected)).extracting(BigDecimal::scale).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @CsvSource({"'', amount.format", "12a.00, amount.format", "12., amount.format", ".5, amount.format",
            "'1,23', amount.format", "'1234,567', amount.format", "-5.00, amount.negative", "'-1,000', amount.negative",
            "1.234, amount.scale", "-1.234, amount.negative", "1e3, amount.format", "¥100, amount.format"})
    void namesWhatIsWrong(String raw, String code) {
        assertThat(Amounts.parse(raw)).isNull();
        assertThat(Amounts.problem(raw)).isEqualTo(code);
    }

    @Test
    void readsEveryAmountAsTheScanItReplacedDid() {
        SplittableRandom random = new SplittableRandom(11);
        String alphabet = "0123456789012345678901234567890123456789.,+- x";
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            StringBuilder amount = new StringBuilder();
            for (int length = random.nextInt(27); amount.length() < length; ) {
                amount.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            candidates.add(amount.toString());
        }
        for (int digits = 1; digits <= 20; digits++) {
            for (String decimals : new String[] {"", ".", ".5", ".50", ".505"}) {
                candidates.add("9".repeat(digits) + decimals);
                candidates.add("1" + "0".repeat(digits - 1) + decimals);
            }
        }
        for (String raw : candidates) {
            Reference.Parsed expected = Reference.parse(raw);
            assertThat(Amounts.parse(raw)).as(raw).isEqualTo(expected.value());
            if (expected.value() == null) {
                assertThat(Amounts.problem(raw)).as(raw).isEqualTo(expected.errorCode());
            }
        }
    }

    /** The scan as it was before its quick path, kept as the specification. */
    private static final class Reference {

        record Parsed(@Nullable BigDecimal value, @Nullable String errorCode) {
        }

        static Parsed parse(String raw) {
            String text = raw.strip();
            int length = text.length();
            if (length == 0 || length > 24) {
                return new Parsed(null, "amount.format");
            }
            int start = 0;
            boolean negative = false;
            if (text.charAt(0) == '-' || text.charAt(0) == '+') {
                negative = text.charAt(0) == '-';
                start = 1;
            }
            long unscaled = 0;
            int digitCount = 0;
            int integerDigits = 0;
            int groupDigits = -1;
            int decimals = -1;
            for (int i = start; i < length; i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (++digitCount > 18) {
                        return new Parsed(null, "amount.format");
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
                    if (integerDigits == 0 || (groupDigits < 0 && integerDigits > 3)
                            || (groupDigits >= 0 && groupDigits != 3)) {
                        return new Parsed(null, "amount.format");
                    }
                    groupDigits = 0;
                } else if (c == '.' && decimals < 0) {
                    if (groupDigits >= 0 && groupDigits != 3) {
                        return new Parsed(null, "amount.format");
                    }
                    groupDigits = -1;
                    decimals = 0;
                } else {
                    return new Parsed(null, "amount.format");
                }
            }
            if (integerDigits == 0 || decimals == 0 || (groupDigits >= 0 && groupDigits != 3)) {
                return new Parsed(null, "amount.format");
            }
            int scale = Math.max(decimals, 0);
            if (negative && unscaled != 0) {
                return new Parsed(null, "amount.negative");
            }
            if (scale > 2) {
                return new Parsed(null, "amount.scale");
            }
            return new Parsed(BigDecimal.valueOf(unscaled, scale).setScale(2), null);
        }
    }
}
