package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The intake pages over plain HTTP, for what a browser test would only show slowly: the upload form, the progress
 * card that the batch page polls, and the templates, which go straight back in.
 */
@RecourseTest
class IntakePagesTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private IntakeApiFixtures intake;
    private Login admin;
    private SampleAccounts sample;
    private IntakePageSession pages;

    @BeforeEach
    void anInstitutionAdministratorSignedIn() {
        intake = new IntakeApiFixtures(port, jdbc);
        admin = intake.institution().admin();
        sample = intake.sample(37);
        pages = IntakePageSession.signedIn(port, admin);
    }

    @Test
    void uploadsAFileFromTheFormAndShowsItsBatch() {
        HttpResponse<byte[]> posted = pages.upload("form.csv", csv(validRows(sample, 1, 10)));

        assertThat(posted.statusCode()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/intake/batches/");
        UUID batch = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(intake.awaitBatch(admin, batch).path("acceptedRows").asLong()).isEqualTo(10);
        String page = pages.text("/intake/batches/" + batch).body();
        assertThat(page).contains("id=\"batch-status\"", "已完成", "id=\"stat-total\"", "form.csv");
    }

    @Test
    void saysOnTheFormThatAnEmptyFileIsEmpty() {
        HttpResponse<byte[]> posted = pages.upload("empty.csv", new byte[0]);

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(new String(posted.body(), StandardCharsets.UTF_8)).contains("id=\"upload-error\"", "文件为空");
        assertThat(intake.batchIds(admin)).isEmpty();
    }

    @Test
    void answersTheProgressPollOfAFinishedBatchWithItsCardAndAPageRefresh() {
        JsonNode batch = intake.load(admin, "poll.csv", csv(validRows(sample, 1, 5)));

        HttpResponse<String> progress = pages.text("/intake/batches/" + batch.path("batchId").asString() + "/progress");

        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.headers().firstValue("HX-Refresh")).hasValue("true");
        assertThat(progress.body()).contains("id=\"batch-status\"", "已完成").doesNotContain("<html");
    }

    @Test
    void offersTheTemplateAsCsvAndXlsxThatLoadsAsItIsFilledIn() throws IOException {
        List<String> chinese = IntakeTemplate.header(Locale.SIMPLIFIED_CHINESE);

        HttpResponse<byte[]> csvTemplate = pages.get("/intake/template.csv");
        HttpResponse<byte[]> xlsxTemplate = pages.get("/intake/template.xlsx");

        assertThat(csvTemplate.statusCode()).isEqualTo(200);
        byte[] csv = csvTemplate.body();
        assertThat(Arrays.copyOf(csv, 3)).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String headerLine = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).strip();
        assertThat(headerLine).isEqualTo(String.join(",", chinese)).startsWith("借据号*,产品*,姓名*");
        assertThat(xlsxTemplate.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsxTemplate.body()))) {
            List<String> header = new ArrayList<>();
            workbook.getSheetAt(0).getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(header).isEqualTo(chinese);
        }

        // The template as downloaded (BOM, Chinese names with their * marks), filled in with rows, goes straight in.
        byte[] rows = csv(validRows(sample, 1, 3));
        String body = new String(rows, StandardCharsets.UTF_8);
        byte[] filled = (new String(csv, StandardCharsets.UTF_8).strip() + "\n" + body.substring(body.indexOf('\n') + 1))
                .getBytes(StandardCharsets.UTF_8);
        JsonNode batch = intake.load(admin, "template.csv", filled);
        assertThat(batch.path("acceptedRows").asLong()).as(batch.toString()).isEqualTo(3);
    }
}
