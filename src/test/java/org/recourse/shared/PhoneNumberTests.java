package org.recourse.shared;

import static org.assertj.core.api.Assertions.assertThat;

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
}
