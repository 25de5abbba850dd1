package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recourse.RecourseTest;
import org.recourse.intake.IntakeApiFixtures.BatchError;
import org.recourse.intake.SampleAccounts.BadRow;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.shared.IdNumber;
import org.recourse.shared.PersonalDataCipher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Files as institutions really send them: thousands of rows with a few bad ones, sent again unchanged or with
 * new balances, as XLSX, in GBK with Chinese headers, with a BOM, columns in any order, extra columns, and the
 * everyday spellings of ID numbers, amounts and dates.
 */
@RecourseTest
class FileIntakeTests {

    private static final long SEED = 20_260_301;
    private static final List<String> CHINESE_HEADER = List.of(
            "借据号", "产品", "姓名", "身份证号", "手机号", "其他电话", "地址", "省", "市", "紧急联系人", "关系",
            "紧急联系人电话", "借款金额", "期数", "放款日", "最早逾期应还日", "剩余本金", "利息", "费用", "罚息", "币种");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalDataCipher cipher;

    @TempDir
    Path dir;

    private IntakeApiFixtures intake;
    private Registration institution;
    private Login admin;
    private SampleAccounts sample;

    @BeforeEach
    void anInstitutionOfItsOwn() {
        intake = new IntakeApiFixtures(port, jdbc);
        institution = intake.institution();
        admin = institution.admin();
        sample = intake.sample(SEED);
    }

    @Test
    void loadsTwoThousandRowsAndRejectsExactlyTheBadOnes() throws IOException {
        Path file = dir.resolve("accounts.csv");
        sample.writeCsv(file, 2_000, 0.01);
        SampleAccounts.Expected expected = sample.expected(2_000, 0.01);

        JsonNode batch = intake.load(admin, file);

        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        assertThat(batch.path("fileName").asString()).isEqualTo("accounts.csv");
        assertThat(batch.path("fileFormat").asString()).isEqualTo("CSV");
        assertThat(batch.path("fileEncoding").asString()).isEqualTo("UTF-8");
        assertThat(batch.path("totalRows").asLong()).isEqualTo(2_000);
        assertThat(batch.path("acceptedRows").asLong()).isEqualTo(expected.valid());
        assertThat(batch.path("rejectedRows").asLong()).isEqualTo(expected.bad());
        assertThat(batch.path("acceptedRows").asLong() + batch.path("rejectedRows").asLong())
                .isEqualTo(batch.path("totalRows").asLong());
        assertThat(batch.path("createdAccounts").asLong()).isEqualTo(expected.valid());
        assertThat(batch.path("updatedAccounts").asLong()).isZero();
        assertThat(intake.accounts(institution.id())).isEqualTo(expected.valid());

        UUID batchId = UUID.fromString(batch.path("batchId").asString());
        List<BatchError> errors = intake.errorList(admin, batchId);
        List<String> wanted = new ArrayList<>();
        for (long row = 1; row <= 2_000; row++) {
            BadRow kind = sample.badRowAt(row, 0.01);
            if (kind != null) {
                wanted.add(row + " " + kind.field() + " " + kind.code());
            }
        }
        assertThat(errors).extracting(error -> error.row() + " " + error.field() + " " + error.code())
                .containsExactlyElementsOf(wanted);
        Map<String, Long> byKind = errors.stream()
                .collect(Collectors.groupingBy(error -> error.code() + " on " + error.field(), Collectors.counting()));
        expected.badByKind().forEach((kind, count) ->
                assertThat(byKind.getOrDefault(kind.code() + " on " + kind.field(), 0L)).as(kind.name()).isEqualTo(count));
        assertThat(errors).allSatisfy(error -> assertThat(error.message()).startsWith(error.field()));
        // Messages in the reader's language, naming the column as the template does in that language.
        assertThat(errors.get(0).message()).isEqualTo("borrower_name: required.");
        assertThat(intake.errors(admin, batchId, "zh-CN").json().get(0).path("message").asString())
                .isEqualTo("姓名：必填。");
    }

    @Test
    void leavesEveryAccountAsItWasWhenTheSameFileComesAgain() throws IOException {
        Path file = dir.resolve("accounts.csv");
        sample.writeCsv(file, 500, 0.01);
        JsonNode first = intake.load(admin, file);
        long accepted = first.path("acceptedRows").asLong();
        assertThat(first.path("createdAccounts").asLong()).isEqualTo(accepted).isEqualTo(495);

        JsonNode again = intake.load(admin, file);

        assertThat(again.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(again.path("batchId").asString()).isNotEqualTo(first.path("batchId").asString());
        assertThat(again.path("acceptedRows").asLong()).isEqualTo(accepted);
        assertThat(again.path("createdAccounts").asLong()).isZero();
        assertThat(again.path("updatedAccounts").asLong()).isZero();
        assertThat(again.path("unchangedAccounts").asLong()).isEqualTo(accepted);
        assertThat(intake.accounts(institution.id())).isEqualTo(accepted);
        assertThat(intake.history(institution.id())).isZero();
    }

    @Test
    void updatesAccountsWhoseBalanceChangedAndKeepsThePreviousAmountsAsHistory() {
        List<List<String>> rows = validRows(sample, 1, 300);
        intake.load(admin, "march.csv", csv(rows));
        int principal = column("principal_outstanding");
        Map<String, String> previous = new LinkedHashMap<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (int i = 0; i < 300; i += 6) {
            List<String> row = rows.get(i);
            BigDecimal before = new BigDecimal(row.get(principal));
            BigDecimal after = before.add(new BigDecimal("100.00"));
            previous.put(row.get(0), before.setScale(2).toPlainString());
            current.put(row.get(0), after.setScale(2).toPlainString());
            row.set(principal, after.toPlainString());
        }
        assertThat(previous).hasSize(50);

        JsonNode april = intake.load(admin, "april.csv", csv(rows));

        assertThat(april.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(april.path("acceptedRows").asLong()).isEqualTo(300);
        assertThat(april.path("createdAccounts").asLong()).isZero();
        assertThat(april.path("updatedAccounts").asLong()).isEqualTo(50);
        assertThat(april.path("unchangedAccounts").asLong()).isEqualTo(250);
        assertThat(intake.accounts(institution.id())).isEqualTo(300);
        assertThat(intake.history(institution.id())).isEqualTo(50);
        List<String[]> history = jdbc.sql("""
                select a.account_ref, (h.previous ->> 'principalOutstanding')::numeric as previous,
                       a.principal_outstanding as current
                  from cases.account_history h join cases.account a on a.id = h.account_id
                 where h.institution_id = :institution
                """)
                .param("institution", institution.id())
                .query((row, n) -> new String[] {row.getString("account_ref"),
                        row.getBigDecimal("previous").setScale(2).toPlainString(),
                        row.getBigDecimal("current").setScale(2).toPlainString()})
                .list();
        assertThat(history.stream().collect(Collectors.toMap(line -> line[0], line -> line[1])))
                .isEqualTo(previous);
        assertThat(history.stream().collect(Collectors.toMap(line -> line[0], line -> line[2])))
                .isEqualTo(current);
    }

    @Test
    void keepsOneBorrowerForTwoAccountsWithTheSameIdNumber() {
        List<List<String>> rows = validRows(sample, 1, 2);
        rows.get(1).set(column("id_number"), rows.get(0).get(column("id_number")));
        rows.get(1).set(column("borrower_name"), rows.get(0).get(column("borrower_name")));

        JsonNode batch = intake.load(admin, "two-loans.csv", csv(rows));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(2);
        assertThat(intake.accounts(institution.id())).isEqualTo(2);
        assertThat(intake.borrowers(institution.id())).isEqualTo(1);
    }

    @Test
    void takesTheLastSpellingOfABorrowersNameWhenTheFirstFileHasTwo() {
        // The first file of an institution goes straight into the tables (no staging): same rule as later.
        List<List<String>> rows = validRows(sample, 1, 3);
        rows.get(1).set(column("id_number"), rows.get(0).get(column("id_number")));
        rows.get(1).set(column("borrower_name"), "后来的名字");

        JsonNode batch = intake.load(admin, "first.csv", csv(rows));

        assertThat(batch.path("createdAccounts").asLong()).as(batch.toString()).isEqualTo(3);
        assertThat(intake.borrowers(institution.id())).isEqualTo(2);
        assertThat(borrowerNames()).contains("后来的名字").doesNotContain(rows.get(0).get(column("borrower_name")));
    }

    @Test
    void takesTheLastSpellingOfABorrowersNameInALaterFileAndKeepsTheBorrower() {
        List<List<String>> first = validRows(sample, 1, 1);
        intake.load(admin, "first.csv", csv(first));
        UUID borrower = jdbc.sql("select id from cases.borrower where institution_id = :institution")
                .param("institution", institution.id()).query(UUID.class).single();

        List<List<String>> later = validRows(sample, 2, 2);
        for (List<String> row : later) {
            row.set(column("id_number"), first.get(0).get(column("id_number")));
        }
        later.get(0).set(column("borrower_name"), "中间的名字");
        later.get(1).set(column("borrower_name"), "最后的名字");
        JsonNode batch = intake.load(admin, "later.csv", csv(later));

        assertThat(batch.path("createdAccounts").asLong()).as(batch.toString()).isEqualTo(2);
        assertThat(intake.borrowers(institution.id())).isEqualTo(1);
        assertThat(borrowerNames()).containsExactly("最后的名字");
        assertThat(jdbc.sql("select distinct borrower_id from cases.account where institution_id = :institution")
                .param("institution", institution.id()).query(UUID.class).list()).containsExactly(borrower);
    }

    private List<String> borrowerNames() {
        return jdbc.sql("select identity_enc from cases.borrower where institution_id = :institution")
                .param("institution", institution.id()).query(String.class).list().stream()
                .map(cipher::decrypt)
                .map(identity -> identity.replaceAll(".*\"name\":\"([^\"]*)\".*", "$1"))
                .toList();
    }

    @Test
    void readsAnXlsxOfTheSameRowsAsTheCsvWithTheSameOutcome() throws IOException {
        // 4 % of 500 rows: 20 bad rows, one of every kind and two of the first two.
        Path csvFile = dir.resolve("accounts.csv");
        Path xlsxFile = dir.resolve("accounts.xlsx");
        sample.writeCsv(csvFile, 500, 0.04);
        sample.writeXlsx(xlsxFile, 500, 0.04);
        Registration other = intake.institution();

        JsonNode fromCsv = intake.load(admin, csvFile);
        JsonNode fromXlsx = intake.load(other.admin(), xlsxFile);

        assertThat(fromXlsx.path("status").asString()).as(fromXlsx.toString()).isEqualTo("COMPLETED");
        assertThat(fromXlsx.path("fileFormat").asString()).isEqualTo("XLSX");
        for (String count : List.of("totalRows", "acceptedRows", "rejectedRows", "createdAccounts", "updatedAccounts")) {
            assertThat(fromXlsx.path(count).asLong()).as(count).isEqualTo(fromCsv.path(count).asLong());
        }
        assertThat(fromXlsx.path("acceptedRows").asLong()).isEqualTo(sample.expected(500, 0.04).valid());
        assertThat(intake.accounts(other.id())).isEqualTo(intake.accounts(institution.id()));
        assertThat(errorsOf(other.admin(), fromXlsx)).hasSize(20).containsExactlyElementsOf(errorsOf(admin, fromCsv));
        // The same rows with the same values: the CSV sent afterwards to the XLSX's institution changes nothing.
        JsonNode csvAfterXlsx = intake.load(other.admin(), csvFile);
        assertThat(csvAfterXlsx.path("unchangedAccounts").asLong()).isEqualTo(fromCsv.path("acceptedRows").asLong());
    }

    @Test
    void readsGbkWithChineseHeaders() {
        List<List<String>> rows = validRows(sample, 1, 50);
        Charset gbk = Charset.forName("GBK");
        byte[] content = csv(CHINESE_HEADER, rows, gbk);
        assertThat(new String(content, gbk)).contains(rows.get(0).get(column("borrower_name")));

        JsonNode batch = intake.load(admin, "gbk.csv", content);

        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        assertThat(batch.path("fileEncoding").asString()).isEqualTo("GBK");
        assertThat(batch.path("acceptedRows").asLong()).isEqualTo(50);
        assertThat(warningCodes(batch)).doesNotContain("columns.ignored", "columns.duplicate");
        assertThat(intake.accounts(institution.id())).isEqualTo(50);
    }

    @Test
    void readsUtf8WithAByteOrderMark() {
        byte[] body = csv(validRows(sample, 1, 20));
        byte[] content = new byte[body.length + 3];
        content[0] = (byte) 0xEF;
        content[1] = (byte) 0xBB;
        content[2] = (byte) 0xBF;
        System.arraycopy(body, 0, content, 3, body.length);

        JsonNode batch = intake.load(admin, "bom.csv", content);

        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        assertThat(batch.path("fileEncoding").asString()).isEqualTo("UTF-8-BOM");
        assertThat(batch.path("acceptedRows").asLong()).isEqualTo(20);
        assertThat(warningCodes(batch)).doesNotContain("columns.ignored", "columns.duplicate");
    }

    @Test
    void readsColumnsInAnyOrder() {
        List<Integer> order = new ArrayList<>(IntStream.range(0, SampleAccounts.COLUMNS.size()).boxed().toList());
        Collections.shuffle(order, new Random(7));
        assertThat(order).isNotEqualTo(IntStream.range(0, SampleAccounts.COLUMNS.size()).boxed().toList());
        List<String> header = order.stream().map(SampleAccounts.COLUMNS::get).toList();
        List<List<String>> rows = validRows(sample, 1, 30).stream()
                .map(row -> order.stream().map(row::get).toList()).toList();

        JsonNode batch = intake.load(admin, "shuffled.csv", csv(header, rows, StandardCharsets.UTF_8));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(30);
        assertThat(batch.path("rejectedRows").asLong()).isZero();
        assertThat(intake.accounts(institution.id())).isEqualTo(30);
    }

    @Test
    void ignoresAnUnknownColumnWithAWarningNamingIt() {
        List<String> header = new ArrayList<>(SampleAccounts.COLUMNS);
        header.add(3, "内部备注");
        header.add("remark");
        List<List<String>> rows = validRows(sample, 1, 10);
        rows.forEach(row -> {
            row.add(3, "VIP");
            row.add("call after 6pm");
        });

        JsonNode batch = intake.load(admin, "extra.csv", csv(header, rows, StandardCharsets.UTF_8));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(10);
        List<JsonNode> ignored = new ArrayList<>();
        batch.path("warnings").forEach(warning -> {
            if (warning.path("code").asString().equals("columns.ignored")) {
                ignored.add(warning);
            }
        });
        assertThat(ignored).hasSize(1);
        assertThat(ignored.get(0).path("detail").asString()).contains("内部备注", "remark");
    }

    @Test
    void acceptsALowerCaseXCheckCharacterAsTheSamePerson() {
        List<List<String>> rows = validRows(sample, 1, 2);
        String withX = idEndingInX(rows.get(0).get(column("id_number")));
        rows.get(0).set(column("id_number"), withX.toLowerCase());
        rows.get(1).set(column("id_number"), withX);
        rows.get(1).set(column("borrower_name"), rows.get(0).get(column("borrower_name")));

        JsonNode batch = intake.load(admin, "lower-x.csv", csv(rows));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(2);
        // Normalised to upper case: both rows are one borrower.
        assertThat(intake.borrowers(institution.id())).isEqualTo(1);
    }

    @Test
    void convertsAFifteenDigitIdNumberToEighteenCharacters() {
        List<List<String>> rows = validRows(sample, 1, 2);
        String region = rows.get(0).get(column("id_number")).substring(0, 6);
        String legacy = region + "850315" + "123";
        rows.get(0).set(column("id_number"), legacy);
        rows.get(1).set(column("id_number"), IdNumber.withCheckCharacter(region + "19850315" + "123"));
        rows.get(1).set(column("borrower_name"), rows.get(0).get(column("borrower_name")));

        JsonNode batch = intake.load(admin, "legacy-id.csv", csv(rows));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(2);
        // The converted number is the 18-character one of the second row: one borrower.
        assertThat(intake.borrowers(institution.id())).isEqualTo(1);
        assertThat(intake.accounts(institution.id())).isEqualTo(2);
    }

    @Test
    void readsAmountsWithThousandsSeparators() {
        List<List<String>> rows = validRows(sample, 1, 1);
        List<String> row = rows.get(0);
        row.set(column("loan_amount"), "12,345.60");
        row.set(column("principal_outstanding"), "1,234,567.89");
        row.set(column("interest_outstanding"), "1,000");

        JsonNode batch = intake.load(admin, "separators.csv", csv(rows));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(1);
        Map<String, Object> stored = jdbc.sql("select loan_amount, principal_outstanding, interest_outstanding "
                        + "from cases.account where institution_id = :institution")
                .param("institution", institution.id()).query().singleRow();
        assertThat((BigDecimal) stored.get("loan_amount")).isEqualByComparingTo("12345.60");
        assertThat((BigDecimal) stored.get("principal_outstanding")).isEqualByComparingTo("1234567.89");
        assertThat((BigDecimal) stored.get("interest_outstanding")).isEqualByComparingTo("1000");
    }

    @Test
    void readsDatesWrittenWithSlashes() {
        List<List<String>> rows = validRows(sample, 1, 1);
        List<String> row = rows.get(0);
        LocalDate loanDate = LocalDate.parse(row.get(column("loan_date")));
        LocalDate dueDate = LocalDate.parse(row.get(column("due_date")));
        row.set(column("loan_date"), loanDate.toString().replace('-', '/'));
        row.set(column("due_date"), dueDate.getYear() + "/" + dueDate.getMonthValue() + "/" + dueDate.getDayOfMonth());

        JsonNode batch = intake.load(admin, "slashes.csv", csv(rows));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(1);
        Map<String, Object> stored = jdbc.sql("select loan_date, due_date from cases.account "
                        + "where institution_id = :institution")
                .param("institution", institution.id()).query().singleRow();
        assertThat(((java.sql.Date) stored.get("loan_date")).toLocalDate()).isEqualTo(loanDate);
        assertThat(((java.sql.Date) stored.get("due_date")).toLocalDate()).isEqualTo(dueDate);
    }

    @Test
    void acceptsMobilesOutsideKnownRangesWithAWarningCountingTheAcceptedRows() {
        List<List<String>> rows = validRows(sample, 1, 3);
        rows.forEach(row -> row.set(column("mobile"), "14112345678"));
        rows.get(2).set(column("term_months"), "0");

        JsonNode batch = intake.load(admin, "new-ranges.csv", csv(rows));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(2);
        assertThat(batch.path("rejectedRows").asLong()).isEqualTo(1);
        List<String> details = new ArrayList<>();
        batch.path("warnings").forEach(warning -> {
            if (warning.path("code").asString().equals("mobile.unknown_range")) {
                details.add(warning.path("detail").asString());
            }
        });
        // The warning says so many numbers were accepted: the refused row's number was not.
        assertThat(details).containsExactly("2");
    }

    @Test
    void judgesTheFutureByTheDateInChinaNotInUtc() {
        // 17:30 UTC on 1 March is 01:30 on 2 March in Beijing: a due date of 2 March is today there, not tomorrow.
        Instant lateEveningUtc = Instant.parse("2026-03-01T17:30:00Z");
        SampleAccounts march = new SampleAccounts(SEED, LocalDate.of(2026, 3, 2));
        List<List<String>> rows = validRows(march, 1, 2);
        rows.get(0).set(column("due_date"), "2026-03-02");
        rows.get(1).set(column("due_date"), "2026-03-03");
        for (List<String> row : rows) {
            row.set(column("loan_date"), "2025-12-01");
        }
        intake.registry().setClock(lateEveningUtc);
        try {
            JsonNode batch = intake.load(admin, "midnight.csv", csv(rows));

            assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(1);
            assertThat(intake.errorList(admin, UUID.fromString(batch.path("batchId").asString())))
                    .extracting(error -> error.row() + " " + error.field() + " " + error.code())
                    .containsExactly("2 due_date date.future");
        } finally {
            intake.registry().releaseClock();
        }
    }

    /** An ID number of the same region and birth date whose check character is X. */
    private static String idEndingInX(String idNumber) {
        for (int sequence = 0; sequence < 1_000; sequence++) {
            String candidate = IdNumber.withCheckCharacter(idNumber.substring(0, 14) + String.format("%03d", sequence));
            if (candidate.endsWith("X")) {
                return candidate;
            }
        }
        throw new IllegalStateException("No sequence gives an X check character");
    }

    private static List<String> warningCodes(JsonNode batch) {
        List<String> codes = new ArrayList<>();
        batch.path("warnings").forEach(warning -> codes.add(warning.path("code").asString()));
        return codes;
    }

    private List<String> errorsOf(Login login, JsonNode batch) {
        return intake.errorList(login, UUID.fromString(batch.path("batchId").asString())).stream()
                .map(error -> error.row() + " " + error.field() + " " + error.code()).toList();
    }
}
