package org.recourse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTests {

    @Test
    void answersWhitespaceAsTheJdkDoesForEveryChar() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            assertThat(PlainText.isWhitespace((char) c)).as("U+%04X", c).isEqualTo(Character.isWhitespace((char) c));
        }
    }

    @Test
    void hasNoWhitespaceCodePointAboveTheIdeographicSpace() {
        // PlainText.isWhitespace and strip rely on this, also for the supplementary planes that a name may use.
        for (int codePoint = 0x3001; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            assertThat(Character.isWhitespace(codePoint)).as("U+%04X", codePoint).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t\n", "a", " a", "a ", " a ", "张三", "　张三　", "张三\u2003",
            "\u3000",
            "\u00A0a\u00A0", "\u001Fa", "a\u0085", "𠮷", " 𠮷 ", "𠮷a𠮷", "13812345678", "1,234.00\r\n"})
    void stripsAsTheJdkDoesAndKeepsACleanTextAsItIs(String text) {
        assertThat(PlainText.strip(text)).isEqualTo(text.strip());
        if (text.strip().equals(text)) {
            assertThat(PlainText.strip(text)).isSameAs(text);
        }
    }

    @Test
    void countsCodePointsNotCharsAgainstALimit() {
        assertThat(PlainText.isLongerThan("地".repeat(200), 200)).isFalse();
        assertThat(PlainText.isLongerThan("地".repeat(201), 200)).isTrue();
        // Two chars each, but one code point each: 30 code points in 60 chars are within a limit of 50.
        assertThat(PlainText.isLongerThan("𠮷".repeat(30), 50)).isFalse();
        assertThat(PlainText.isLongerThan("𠮷".repeat(51), 50)).isTrue();
        assertThat(PlainText.isLongerThan("", 0)).isFalse();
    }
}
