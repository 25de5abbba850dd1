package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.recourse.cases.AccountRecord;
import org.recourse.intake.SampleAccounts.BadRow;
import org.recourse.shared.IdNumber;

/**
 * Every rule of the template, one row at a time, without Spring: each refusal has its stable code on the column
 * at fault, everything else about the row being valid; and what passes comes out normalised.
 */
class RowValidationTests {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

    private final SampleAccounts sample = new SampleAccounts(31, TODAY);
    private final RowValidator validator = new RowValidator(HeaderMapping.of(SampleAccounts.COLUMNS), TODAY);

    @Test
    void acceptsAValidRowAndNormalisesIt() {
        List<String> row = row(Map.of("loan_amount", "1000", "currency", "", "id_number", " 11010519491231002x ",
                "mobile", "+86 138 1234 5678"));

        AccountRecord account = validator.validate(row);

        assertThat(validator.errors()).isEmpty();
        assertThat(account).isNotNull();
        assertThat(account.loanAmount()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(account.currency()).isEqualTo("CNY");
        assertThat(account.idNumber()).isEqualTo("11010519491231002X");
        assertThat(account.mobile()).isEqualTo("13812345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"account_ref", "product", "borrower_name", "id_number", "mobile", "loan_amount",
            "term_months", "loan_date", "due_date", "principal_outstanding", "interest_outstanding",
            "fees_outstanding", "penalty_outstanding"})
    void requiresEveryRequiredCell(String column) {
        assertThat(errors(Map.of(column, ""))).containsExactly(column + " required");
        assertThat(errors(Map.of(column, "   "))).containsExactly(column + " required");
    }

    @Test
    void leavesOptionalCellsEmpty() {
        assertThat(errors(Map.of("other_phones", "", "address", "", "province", "", "city", "",
                "emergency_contact_name", "", "emergency_contact_relation", "", "emergency_contact_phone", "",
                "currency", ""))).isEmpty();
    }

    @Test
    void refusesCellsLongerThanTheirLimit() {
        assertThat(errors(Map.of("account_ref", "R".repeat(64)))).isEmpty();
        assertThat(errors(Map.of("account_ref", "R".repeat(65)))).containsExactly("account_ref too_long");
        assertThat(errors(Map.of("address", "地".repeat(201)))).containsExactly("address too_long");
    }

    @ParameterizedTest
    @MethodSource("badIdNumbers")
    void refusesIdNumbers(String idNumber, String code) {
        assertThat(errors(Map.of("id_number", idNumber))).containsExactly("id_number " + code);
    }

    static Stream<Arguments> badIdNumbers() {
        return Stream.of(
                Arguments.of("11010519491231002", "id_number.format"),
                Arguments.of("1101051949123100211", "id_number.format"),
                Arguments.of("1101051949A231002X", "id_number.format"),
                Arguments.of("11010519491231002Y", "id_number.format"),
                Arguments.of("11010549123100", "id_number.format"),
                // The right check character is X.
                Arguments.of("110105194912310021", "id_number.checksum"),
                Arguments.of("110105194912310020", "id_number.checksum"),
                Arguments.of(IdNumber.withCheckCharacter("11010519490230002"), "id_number.birth_date"),
                Arguments.of(IdNumber.withCheckCharacter("11010520300101002"), "id_number.birth_date"),
                Arguments.of(IdNumber.withCheckCharacter("11010518991231002"), "id_number.birth_date"),
                Arguments.of("110105491331002", "id_number.birth_date"),
                Arguments.of(IdNumber.withCheckCharacter("99010519491231002"), "id_number.region"),
                Arguments.of(IdNumber.withCheckCharacter("00010519491231002"), "id_number.region"),
                Arguments.of("990105491231002", "id_number.region"));
    }

    @Test
    void acceptsALowerCaseXAndConvertsAFifteenDigitNumber() {
        AccountRecord lowerX = validator.validate(row(Map.of("id_number", "11010519491231002x")));
        AccountRecord legacy = validator.validate(row(Map.of("id_number", "110105491231002")));

        assertThat(lowerX).isNotNull();
        assertThat(lowerX.idNumber()).isEqualTo("11010519491231002X");
        assertThat(legacy).isNotNull();
        assertThat(legacy.idNumber()).isEqualTo(IdNumber.withCheckCharacter("11010519491231002"))
                .isEqualTo("11010519491231002X");
    }

    @Test
    void refusesMobilesOutsideTheMainlandFormatAndWarnsAboutUnknownRanges() {
        assertThat(errors(Map.of("mobile", "12812345678"))).containsExactly("mobile mobile.format");
        assertThat(errors(Map.of("mobile", "1381234567"))).containsExactly("mobile mobile.format");
        assertThat(errors(Map.of("mobile", "010-62345678"))).containsExactly("mobile mobile.format");
        assertThat(validator.mobilesOutsideKnownRanges()).isZero();

        assertThat(errors(Map.of("mobile", "14112345678"))).isEmpty();
        assertThat(validator.mobilesOutsideKnownRanges()).isEqualTo(1);
    }

    @Test
    void refusesOtherPhonesWithOneBadEntry() {
        assertThat(errors(Map.of("other_phones", "13912345678;12345"))).containsExactly("other_phones phone.format");
        assertThat(errors(Map.of("other_phones", "abc"))).containsExactly("other_phones phone.format");

        AccountRecord account = validator.validate(row(Map.of("other_phones", "13912345678；010-62345678;")));
        assertThat(validator.errors()).isEmpty();
        assertThat(account.otherPhones()).containsExactly("13912345678", "010-62345678");
    }

    @Test
    void wantsTheEmergencyContactWholeOrNotAtAll() {
        assertThat(errors(Map.of("emergency_contact_name", "李四", "emergency_contact_relation", "配偶",
                "emergency_contact_phone", "13912345678"))).isEmpty();
        assertThat(errors(Map.of("emergency_contact_name", "", "emergency_contact_relation", "",
                "emergency_contact_phone", ""))).isEmpty();
        assertThat(errors(Map.of("emergency_contact_name", "李四", "emergency_contact_relation", "配偶",
                "emergency_contact_phone", ""))).containsExactly("emergency_contact_name emergency_contact.incomplete");
        assertThat(errors(Map.of("emergency_contact_name", "", "emergency_contact_relation", "配偶",
                "emergency_contact_phone", "13912345678")))
                .containsExactly("emergency_contact_name emergency_contact.incomplete");
        assertThat(errors(Map.of("emergency_contact_name", "李四", "emergency_contact_relation", "配偶",
                "emergency_contact_phone", "123"))).containsExactly("emergency_contact_phone phone.format");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0            | 0.00",
            "0.00         | 0.00",
            "-0.00        | 0.00",
            "' 100.00 '   | 100.00",
            "1,234,567.89 | 1234567.89",
            "12,345.60    | 12345.60",
            "999          | 999.00",
            "0.5          | 0.50",
    })
    void acceptsOutstandingAmounts(String raw, String value) {
        AccountRecord account = validator.validate(row(Map.of("principal_outstanding", raw)));

        assertThat(validator.errors()).isEmpty();
        assertThat(account.principalOutstanding()).isEqualTo(new BigDecimal(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1234,567   | amount.format",
            "¥100       | amount.format",
            "100元       | amount.format",
            "1e5        | amount.format",
            "100.       | amount.format",
            ".5         | amount.format",
            "1,23,456   | amount.format",
            "12,34      | amount.format",
            "1 000      | amount.format",
            "12a.00     | amount.format",
            "-5.00      | amount.negative",
            "1.234      | amount.scale",
    })
    void refusesOutstandingAmounts(String raw, String code) {
        assertThat(errors(Map.of("interest_outstanding", raw))).containsExactly("interest_outstanding " + code);
    }

    @Test
    void wantsALoanAmountAboveZero() {
        assertThat(errors(Map.of("loan_amount", "0.01"))).isEmpty();
        // The code list has no code of its own for zero; zero is refused as not a positive amount.
        assertThat(errors(Map.of("loan_amount", "0"))).containsExactly("loan_amount amount.negative");
        assertThat(errors(Map.of("loan_amount", "0.00"))).containsExactly("loan_amount amount.negative");
        assertThat(errors(Map.of("loan_amount", "-100"))).containsExactly("loan_amount amount.negative");
    }

    @ParameterizedTest
    @CsvSource({"2024-2-3, 2024-02-03", "2024/02/03, 2024-02-03", "2024/2/3, 2024-02-03", "' 2024-02-03 ', 2024-02-03"})
    void readsDates(String raw, String date) {
        AccountRecord account = validator.validate(row(Map.of("loan_date", raw, "due_date", "2024-03-01")));

        assertThat(validator.errors()).isEmpty();
        assertThat(account.loanDate()).isEqualTo(LocalDate.parse(date));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-13-01", "24-02-03", "2024.02.03", "20240203",
            "2024-02-03 10:00", "03/02/2024", "2024-02-", "abc"})
    void refusesWhatIsNotADate(String raw) {
        assertThat(errors(Map.of("loan_date", raw, "due_date", "2024-03-01"))).containsExactly("loan_date date.format");
    }

    @Test
    void refusesDatesAfterTodayAndADueDateBeforeTheLoan() {
        assertThat(errors(Map.of("loan_date", "2024-01-01", "due_date", TODAY.toString()))).isEmpty();
        assertThat(errors(Map.of("loan_date", "2024-01-01", "due_date", TODAY.plusDays(1).toString())))
                .containsExactly("due_date date.future");
        assertThat(errors(Map.of("loan_date", TODAY.plusDays(1).toString(), "due_date", TODAY.plusDays(2).toString())))
                .containsExactly("loan_date date.future", "due_date date.future");
        assertThat(errors(Map.of("loan_date", "2024-01-02", "due_date", "2024-01-01")))
                .containsExactly("due_date date.order");
        assertThat(errors(Map.of("loan_date", "2024-01-01", "due_date", "2024-01-01"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "361", "12.5", "abc", "-1", "1000", "12个月"})
    void refusesTermsOutsideOneToThreeHundredSixtyMonths(String term) {
        assertThat(errors(Map.of("term_months", term))).containsExactly("term_months term.range");
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "360, 360", "' 12 ', 12", "012, 12"})
    void acceptsTerms(String raw, int months) {
        AccountRecord account = validator.validate(row(Map.of("term_months", raw)));

        assertThat(validator.errors()).isEmpty();
        assertThat(account.termMonths()).isEqualTo(months);
    }

    @ParameterizedTest
    @CsvSource({"usd, USD", "CNY, CNY", "' hkd ', HKD", "'', CNY"})
    void acceptsIsoCurrencies(String raw, String currency) {
        AccountRecord account = validator.validate(row(Map.of("currency", raw)));

        assertThat(validator.errors()).isEmpty();
        assertThat(account.currency()).isEqualTo(currency);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "RMB", "cn", "人民币", "USDD"})
    void refusesUnknownCurrencies(String currency) {
        assertThat(errors(Map.of("currency", currency))).containsExactly("currency currency.unknown");
    }

    @Test
    void reportsEveryErrorOfARow() {
        assertThat(errors(Map.of("borrower_name", "", "mobile", "123", "term_months", "0", "currency", "XYZ")))
                .containsExactly("borrower_name required", "mobile mobile.format", "term_months term.range",
                        "currency currency.unknown");
    }

    @Test
    void refusesADuplicateAccountReferenceWhateverElseIsWrong() {
        validator.validate(row(Map.of("mobile", "123")));

        validator.rejectDuplicate("LN0000000001");

        assertThat(validator.errors()).extracting(error -> error.column().english() + " " + error.code())
                .containsExactly("account_ref account_ref.duplicate_in_file");
    }

    @ParameterizedTest
    @EnumSource(BadRow.class)
    void reportsExactlyTheCodeOfEachKindOfBadSampleRowOnItsColumn(BadRow kind) {
        for (long index : LongStream.rangeClosed(2, 41).toArray()) {
            List<String> row = sample.row(index, kind);

            AccountRecord account = validator.validate(row);
            if (kind == BadRow.DUPLICATE_IN_FILE) {
                // A duplicate is a valid row on its own; the batch refuses it for coming second.
                assertThat(account).as("row %d", index).isNotNull();
                validator.rejectDuplicate(row.get(0));
            } else {
                assertThat(account).as("row %d", index).isNull();
            }

            assertThat(validator.errors()).as("row %d", index)
                    .extracting(error -> error.column().english() + " " + error.code())
                    .containsExactly(kind.field() + " " + kind.code());
        }
    }

    @Test
    void masksRefusedIdNumbersAndPhonesInTheErrors() {
        validator.validate(row(Map.of("id_number", "110105194912310021", "mobile", "12812345678",
                "other_phones", "1391234567")));

        assertThat(validator.errors()).extracting(RowError::maskedValue)
                .containsExactly("110***********0021", "128****5678", "139****4567");
    }

    /** A valid sample row with the given cells replaced, by English column name. */
    @Test
    void takesAnOptionalEmailAddressWithItsDomainInLowerCase() {
        List<String> header = new ArrayList<>(SampleAccounts.COLUMNS);
        header.add("电子邮箱");
        RowValidator withEmail = new RowValidator(HeaderMapping.of(header), TODAY);
        List<String> row = new ArrayList<>(row(Map.of()));
        row.add(" Zhang.San+loan@Example.COM.cn ");

        AccountRecord account = withEmail.validate(row);

        assertThat(withEmail.errors()).isEmpty();
        assertThat(account.email()).isEqualTo("Zhang.San+loan@example.com.cn");
        row.set(row.size() - 1, "");
        assertThat(withEmail.validate(row).email()).isNull();
        // A file without the column is as valid as before.
        assertThat(validator.validate(row(Map.of())).email()).isNull();
        for (String bad : List.of("zhangsan", "zhang san@example.com", "zhangsan@example", "a@b@example.com",
                "张三@例子.中国", "zhangsan@-example.com")) {
            row.set(row.size() - 1, bad);
            assertThat(withEmail.validate(row)).as(bad).isNull();
            assertThat(withEmail.errors()).as(bad).singleElement()
                    .satisfies(error -> {
                        assertThat(error.column()).isEqualTo(Column.EMAIL);
                        assertThat(error.code()).isEqualTo("email.format");
                    });
        }
    }

    private List<String> row(Map<String, String> changes) {
        List<String> row = new ArrayList<>(sample.row(1, null));
        changes.forEach((column, value) -> row.set(IntakeApiFixtures.column(column), value));
        return row;
    }

    /** The errors of the changed row, each as "column code", in the order reported. */
    private List<String> errors(Map<String, String> changes) {
        @Nullable AccountRecord account = validator.validate(row(changes));
        List<String> errors = validator.errors().stream()
                .map(error -> error.column().english() + " " + error.code()).toList();
        assertThat(account == null).as("refused exactly when there are errors").isEqualTo(!errors.isEmpty());
        return errors;
    }
}
