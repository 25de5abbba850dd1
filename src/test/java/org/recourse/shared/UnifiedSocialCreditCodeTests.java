package org.recourse.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTests {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String DIGITS = "0123456789";

    @Test
    void acceptsTheGb32100WorkedExample() {
        assertThat(UnifiedSocialCreditCode.isValid("91350100M000100Y43")).isTrue();
        assertThat(new UnifiedSocialCreditCode("91350100M000100Y43").value()).isEqualTo("91350100M000100Y43");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "9131000063159284XQ"})
    void acceptsCodesWithACorrectCheckCharacter(String code) {
        assertThat(UnifiedSocialCreditCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "91350100M000100Y4Z", // wrong check character
        "91350211M0000XUF46", // fails the check
        "91350100M0001TGQXM", // fails the check
        "91350100M000100I43", // I is not in the charset
        "91350100M000100O43", // O is not in the charset
        "91350100M000100S43", // S is not in the charset
        "91350100M000100V43", // V is not in the charset
        "91350100M000100Z43", // Z is not in the charset
        "91350100M000100Y4", // 17 characters
        "91350100M000100Y433", // 19 characters
        "91350100m000100y43", // lower case is only for parse
        " 91350100M000100Y43", // surrounding spaces are only for parse
        "913501A0M000100Y43", // positions 3 to 8 are digits
    })
    void rejectsCodesThatBreakTheStandard(String code) {
        assertThat(UnifiedSocialCreditCode.isValid(code)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new UnifiedSocialCreditCode(code));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void treatsMissingInputAsInvalidWithoutThrowing(String code) {
        assertThat(UnifiedSocialCreditCode.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100m000100y43", "  91350100M000100Y43 ", "9131000063159284xq"})
    void parsesCodesAsPeopleTypeThem(String raw) {
        assertThat(UnifiedSocialCreditCode.parse(raw).value()).isEqualTo(raw.strip().toUpperCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4Z", "", "   "})
    void refusesToParseInvalidCodes(String raw) {
        assertThatIllegalArgumentException().isThrownBy(() -> UnifiedSocialCreditCode.parse(raw));
    }

    @Test
    void keepsTheValueOutOfTheRejectionMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UnifiedSocialCreditCode("91350100M000100Y4Z"))
                .withMessageNotContaining("91350100M000100Y4Z");
    }

    @Test
    void completesAPrefixWithItsCheckCharacter() {
        assertThat(UnifiedSocialCreditCode.withCheckCharacter("91350100M000100Y4")).isEqualTo("91350100M000100Y43");
        assertThat(UnifiedSocialCreditCode.withCheckCharacter("9131000063159284X")).isEqualTo("9131000063159284XQ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y", "91350100M000100Y43", "91350100M000100I4", "913501A0M000100Y4"})
    void refusesToCompleteSomethingThatIsNotAPrefix(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> UnifiedSocialCreditCode.withCheckCharacter(prefix));
    }

    @Test
    void completedCodesAreValidAndEverySingleCharacterChangeIsCaught() {
        Random random = new Random(32100_2015L);
        for (int n = 0; n < 1_000; n++) {
            String code = UnifiedSocialCreditCode.withCheckCharacter(randomPrefix(random));
            assertThat(UnifiedSocialCreditCode.isValid(code)).as(code).isTrue();
            for (int position = 0; position < code.length(); position++) {
                for (char replacement : CHARSET.toCharArray()) {
                    if (replacement == code.charAt(position)) {
                        continue;
                    }
                    String changed = code.substring(0, position) + replacement + code.substring(position + 1);
                    assertThat(UnifiedSocialCreditCode.isValid(changed)).as(changed).isFalse();
                }
            }
        }
    }

    /** Positions 3 to 8 are the administrative division code, which the shape requires to be digits. */
    private static String randomPrefix(Random random) {
        StringBuilder prefix = new StringBuilder(17);
        for (int position = 0; position < 17; position++) {
            String alphabet = position >= 2 && position < 8 ? DIGITS : CHARSET;
            prefix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return prefix.toString();
    }
}
