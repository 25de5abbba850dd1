package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Commission rates: plain decimals from 0 to 1 with at most four decimals, equal when their values are. */
class RateTests {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({"0.08, 0.08", "0.0800, 0.08", "0, 0", "0.0000, 0", "1, 1", "1.0000, 1", "0.0001, 0.0001",
            "' 0.5 ', 0.5", "00.25, 0.25"})
    void readsAPlainDecimalAndWritesItWithoutTrailingZeros(String text, String written) {
        assertThat(Rate.parse(text).toString()).isEqualTo(written);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"1.0001", "-0.01", "0.00001", "0.12345", "2", "8%", "1e-2", "0,08", ".5", "abc", "",
            "NaN", "0.08 0.09"})
    void refusesAnythingElse(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Rate.parse(text));
    }

    @Test
    void equalValuesAreEqualRatesWhateverTheirScale() {
        assertThat(Rate.parse("0.080")).isEqualTo(new Rate(new BigDecimal("0.08")));
        assertThat(Rate.parse("0.080").hashCode()).isEqualTo(Rate.parse("0.08").hashCode());
    }

    @Test
    void showsItselfInPerCent() {
        assertThat(Rate.parse("0.08").percent().toPlainString()).isEqualTo("8");
        assertThat(Rate.parse("0.0825").percent().toPlainString()).isEqualTo("8.25");
        assertThat(Rate.parse("1").percent().toPlainString()).isEqualTo("100");
        assertThat(Rate.parse("0").percent().toPlainString()).isEqualTo("0");
    }

    @Test
    void refusesAValueOutOfRangeOrTooFineEvenWhenBuiltDirectly() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Rate(new BigDecimal("1.5")));
        assertThatIllegalArgumentException().isThrownBy(() -> new Rate(new BigDecimal("0.00005")));
    }
}
