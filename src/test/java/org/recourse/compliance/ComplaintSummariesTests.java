package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The numbers in a complaint's summary are masked in lists; amounts, times and dates are not numbers of a person. */
class ComplaintSummariesTests {

    @Test
    void numbersOfSevenDigitsOrMoreKeepTheirLastFour() {
        assertThat(ComplaintSummaries.masked("来电13812345678")).isEqualTo("来电*******5678");
        assertThat(ComplaintSummaries.masked("+86 138-1234-5678。")).isEqualTo("+86 ***-****-5678。");
        assertThat(ComplaintSummaries.masked("卡号6216 2610 0000 0000 018")).isEqualTo("卡号**** **** **** ***0 018");
        assertThat(ComplaintSummaries.masked("身份证11010519491231002x")).isEqualTo("身份证**************002x");
        assertThat(ComplaintSummaries.masked("全角１３８１２３４５６７８")).isEqualTo("全角*******５６７８");
        assertThat(ComplaintSummaries.masked("座机 8765432")).isEqualTo("座机 ***5432");
    }

    @Test
    void amountsTimesAndDatesStay() {
        String text = "2026-11-20 23:10 来电，欠款 3500 元，合同 12-34 号，第 100000 号回执";
        assertThat(ComplaintSummaries.masked(text)).isEqualTo(text);
        assertThat(ComplaintSummaries.masked("")).isEmpty();
    }
}
