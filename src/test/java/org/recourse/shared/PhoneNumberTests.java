package org.recourse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            13812345678         | 13812345678
            138 1234 5678       | 13812345678
            138-1234-5678       | 13812345678
            +8613812345678      | 13812345678
            +86 138 1234 5678   | 13812345678
            008613812345678     | 13812345678
            8613812345678       | 13812345678
            ' 19912345678 '     | 19912345678
            138　1234　5678      | 13812345678
            """)
    void normalisesMobilesWrittenWithGroupingOrACountryPrefix(String raw, String expected) {
        assertThat(PhoneNumber.normaliseMobile(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12812345678", // no mobile block starts 12
        "1381234567", // 10 digits
        "138123456789", // 12 digits
        "+861381234567", // prefix with only 10 digits after it
        "+85213812345678", // Hong Kong prefix
        "1381234567a",
        "010-12345678",
    })
    void rejectsWhatIsNotAMainlandMobile(String raw) {
        assertThat(PhoneNumber.normaliseMobile(raw)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void treatsMissingInputAsNoMobile(String raw) {
        assertThat(PhoneNumber.normaliseMobile(raw)).isEmpty();
        assertThat(PhoneNumber.normaliseContactPhone(raw)).isEmpty();
    }

    @Test
    void leavesANumberStartingWith86AloneUnlessElevenDigitsFollow() {
        // 86 followed by 9 digits is not a prefixed mobile, and is not a mobile at all.
        assertThat(PhoneNumber.normaliseMobile("86123456789")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"13812345678", "14512345678", "17400123456", "17012345678", "19912345678", "16612345678"})
    void recognisesAllocatedMobileRanges(String digits) {
        assertThat(PhoneNumber.isKnownMobileRange(digits)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"14012345678", "17412345678", "17406123456", "19212345678", "16012345678", "1381234567"})
    void doesNotRecogniseUnallocatedRangesEvenThoughTheyNormalise(String digits) {
        assertThat(PhoneNumber.isKnownMobileRange(digits)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            13812345678             | 13812345678
            +86 138-1234-5678       | 13812345678
            010-12345678            | 010-12345678
            010 12345678            | 010-12345678
            01012345678             | 010-12345678
            021-87654321            | 021-87654321
            0571-8888888            | 0571-8888888
            0571-88888888           | 0571-88888888
            057188888888            | 0571-88888888
            0755 12345678-123       | 0755-12345678-123
            010-12345678-8          | 010-12345678-8
            ' 020-12345678-123456 ' | 020-12345678-123456
            """)
    void normalisesMobilesAndFixedLines(String raw, String expected) {
        assertThat(PhoneNumber.normaliseContactPhone(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12345678", // no area code
        "010-123456", // local number too short
        "010-123456789", // local number too long
        "010-12345678-1234567", // extension too long
        "010--12345678",
        "10-12345678", // no trunk prefix
        "(010)12345678",
        "+86 10 12345678",
    })
    void rejectsWhatIsNeitherAMobileNorAFixedLine(String raw) {
        assertThat(PhoneNumber.normaliseContactPhone(raw)).isEmpty();
    }

    @Test
    void knowsTheSameAllocatedRangesAsTheRegularExpressionItReplaced() {
        // Every five-digit start, with and without a sixth digit to vary, and then odd lengths and characters.
        for (int start = 0; start < 100_000; start++) {
            for (String rest : new String[] {"000000", "999999", "12345"}) {
                String candidate = String.format("%05d", start) + rest;
                assertThat(PhoneNumber.isKnownMobileRange(candidate)).as(candidate)
                        .isEqualTo(Reference.isKnownMobileRange(candidate));
            }
        }
        for (String candidate : candidates()) {
            assertThat(PhoneNumber.isKnownMobileRange(candidate)).as(candidate)
                    .isEqualTo(Reference.isKnownMobileRange(candidate));
        }
    }

    @Test
    void normalisesAsTheRegularExpressionsItReplacedDid() {
        for (String candidate : candidates()) {
            assertThat(PhoneNumber.normaliseMobile(candidate)).as(candidate)
                    .isEqualTo(Reference.normaliseMobile(candidate));
            assertThat(PhoneNumber.normaliseContactPhone(candidate)).as(candidate)
                    .isEqualTo(Reference.normaliseContactPhone(candidate));
        }
    }

    /** Real-looking numbers, each also spoilt at random with the characters that matter to the rules. */
    private static List<String> candidates() {
        SplittableRandom random = new SplittableRandom(7);
        String[] seeds = {"13812345678", "17400123456", "17406123456", "14112345678", "+8613812345678",
            "008613812345678", "8613812345678", "86123456789", "138 1234 5678", "138-1234-5678",
            "138\u30001234\u30005678", "010-12345678", "010 12345678", "01012345678", "021-87654321", "0571-8888888", "057188888888",
            "0755 12345678-123", "010-12345678-8", " 020-12345678-123456 ", "010--12345678", "(010)12345678",
            "0101234567", "011-12345678", "0200-1234567", " 13812345678\u2003", "\t13812345678\n",
            "１３８１２３４５６７８"};
        // Digits twice, so that random strings often come close to a number.
        String alphabet = "0123456789 -+\u3000\t\u2003a;0123456789";
        List<String> candidates = new ArrayList<>(List.of(seeds));
        for (String seed : seeds) {
            for (int i = 0; i < 400; i++) {
                StringBuilder spoilt = new StringBuilder(seed);
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(spoilt.length() + 1);
                    char c = alphabet.charAt(random.nextInt(alphabet.length()));
                    if (at == spoilt.length() || random.nextInt(3) == 0) {
                        spoilt.insert(at, c);
                    } else if (random.nextBoolean()) {
                        spoilt.deleteCharAt(at);
                    } else {
                        spoilt.setCharAt(at, c);
                    }
                }
                candidates.add(spoilt.toString());
            }
        }
        for (int i = 0; i < 20_000; i++) {
            StringBuilder noise = new StringBuilder();
            for (int length = random.nextInt(18); noise.length() < length; ) {
                noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            candidates.add(noise.toString());
        }
        return candidates;
    }

    /** The regular expressions that PhoneNumber used before it was written as scans, kept as the specification. */
    private static final class Reference {

        static final Pattern LENIENT_MOBILE = Pattern.compile("^1[3-9]\\d{9}$");
        static final Pattern KNOWN_MOBILE_RANGE = Pattern.compile(
                "^(?:1740[0-5]\\d{6}|1(?:[38]\\d|4[57]|5[0-35-9]|6[25-7]|7[0-35-8]|9[0135-9])\\d{8})$");
        static final Pattern FIXED_LINE =
                Pattern.compile("^(0(?:10|2\\d|[3-9]\\d{2}))[- ]?(\\d{7,8})(?:-(\\d{1,6}))?$");
        static final Pattern GROUPING = Pattern.compile("[\\s\\u3000-]+");
        static final Pattern ELEVEN_DIGITS = Pattern.compile("^\\d{11}$");

        static Optional<String> normaliseMobile(String raw) {
            String digits = GROUPING.matcher(raw).replaceAll("");
            for (String prefix : new String[] {"+86", "0086", "86"}) {
                if (digits.startsWith(prefix) && ELEVEN_DIGITS.matcher(digits.substring(prefix.length())).matches()) {
                    digits = digits.substring(prefix.length());
                    break;
                }
            }
            return LENIENT_MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
        }

        static boolean isKnownMobileRange(String digits) {
            return KNOWN_MOBILE_RANGE.matcher(digits).matches();
        }

        static Optional<String> normaliseContactPhone(String raw) {
            Optional<String> mobile = normaliseMobile(raw);
            if (mobile.isPresent()) {
                return mobile;
            }
            Matcher fixedLine = FIXED_LINE.matcher(raw.strip());
            if (!fixedLine.matches()) {
                return Optional.empty();
            }
            String normalised = fixedLine.group(1) + "-" + fixedLine.group(2);
            return Optional.of(fixedLine.group(3) == null ? normalised : normalised + "-" + fixedLine.group(3));
        }
    }
}
