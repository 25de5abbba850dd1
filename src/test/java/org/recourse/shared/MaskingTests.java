package org.recourse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTests {

    @ParameterizedTest
    @CsvSource({
        "13812345678, 138****5678",
        "01012345678, 010****5678",
        "12345678, 123****5678",
        "1234567, *****67",
        "123, *23",
        "12, **",
    })
    void masksPhoneNumbersKeepingThePrefixAndTheLastFour(String phone, String masked) {
        assertThat(Masking.phone(phone)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({
        "420102199001011234, 420***********1234",
        "42010219900101123X, 420***********123X",
        "420102900101123, 420********1123", // the 15-digit first-generation card
        "1234567, *****67",
    })
    void masksIdNumbersKeepingTheRegionAndTheLastFour(String idNumber, String masked) {
        assertThat(Masking.idNumber(idNumber)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({
        "张三丰, 张**",
        "李四, 李*",
        "欧阳娜娜, 欧***",
        "Zhang San, Z********",
        "𠀀二, 𠀀*", // a supplementary-plane character is one character
        "王𠀀𠀁, 王**",
        "张, *",
    })
    void masksNamesAfterTheFirstCharacter(String name, String masked) {
        assertThat(Masking.personName(name)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({
        "zhangsan@example.com, z***@example.com",
        "a@example.cn, a***@example.cn",
        "@example.com, ***@example.com",
        "not-an-address, n***",
    })
    void masksEmailAddressesKeepingTheDomain(String email, String masked) {
        assertThat(Masking.email(email)).isEqualTo(masked);
    }

    @Test
    void rendersMissingValuesAsEmpty() {
        assertThat(Masking.phone(null)).isEmpty();
        assertThat(Masking.idNumber(null)).isEmpty();
        assertThat(Masking.personName(null)).isEmpty();
        assertThat(Masking.email(null)).isEmpty();
        assertThat(Masking.personName("")).isEmpty();
        assertThat(Masking.email("")).isEmpty();
    }
}
