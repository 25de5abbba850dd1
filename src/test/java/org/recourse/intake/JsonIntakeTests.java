package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.asJson;
import static org.recourse.intake.IntakeApiFixtures.json;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.intake.IntakeApiFixtures.Answer;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An institution's system posts accounts as a JSON array (the template's fields in camelCase). What it sends is
 * data: markup is stored as text, and a cell that a spreadsheet would run as a formula is neutralised when the
 * rejected rows are downloaded.
 */
@RecourseTest
class JsonIntakeTests {

    private static final String FORMULA = "=HYPERLINK(\"http://x\")";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private IntakeApiFixtures intake;
    private Registration institution;
    private Login admin;
    private SampleAccounts sample;

    @BeforeEach
    void anInstitutionOfItsOwn() {
        intake = new IntakeApiFixtures(port, jdbc);
        institution = intake.institution();
        admin = institution.admin();
        sample = intake.sample(13);
    }

    @Test
    void loadsAHundredAccounts() {
        JsonNode batch = intake.loadAccounts(admin, json(asJson(validRows(sample, 1, 100))));

        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        assertThat(batch.path("source").asString()).isEqualTo("API");
        assertThat(batch.path("totalRows").asLong()).isEqualTo(100);
        assertThat(batch.path("acceptedRows").asLong()).isEqualTo(100);
        assertThat(batch.path("createdAccounts").asLong()).isEqualTo(100);
        assertThat(intake.accounts(institution.id())).isEqualTo(100);
    }

    @Test
    void takesAmountsAndTermsAsJsonNumbersOrStringsAndPhonesAsAnArray() {
        List<Map<String, Object>> accounts = asJson(validRows(sample, 1, 2));
        Map<String, Object> numbers = accounts.get(0);
        numbers.put("loanAmount", new BigDecimal("20000.50"));
        numbers.put("termMonths", 12);
        numbers.put("principalOutstanding", new BigDecimal("15000"));
        numbers.put("interestOutstanding", 0);
        numbers.put("feesOutstanding", new BigDecimal("12.3"));
        numbers.put("penaltyOutstanding", new BigDecimal("0.05"));
        numbers.put("otherPhones", List.of("13912345678", "010-62345678"));
        Map<String, Object> strings = accounts.get(1);
        strings.put("loanAmount", "20,000.50");
        strings.put("termMonths", "12");
        strings.put("otherPhones", "13912345678;010-62345678");

        JsonNode batch = intake.loadAccounts(admin, json(accounts));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(2);
        assertThat(batch.path("rejectedRows").asLong()).isZero();
        List<Map<String, Object>> stored = jdbc.sql("select account_ref, loan_amount, term_months, "
                        + "principal_outstanding, fees_outstanding, penalty_outstanding from cases.account "
                        + "where institution_id = :institution order by account_ref")
                .param("institution", institution.id()).query().listOfRows();
        assertThat(stored).allSatisfy(row -> {
            assertThat((BigDecimal) row.get("loan_amount")).isEqualByComparingTo("20000.50");
            assertThat(row.get("term_months")).isEqualTo(12);
        });
        assertThat((BigDecimal) stored.get(0).get("principal_outstanding")).isEqualByComparingTo("15000");
        assertThat((BigDecimal) stored.get(0).get("fees_outstanding")).isEqualByComparingTo("12.30");
        assertThat((BigDecimal) stored.get(0).get("penalty_outstanding")).isEqualByComparingTo("0.05");
    }

    @Test
    void refusesMoreThanTenThousandAccountsInOneRequest() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 10_001; i++) {
            body.append(i == 0 ? "" : ",").append("{\"accountRef\":\"LN").append(i).append("\"}");
        }
        body.append(']');

        Answer answer = intake.postAccounts(admin, body.toString(), null);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("intake.too_many_accounts");
        assertThat(intake.batchIds(admin)).isEmpty();
    }

    @Test
    void refusesABodyThatIsNotAnArrayOfAccounts() {
        for (String body : List.of("{\"accountRef\":\"LN1\"}", "[1, 2]", "\"LN1\"")) {
            Answer answer = intake.postAccounts(admin, body, null);

            assertThat(answer.status()).as(body + " → " + answer.raw()).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("intake.accounts_not_array");
        }
        assertThat(intake.batchIds(admin)).isEmpty();
    }

    @Test
    void refusesMalformedJson() {
        Answer answer = intake.postAccounts(admin, "[{\"accountRef\": \"LN1\",", null);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("malformed_request");
        assertThat(intake.batchIds(admin)).isEmpty();
    }

    @Test
    void storesMarkupAsText() {
        List<Map<String, Object>> accounts = asJson(validRows(sample, 1, 1));
        accounts.get(0).put("product", "<script>alert(1)</script>");

        JsonNode batch = intake.loadAccounts(admin, json(accounts));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(1);
        assertThat(jdbc.sql("select product from cases.account where institution_id = :institution")
                .param("institution", institution.id()).query(String.class).single())
                .isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void storesSqlLookingTextAsTextAndLeavesTheTablesAlone() {
        String injection = "LN'); drop table cases.account; --";
        List<Map<String, Object>> accounts = asJson(validRows(sample, 1, 1));
        accounts.get(0).put("accountRef", injection);
        accounts.get(0).put("address", "x\",\"y'); delete from cases.borrower; --");

        JsonNode batch = intake.loadAccounts(admin, json(accounts));

        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(1);
        assertThat(jdbc.sql("select account_ref from cases.account where institution_id = :institution")
                .param("institution", institution.id()).query(String.class).single()).isEqualTo(injection);
        assertThat(intake.borrowers(institution.id())).isEqualTo(1);
    }

    @Test
    void neutralisesFormulasInTheDownloadOfRejectedRows() throws IOException {
        List<Map<String, Object>> accounts = asJson(validRows(sample, 1, 2));
        accounts.get(0).put("accountRef", FORMULA);
        accounts.get(0).put("mobile", "12345");
        accounts.get(0).put("product", "+cmd|' /C calc'!A0");
        accounts.get(0).put("address", "@SUM(1+1)");
        JsonNode batch = intake.loadAccounts(admin, json(accounts));
        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(1);
        assertThat(batch.path("rejectedRows").asLong()).isEqualTo(1);
        UUID batchId = UUID.fromString(batch.path("batchId").asString());
        IntakePageSession page = IntakePageSession.signedIn(port, admin);

        HttpResponse<byte[]> csv = page.get("/intake/batches/" + batchId + "/rejected.csv");
        HttpResponse<byte[]> xlsx = page.get("/intake/batches/" + batchId + "/rejected.xlsx");

        assertThat(csv.statusCode()).isEqualTo(200);
        List<CSVRecord> records = parseCsv(csv.body());
        assertThat(records).hasSize(2);
        List<String> header = records.get(0).toList();
        CSVRecord rejected = records.get(1);
        assertThat(rejected.get(header.indexOf("account_ref"))).isEqualTo("'" + FORMULA);
        assertThat(rejected.get(header.indexOf("product"))).startsWith("'+");
        assertThat(rejected.get(header.indexOf("address"))).startsWith("'@");
        assertThat(String.join(",", rejected.toList())).doesNotContain(",=", ",+", ",@");

        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> xlsxHeader = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> xlsxHeader.add(cell.getStringCellValue()));
            Cell ref = sheet.getRow(1).getCell(xlsxHeader.indexOf("account_ref"));
            assertThat(ref.getCellType()).isEqualTo(CellType.STRING);
            assertThat(ref.getStringCellValue()).isEqualTo("'" + FORMULA);
            sheet.getRow(1).forEach(cell -> assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA));
        }
    }

    private static List<CSVRecord> parseCsv(byte[] body) throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(Arrays.copyOf(body, 3)).isEqualTo(bom);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }
}
