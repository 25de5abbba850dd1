package org.recourse.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberTests {

    /** A fixed "today", so that the birth-date boundary does not move with the calendar. */
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

    private static final String CHECK_CHARACTERS = "10X98765432";

    private static final int[] PROVINCES = {
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
    };

    @ParameterizedTest
    @ValueSource(strings = {
        "11010519491231002X", // the widely published GB 11643 example (Beijing, Chaoyang)
        "370101190102039973", // worked example cited in COMPLIANCE.md C.1
        "341126197709218366", // UnionPay sandbox test identity
    })
    void acceptsPublishedExamples(String number) {
        IdNumber.Check check = IdNumber.check(number, TODAY);

        assertThat(check.valid()).isTrue();
        assertThat(check.errorCode()).isNull();
        assertThat(check.normalised()).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "44030519900307123", // Shenzhen, Nanshan
        "31010419850215004", // Shanghai, Xuhui
        "51010720000229567", // Chengdu, born on a leap day
        "65010219000101001", // first accepted birth date
        "82000020250630000", // Macau, born today
        "71000019731111222", // Taiwan
        "81000019691001333", // Hong Kong
        "83000019880808444", // overseas Chinese (华侨) code
    })
    void acceptsNumbersCompletedWithTheirCheckCharacter(String first17) {
        String number = IdNumber.withCheckCharacter(first17);

        assertThat(IdNumber.check(number, TODAY).normalised()).isEqualTo(number);
    }

    @Test
    void completesThePublishedExampleWithX() {
        assertThat(IdNumber.withCheckCharacter("11010519491231002")).isEqualTo("11010519491231002X");
        assertThat(IdNumber.withCheckCharacter("37010119010203997")).isEqualTo("370101190102039973");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "11010519491231002x",
        "  11010519491231002X  ",
        "\t11010519491231002x\n",
        "\u300011010519491231002X", // the full-width space of Chinese input methods
    })
    void normalisesSurroundingWhitespaceAndALowerCaseX(String raw) {
        assertThat(IdNumber.check(raw, TODAY).normalised()).isEqualTo("11010519491231002X");
    }

    @Test
    void returnsTheInputItselfWhenItIsAlreadyNormalised() {
        String number = "11010519491231002X";

        assertThat(IdNumber.check(number, TODAY).normalised()).isSameAs(number);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            110105491231002  | 11010519491231002X
            370101010203997  | 370101190102039973
            ' 440305900307123 ' | 440305199003071236
            """)
    void convertsLegacyFifteenDigitNumbersToEighteen(String legacy, String expected) {
        assertThat(IdNumber.check(legacy, TODAY).normalised())
                .isEqualTo(expected)
                .isEqualTo(IdNumber.withCheckCharacter(expected.substring(0, 17)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ",
        "1101051949123100", // 16 characters
        "11010519491231002", // 17 characters
        "11010519491231002X0", // 19 characters
        "1101051949123100X2", // X only in the last position
        "11010519A91231002X", // a letter inside
        "110105 9491231002X", // a space inside
        "11010519491231002Y", // a letter other than X as check character
        "１１０１０５１９４９１２３１００２X", // full-width digits
        "11010549123100", // 14 digits
        "11010549123100A", // 15 characters with a letter
        "11010549123100x", // a legacy number has no check character
    })
    void rejectsWrongLengthsAndCharactersAsFormatErrors(String raw) {
        assertThat(IdNumber.check(raw, TODAY).errorCode()).isEqualTo("id_number.format");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00010519491231002", // 00 is no province
        "99010519491231002", // 99 is no province
        "19010519491231002", // 19 is unassigned
        "10010519491231002", // 10 is unassigned
        "16010519491231002", // between Inner Mongolia (15) and Liaoning (21)
        "47010519491231002", // between Hainan (46) and Chongqing (50)
        "72010519491231002", // after Taiwan (71)
        "84010519491231002", // after the overseas code (83)
    })
    void rejectsUnknownProvincesAsRegionErrors(String first17) {
        String number = IdNumber.withCheckCharacter(first17);

        assertThat(IdNumber.check(number, TODAY).errorCode()).isEqualTo("id_number.region");
    }

    @Test
    void rejectsTheUnknownProvinceExampleOfTheComplianceNotes() {
        assertThat(IdNumber.check("990105194912310023", TODAY).errorCode()).isEqualTo("id_number.region");
        assertThat(IdNumber.check("990105491231002", TODAY).errorCode()).isEqualTo("id_number.region");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "11010520230229002", // 29 February in a common year
        "11010519000229002", // 1900 is not a leap year (divisible by 100)
        "11010519491331002", // month 13
        "11010519490031002", // month 00
        "11010519491200002", // day 00
        "11010519490431002", // 31 April
        "11010519490230002", // 30 February
        "11010518991231002", // before 1900
        "11010520250701002", // the day after today
        "11010520990101002", // far in the future
    })
    void rejectsImpossibleBirthDatesAsBirthDateErrors(String first17) {
        String number = IdNumber.withCheckCharacter(first17);

        assertThat(IdNumber.check(number, TODAY).errorCode()).isEqualTo("id_number.birth_date");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "11010520240229002", // 29 February in a leap year
        "11010520000229002", // 2000 is a leap year (divisible by 400)
        "11010519491231002", // 31 December
        "11010520250630002", // today
    })
    void acceptsRealBirthDatesUpToToday(String first17) {
        assertThat(IdNumber.check(IdNumber.withCheckCharacter(first17), TODAY).valid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "110105194902300020", // 1949-02-30, with a correct check character
        "110105209912310029", // born in 2099
        "440524188001010014", // the standard's own 1880 example: birth dates before 1900 are refused
        "110105490230002", // legacy number with 30 February
        "110105491301002", // legacy number with month 13
    })
    void rejectsTheBirthDateExamplesOfTheComplianceNotes(String number) {
        assertThat(IdNumber.check(number, TODAY).errorCode()).isEqualTo("id_number.birth_date");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "110105194912310021", // should be X
        "110105194912310020",
        "370101190102039972", // should be 3
        "37010119010203997X",
        "341126197709218367", // should be 6
        "341126197709218360",
    })
    void rejectsAWrongCheckCharacterAsAChecksumError(String number) {
        assertThat(IdNumber.check(number, TODAY).errorCode()).isEqualTo("id_number.checksum");
    }

    @Test
    void checksTheFormatBeforeTheRegionTheBirthDateAndTheChecksum() {
        // Unknown province, impossible date and wrong check character at once: each check hides the later ones.
        assertThat(IdNumber.check("99010519491331002A", TODAY).errorCode()).isEqualTo("id_number.format");
        assertThat(IdNumber.check("990105194913310021", TODAY).errorCode()).isEqualTo("id_number.region");
        assertThat(IdNumber.check("110105194913310021", TODAY).errorCode()).isEqualTo("id_number.birth_date");
    }

    @Test
    void givesAnErrorCodeAndNoNumberWhenInvalid() {
        IdNumber.Check check = IdNumber.check("110105194912310021", TODAY);

        assertThat(check.valid()).isFalse();
        assertThat(check.normalised()).isNull();
    }

    @Test
    void reusesTheSameResultForTheSameError() {
        assertThat(IdNumber.check("110105194912310021", TODAY))
                .isSameAs(IdNumber.check("370101190102039972", TODAY));
    }

    @Test
    void refusesAResultWithBothOrNeitherOfNumberAndErrorCode() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IdNumber.Check(null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new IdNumber.Check("11010519491231002X", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1101051949123100", "110105194912310020", "1101051949123100A", "abcdefghijklmnopq"})
    void refusesToCompleteAnythingButSeventeenDigits(String first17) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IdNumber.withCheckCharacter(first17))
                .withMessageNotContaining(first17);
    }

    @Test
    void detectsEveryChangedCheckCharacterOfRandomValidNumbers() {
        Random random = new Random(20250630L);
        long firstDay = LocalDate.of(1900, 1, 1).toEpochDay();
        long days = TODAY.toEpochDay() - firstDay + 1;
        for (int n = 0; n < 10_000; n++) {
            LocalDate birth = LocalDate.ofEpochDay(firstDay + random.nextLong(days));
            String first17 = "%02d%04d%04d%02d%02d%03d".formatted(
                    PROVINCES[random.nextInt(PROVINCES.length)], random.nextInt(10_000),
                    birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth(), random.nextInt(1_000));
            String number = IdNumber.withCheckCharacter(first17);
            assertThat(IdNumber.check(number, TODAY).normalised()).isEqualTo(number);

            for (char other : CHECK_CHARACTERS.toCharArray()) {
                if (other != number.charAt(17)) {
                    assertThat(IdNumber.check(first17 + other, TODAY).errorCode())
                            .as("check character %s instead of %s", other, number.charAt(17))
                            .isEqualTo("id_number.checksum");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", " 11010519491231002x ", "110105491231002", "\u3000110105491231002",
            "110105194912310021", "99010519491231002X", "11010519491331002X", "1101051949123100", "11010519491231002Y",
            "１１0105194912310023", ""})
    void givesTheSameNumberWithoutTheCheckAsWithIt(String raw) {
        assertThat(IdNumber.normalisedOrNull(raw, TODAY)).isEqualTo(IdNumber.check(raw, TODAY).normalised());
    }

    @Test
    void keepsAnAlreadyNormalisedNumberAsItIs() {
        String number = "11010519491231002X";
        assertThat(IdNumber.normalisedOrNull(number, TODAY)).isSameAs(number);
        assertThat(IdNumber.normalisedOrNull(null, TODAY)).isNull();
    }
}
