package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recourse.RecourseTest;
import org.recourse.intake.IntakeApiFixtures.Answer;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A file that cannot be read as a whole is refused as a whole: the batch fails with a stable code and not one of
 * its rows is loaded, even where most rows were fine. (A file over the 200 MB size limit is not tried here: it
 * would cost far more than it tells; the limit is applied in {@code IntakeFiles.receive} and the parsing tests.)
 */
@RecourseTest
class BadFileTests {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
            0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, (byte) 0xC4, (byte) 0x89};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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
        sample = intake.sample(7);
    }

    @Test
    void refusesAFileWithoutRequiredColumnsAndNamesThem() {
        List<String> header = new ArrayList<>(SampleAccounts.COLUMNS);
        List<List<String>> rows = validRows(sample, 1, 20);
        for (String missing : List.of("mobile", "id_number")) {
            int position = header.indexOf(missing);
            header.remove(position);
            rows.forEach(row -> row.remove(position));
        }

        JsonNode batch = intake.load(admin, "no-ids.csv", csv(header, rows, StandardCharsets.UTF_8));

        assertRefusedWhole(batch, "file.missing_columns");
        assertThat(batch.path("failure").path("detail").asString()).contains("id_number", "mobile")
                .doesNotContain("account_ref", "loan_amount");
    }

    @Test
    void refusesAPicture() {
        JsonNode batch = intake.load(admin, "accounts.csv", withPadding(PNG, 256));

        assertRefusedWhole(batch, "file.type");
    }

    @Test
    void refusesALegacyExcelWorkbook() {
        JsonNode batch = intake.load(admin, "accounts.xls", withPadding(OLE2, 512));

        assertRefusedWhole(batch, "file.type");
    }

    @Test
    void refusesTextThatIsNeitherUtf8NorGbk() {
        List<List<String>> rows = validRows(sample, 1, 20);
        byte[] good = csv(rows);
        // Latin-1 (é, ü) and two 0xFF bytes, which neither UTF-8 nor GBK can decode, in the last row's address.
        byte[] latin1 = ("LN9999999999,消费分期,Test,110101199003071234,13812345678,,Caf\u00e9 M\u00fcller ")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(good);
        content.writeBytes(latin1);
        content.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF});
        content.writeBytes(",,,,,,1000.00,12,2024-01-01,2024-02-01,1.00,0,0,0,CNY\n".getBytes(StandardCharsets.US_ASCII));

        JsonNode batch = intake.load(admin, "latin1.csv", content.toByteArray());

        assertRefusedWhole(batch, "file.encoding");
    }

    @Test
    void refusesAFileWithBrokenQuoting() {
        JsonNode batch = intake.load(admin, "broken.csv", brokenAt(1, 20));

        assertRefusedWhole(batch, "file.malformed");
        assertThat(batch.path("failure").path("detail").asString()).contains("row 1");
    }

    /*
     * The rows before the break were already streaming into the staging COPY: the failed load must cancel it
     * before rolling back (it once hung the intake worker for good), and keep none of them.
     */
    @Test
    void refusesAFileThatBreaksHalfWayAndKeepsNoneOfTheRowsBefore() {
        JsonNode batch = intake.load(admin, "broken.csv", brokenAt(150, 200));

        assertRefusedWhole(batch, "file.malformed");
        assertThat(batch.path("failure").path("detail").asString()).contains("150");
    }

    @Test
    void refusesAnEmptyUploadAtOnce() {
        Answer answer = intake.upload(admin, "empty.csv", new byte[0], null);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("file.empty");
        assertThat(intake.batchIds(admin)).isEmpty();
    }

    @Test
    void completesAFileWithOnlyAHeaderWithNoRows() {
        JsonNode batch = intake.load(admin, "header-only.csv", csv(List.of()));

        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        assertThat(batch.path("totalRows").asLong()).isZero();
        assertThat(batch.path("acceptedRows").asLong()).isZero();
        assertThat(batch.path("rejectedRows").asLong()).isZero();
        assertThat(batch.path("createdAccounts").asLong()).isZero();
        assertThat(intake.accounts(institution.id())).isZero();
    }

    @Test
    void refusesAWorkbookThatWouldExpandFarBeyondItsSize() throws IOException {
        byte[] bomb = bomb();
        // The guard judges an entry by its ratio once it expands past 10 MB; make sure this one does, at over 100:1.
        long expanded = largestEntry(bomb);
        assertThat(expanded).isGreaterThan(10L * 1024 * 1024);
        assertThat(expanded / bomb.length).isGreaterThan(100);

        JsonNode batch = intake.load(admin, "accounts.xlsx", bomb);

        assertRefusedWhole(batch, "file.zip_bomb");
    }

    private void assertRefusedWhole(JsonNode batch, String code) {
        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("FAILED");
        assertThat(batch.path("failure").path("code").asString()).as(batch.toString()).isEqualTo(code);
        assertThat(batch.path("acceptedRows").asLong()).isZero();
        assertThat(batch.path("createdAccounts").asLong()).isZero();
        assertThat(intake.accounts(institution.id())).isZero();
        assertThat(intake.borrowers(institution.id())).isZero();
    }

    /** {@code rows} valid rows, row {@code broken} with text after the closing quote of its first cell. */
    private byte[] brokenAt(int broken, int rows) {
        String[] lines = new String(csv(validRows(sample, 1, rows)), StandardCharsets.UTF_8).split("\n");
        String ref = sample.row(broken, null).get(column("account_ref"));
        assertThat(lines[broken]).startsWith(ref + ",");
        lines[broken] = "\"" + ref + "\"x" + lines[broken].substring(ref.length());
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withPadding(byte[] magic, int length) {
        return Arrays.copyOf(magic, Math.max(length, magic.length));
    }

    /**
     * A real workbook (the template's header and valid-looking rows) whose sheet holds 12 MB of one repeated
     * letter: some 12 KB zipped.
     */
    private byte[] bomb() throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(50)) {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet("accounts");
            Row header = sheet.createRow(0);
            for (int i = 0; i < SampleAccounts.COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(SampleAccounts.COLUMNS.get(i));
            }
            String filler = "a".repeat(32_000);
            for (int r = 1; r <= 400; r++) {
                Row row = sheet.createRow(r);
                List<String> cells = sample.row(r, null);
                for (int i = 0; i < cells.size(); i++) {
                    row.createCell(i).setCellValue(i == column("address") ? filler : cells.get(i));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** The largest uncompressed entry as the zip directory states it, which is what the server judges first. */
    private long largestEntry(byte[] zip) throws IOException {
        Path file = Files.write(dir.resolve("bomb.xlsx"), zip);
        try (ZipFile entries = new ZipFile(file.toFile())) {
            return entries.stream().mapToLong(ZipEntry::getSize).max().orElse(0);
        }
    }
}
