package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.recourse.intake.SampleAccounts.BadRow;
import org.recourse.shared.IdNumber;

class SampleAccountsTests {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0(?:10|2\\d|[3-9]\\d{2})-[2-8]\\d{7}");
    private static final Pattern AMOUNT = Pattern.compile("\\d+\\.\\d{2}");
    private static final Pattern ACCOUNT_REF = Pattern.compile("LN\\d{10}");
    private static final Set<String> PROVINCE_CODES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
            "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83");

    private final SampleAccounts accounts = new SampleAccounts(42, TODAY);

    @TempDir
    Path dir;

    @Test
    void namesTheColumnsOfTheIntakeTemplateInOrder() {
        assertThat(SampleAccounts.COLUMNS).containsExactly(
                "account_ref", "product", "borrower_name", "id_number", "mobile", "other_phones", "address",
                "province", "city", "emergency_contact_name", "emergency_contact_relation", "emergency_contact_phone",
                "loan_amount", "term_months", "loan_date", "due_date", "principal_outstanding", "interest_outstanding",
                "fees_outstanding", "penalty_outstanding", "currency");
    }

    @Test
    void writesIdenticalCsvBytesForTheSameSeed() throws IOException {
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");
        Path otherSeed = dir.resolve("other-seed.csv");

        accounts.writeCsv(first, 2_000, 0.01);
        new SampleAccounts(42, TODAY).writeCsv(second, 2_000, 0.01);
        new SampleAccounts(43, TODAY).writeCsv(otherSeed, 2_000, 0.01);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.readAllBytes(otherSeed)).isNotEqualTo(Files.readAllBytes(first));
    }

    @Test
    void producesTheSameRowForAnIndexWhateverWasProducedBefore() {
        List<String> before = accounts.row(777, null);
        for (long index = 1; index <= 100; index++) {
            accounts.row(index, accounts.badRowAt(index, 0.5));
        }

        assertThat(accounts.row(777, null)).isEqualTo(before);
        assertThat(new SampleAccounts(42, TODAY).row(777, BadRow.ID_CHECKSUM))
                .isEqualTo(accounts.row(777, BadRow.ID_CHECKSUM));
    }

    @Test
    void givesEveryValidRowAValidIdNumberBornFrom1960To2003() {
        for (long index = 1; index <= 10_000; index++) {
            if (accounts.badRowAt(index, 0.01) != null) {
                continue;
            }
            String id = cell(accounts.row(index, null), "id_number");
            IdNumber.Check check = IdNumber.check(id, TODAY);

            assertThat(check.valid()).as("row %d: %s", index, check.errorCode()).isTrue();
            assertThat(check.normalised()).isEqualTo(id);
            assertThat(PROVINCE_CODES).contains(id.substring(0, 2));
            assertThat(Integer.parseInt(id.substring(6, 10))).isBetween(1960, 2003);
        }
    }

    @Test
    void fillsValidRowsAsTheTemplateExpects() {
        Set<String> refs = new TreeSet<>();
        int withOtherPhones = 0;
        int withContact = 0;
        int withLandline = 0;
        for (long index = 1; index <= 5_000; index++) {
            List<String> row = accounts.row(index, null);
            assertThat(row).hasSameSizeAs(SampleAccounts.COLUMNS);

            assertThat(cell(row, "account_ref")).matches(ACCOUNT_REF);
            assertThat(refs.add(cell(row, "account_ref"))).isTrue();
            assertThat(cell(row, "product")).isNotBlank();
            assertThat(cell(row, "borrower_name")).isNotBlank().hasSizeBetween(2, 5);
            assertThat(cell(row, "mobile")).matches(MOBILE);
            if (!cell(row, "other_phones").isEmpty()) {
                withOtherPhones++;
                for (String phone : cell(row, "other_phones").split(";")) {
                    assertThat(MOBILE.matcher(phone).matches() || LANDLINE.matcher(phone).matches())
                            .as("row %d other phone %s", index, phone).isTrue();
                    withLandline += LANDLINE.matcher(phone).matches() ? 1 : 0;
                }
            }
            assertThat(cell(row, "address")).startsWith(cell(row, "province").equals(cell(row, "city"))
                    ? cell(row, "city") : cell(row, "province") + cell(row, "city"));

            List<String> contact = List.of(cell(row, "emergency_contact_name"),
                    cell(row, "emergency_contact_relation"), cell(row, "emergency_contact_phone"));
            if (contact.stream().allMatch(String::isEmpty)) {
                continue;
            }
            withContact++;
            assertThat(contact).allMatch(value -> !value.isEmpty());
            assertThat(contact.get(2)).matches(MOBILE);
        }
        assertThat(withOtherPhones).isBetween(2_000, 3_000);
        assertThat(withContact).isBetween(3_000, 4_000);
        assertThat(withLandline).isPositive();
    }

    @Test
    void keepsAmountsTermsAndDatesOfValidRowsConsistent() {
        LocalDate earliestDue = TODAY.minusDays(720);
        for (long index = 1; index <= 5_000; index++) {
            List<String> row = accounts.row(index, null);
            for (String column : List.of("loan_amount", "principal_outstanding", "interest_outstanding",
                    "fees_outstanding", "penalty_outstanding")) {
                assertThat(cell(row, column)).as(column).matches(AMOUNT);
            }
            assertThat(Double.parseDouble(cell(row, "loan_amount"))).isPositive();
            assertThat(Double.parseDouble(cell(row, "principal_outstanding")))
                    .isLessThanOrEqualTo(Double.parseDouble(cell(row, "loan_amount")));
            assertThat(Integer.parseInt(cell(row, "term_months"))).isBetween(1, 360);

            LocalDate loanDate = LocalDate.parse(cell(row, "loan_date"));
            LocalDate dueDate = LocalDate.parse(cell(row, "due_date"));
            assertThat(loanDate).isBefore(dueDate);
            assertThat(dueDate).isBefore(TODAY).isAfterOrEqualTo(earliestDue);
            LocalDate birth = LocalDate.parse(cell(row, "id_number").substring(6, 14),
                    java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            assertThat(birth.plusYears(18)).as("adult at the loan date").isBeforeOrEqualTo(loanDate);
            assertThat(cell(row, "currency")).isEqualTo("CNY");
        }
    }

    @Test
    void coversEveryKindOnceInEachCycleAtOnePercent() {
        List<BadRow> firstCycle = new ArrayList<>();
        for (long index = 1; index <= 100L * BadRow.values().length; index++) {
            BadRow kind = accounts.badRowAt(index, 0.01);
            if (kind != null) {
                assertThat(index % 100).isZero();
                firstCycle.add(kind);
            }
        }

        assertThat(firstCycle).containsExactly(BadRow.values());
    }

    @Test
    void predictsTheCountsOfBadRowsPerKind() {
        Map<BadRow, Long> counted = new EnumMap<>(BadRow.class);
        long valid = 0;
        for (long index = 1; index <= 10_000; index++) {
            BadRow kind = accounts.badRowAt(index, 0.01);
            if (kind == null) {
                valid++;
            } else {
                counted.merge(kind, 1L, Long::sum);
            }
        }

        SampleAccounts.Expected expected = accounts.expected(10_000, 0.01);
        assertThat(expected.total()).isEqualTo(10_000);
        assertThat(expected.valid()).isEqualTo(valid).isEqualTo(9_900);
        assertThat(expected.bad()).isEqualTo(100);
        assertThat(expected.badByKind()).isEqualTo(counted).containsOnlyKeys(BadRow.values());
        // 100 bad rows over 18 kinds: the first 10 kinds come 6 times, the others 5.
        assertThat(expected.badByKind().get(BadRow.REQUIRED)).isEqualTo(6);
        assertThat(expected.badByKind().get(BadRow.DUPLICATE_IN_FILE)).isEqualTo(5);
    }

    @Test
    void producesNoBadRowsAtAZeroFraction() {
        assertThat(accounts.badRowAt(100, 0)).isNull();
        assertThat(accounts.expected(1_000, 0).valid()).isEqualTo(1_000);
        assertThat(accounts.expected(1_000, 0).badByKind()).containsOnlyKeys(BadRow.values()).allSatisfy(
                (kind, count) -> assertThat(count).isZero());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
    void refusesAFractionOutsideZeroToOne(double badFraction) {
        assertThatIllegalArgumentException().isThrownBy(() -> accounts.badRowAt(1, badFraction));
        assertThatIllegalArgumentException().isThrownBy(() -> accounts.expected(1, badFraction));
    }

    @Test
    void refusesRowsBeforeTheFirstAndADuplicateOfNothing() {
        assertThatIllegalArgumentException().isThrownBy(() -> accounts.row(0, null));
        assertThatIllegalArgumentException().isThrownBy(() -> accounts.row(1, BadRow.DUPLICATE_IN_FILE));
    }

    @ParameterizedTest
    @EnumSource(BadRow.class)
    void spoilsOnlyTheCellsOfTheOneRejection(BadRow kind) {
        for (long index = 2; index <= 400; index++) {
            List<String> valid = accounts.row(index, null);
            List<String> bad = accounts.row(index, kind);

            Set<String> changed = new TreeSet<>();
            for (int column = 0; column < valid.size(); column++) {
                if (!valid.get(column).equals(bad.get(column))) {
                    changed.add(SampleAccounts.COLUMNS.get(column));
                }
            }
            if (kind == BadRow.EMERGENCY_CONTACT_INCOMPLETE) {
                // Either the phone is dropped from a whole contact, or a name and relation come without one.
                assertThat(changed).isNotEmpty().isSubsetOf(
                        "emergency_contact_name", "emergency_contact_relation", "emergency_contact_phone");
            } else {
                assertThat(changed).containsExactly(kind.field());
            }
            assertCarries(kind, index, bad);
        }
    }

    @Test
    void writesACsvLinePerRowAfterTheHeader() throws IOException {
        Path file = dir.resolve("accounts.csv");

        accounts.writeCsv(file, 1_000, 0.01);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1_001);
        assertThat(lines.get(0)).isEqualTo(String.join(",", SampleAccounts.COLUMNS));
        assertThat(Files.readString(file)).doesNotContain("\r").endsWith("\n");
    }

    @Test
    void writesCsvThatReadsBackAsTheSameRows() throws IOException {
        Path file = dir.resolve("accounts.csv");
        accounts.writeCsv(file, 2_000, 0.01);

        List<CSVRecord> records;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }

        assertThat(records).hasSize(2_000);
        boolean quotedAddress = false;
        long index = 0;
        for (CSVRecord record : records) {
            index++;
            assertThat(record.toList()).isEqualTo(accounts.row(index, accounts.badRowAt(index, 0.01)));
            quotedAddress |= record.get("address").contains(",");
        }
        assertThat(quotedAddress).as("some address needs RFC 4180 quotes").isTrue();
    }

    @Test
    void writesAnXlsxWithTextNumberAndRealDateCells() throws IOException {
        Path file = dir.resolve("accounts.xlsx");
        // Half the rows bad, so that every kind, including spoilt amounts and dates, appears in 200 rows.
        accounts.writeXlsx(file, 200, 0.5);

        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(200);
            Row header = sheet.getRow(0);
            for (int column = 0; column < SampleAccounts.COLUMNS.size(); column++) {
                assertThat(header.getCell(column).getStringCellValue()).isEqualTo(SampleAccounts.COLUMNS.get(column));
            }
            Set<BadRow> seen = EnumSet.noneOf(BadRow.class);
            for (int index = 1; index <= 200; index++) {
                BadRow kind = accounts.badRowAt(index, 0.5);
                if (kind != null) {
                    seen.add(kind);
                }
                assertXlsxRow(sheet.getRow(index), accounts.row(index, kind), kind);
            }
            assertThat(seen).containsExactlyInAnyOrder(BadRow.values());
        }
    }

    private static void assertXlsxRow(Row row, List<String> expected, BadRow kind) {
        for (int column = 0; column < expected.size(); column++) {
            String name = SampleAccounts.COLUMNS.get(column);
            String value = expected.get(column);
            Cell cell = row.getCell(column);
            if (value.isEmpty()) {
                assertThat(cell).as("row %d %s", row.getRowNum(), name).isNull();
                continue;
            }
            boolean spoilt = kind != null && kind.field().equals(name);
            boolean amount = name.equals("loan_amount") || name.endsWith("_outstanding");
            boolean date = name.equals("loan_date") || name.equals("due_date");
            if (amount && !spoilt) {
                assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(cell.getNumericCellValue()).isEqualTo(Double.parseDouble(value));
                assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("0.00");
            } else if (date && !(spoilt && kind == BadRow.DATE_FORMAT)) {
                assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
                assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
                assertThat(cell.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.parse(value));
            } else {
                assertThat(cell.getCellType()).as("row %d %s", row.getRowNum(), name).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isEqualTo(value);
            }
        }
    }

    /** What makes the spoilt cell fail, checked independently of the generator's own code. */
    private void assertCarries(BadRow kind, long index, List<String> bad) {
        String value = cell(bad, kind.field());
        switch (kind) {
            case REQUIRED -> assertThat(value).isEmpty();
            case TOO_LONG -> assertThat(value).hasSize(65).startsWith(cell(accounts.row(index, null), "account_ref"));
            case ID_FORMAT, ID_CHECKSUM, ID_BIRTH_DATE, ID_REGION ->
                    assertThat(IdNumber.check(value, TODAY).errorCode()).isEqualTo(kind.code());
            case MOBILE_FORMAT -> assertThat(value).doesNotMatch(MOBILE);
            case PHONE_FORMAT -> assertThat(value.split(";"))
                    .anyMatch(phone -> !MOBILE.matcher(phone).matches() && !LANDLINE.matcher(phone).matches());
            case AMOUNT_FORMAT -> assertThat(value).isEqualTo("12a.00");
            case AMOUNT_NEGATIVE -> assertThat(value).isEqualTo("-5.00");
            case AMOUNT_SCALE -> assertThat(value).isEqualTo("1.234");
            case DATE_FORMAT -> assertThat(parses(value)).isFalse();
            case DATE_ORDER -> assertThat(LocalDate.parse(value)).isBefore(LocalDate.parse(cell(bad, "loan_date")));
            case DATE_FUTURE -> assertThat(LocalDate.parse(value)).isAfter(TODAY);
            case TERM_RANGE -> assertThat(value).isIn("0", "361");
            case CURRENCY_UNKNOWN -> assertThat(value).isEqualTo("XYZ");
            case EMERGENCY_CONTACT_INCOMPLETE -> {
                assertThat(value).isNotEmpty();
                assertThat(cell(bad, "emergency_contact_relation")).isNotEmpty();
                assertThat(cell(bad, "emergency_contact_phone")).isEmpty();
            }
            case DUPLICATE_IN_FILE -> assertThat(value).isEqualTo(cell(accounts.row(index - 1, null), "account_ref"));
        }
    }

    private static boolean parses(String date) {
        try {
            LocalDate.parse(date);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String cell(List<String> row, String column) {
        return row.get(SampleAccounts.COLUMNS.indexOf(column));
    }
}
