package org.recourse.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recourse.shared.SpreadsheetCells;

/** Exports open cleanly in Excel and WPS and never let a cell run as a formula. */
class SafeExportTests {

    private static final List<String> HEADER = List.of("账号", "姓名", "备注", "金额");

    private static final List<List<String>> ROWS = List.of(
            List.of("AC1", "张三", "=HYPERLINK(\"http://evil.example\",\"点我\")", "-5.00"),
            List.of("AC2", "O'Brien, \"Bob\"", "line one\nline two", "12345.60"),
            List.of("AC3", "@SUM(A1:A2)", "+86 138", "\tindented"));

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-5.00", "@SUM(A1)", "\t=1", "\r=1", "=", "-"})
    void prefixesCellsThatSpreadsheetsWouldReadAsFormulas(String cell) {
        assertThat(SpreadsheetCells.neutralise(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "张三", "12345.60", "1=1", " =1", "'already quoted", "a-b", "\n=1"})
    void leavesOtherCellsAlone(String cell) {
        assertThat(SpreadsheetCells.neutralise(cell)).isEqualTo(cell);
    }

    @Test
    void writesCsvWithABomThatRoundTripsThroughAStrictParser() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SafeExport.writeCsv(out, HEADER, ROWS);

        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\r\n");
        try (CSVParser parser = CSVFormat.RFC4180.parse(new InputStreamReader(
                new ByteArrayInputStream(bytes, 3, bytes.length - 3), StandardCharsets.UTF_8))) {
            List<List<String>> records = parser.getRecords().stream().map(CSVRecord::toList).toList();
            assertThat(records).containsExactlyElementsOf(expected());
        }
    }

    @Test
    void writesCsvThatTheUploadReaderReadsBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("export.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            SafeExport.writeCsv(out, HEADER, ROWS);
        }

        try (TabularFile csv = TabularFiles.open(file, TabularFiles.Limits.defaults())) {
            assertThat(csv.encoding()).isEqualTo("UTF-8-BOM");
            assertThat(csv.header()).isEqualTo(HEADER);
            assertThat(TabularFilesTests.drain(csv)).extracting(TabularFile.Row::cells)
                    .containsExactlyElementsOf(expected().subList(1, expected().size()));
        }
    }

    @Test
    void writesXlsxWhereEveryCellIsAStringCell() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SafeExport.writeXlsx(out, "逾期账户/2024", HEADER, ROWS);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("逾期账户 2024");
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                    cells.add(cell.getStringCellValue());
                }
                rows.add(cells);
            }
            assertThat(rows).containsExactlyElementsOf(expected());
        }
    }

    @Test
    void writesAnXlsxWithAHeaderAndNoRows() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SafeExport.writeXlsx(out, "空", HEADER, List.of());

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getSheetAt(0).getPhysicalNumberOfRows()).isEqualTo(1);
        }
    }

    private static List<List<String>> expected() {
        List<List<String>> all = new ArrayList<>();
        all.add(HEADER);
        for (List<String> row : ROWS) {
            all.add(row.stream().map(SpreadsheetCells::neutralise).toList());
        }
        return all;
    }
}
