package org.recourse.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.parsing.TabularFilesTests.assertRefused;
import static org.recourse.intake.parsing.TabularFilesTests.drain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recourse.intake.parsing.TabularFiles.Limits;

/** Uploaded Excel workbooks are streamed from their first sheet with cells as the lender sees them, and bombs are refused. */
class XlsxFileTests {

    @TempDir
    Path dir;

    @Test
    void readsTheFirstSheetWithCellsAsTheLenderSeesThem() throws IOException {
        Path file = save(workbook -> {
            Sheet sheet = workbook.createSheet("逾期账户");
            workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("ignored");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));

            Row header = sheet.createRow(0);
            String[] names = {" 姓名 ", "身份证号", "电话", "逾期金额", "到期日", "合计", "备注", "有效", "称呼"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("张三");
            row.createCell(1).setCellValue("110101199003071234");
            row.createCell(2).setCellValue(13812345678d);
            row.createCell(3).setCellValue(12345.6);
            Cell due = row.createCell(4);
            due.setCellValue(LocalDate.of(2024, 3, 15));
            due.setCellStyle(dateStyle);
            row.createCell(5).setCellFormula("D2*2");
            // column 6 left empty on purpose
            row.createCell(7).setCellValue(true);
            row.createCell(8).setCellFormula("A2&\"先生\"");
            FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
            evaluator.evaluateFormulaCell(row.getCell(5));
            evaluator.evaluateFormulaCell(row.getCell(8));
        });

        try (TabularFile xlsx = TabularFiles.open(file, Limits.defaults())) {
            assertThat(xlsx.format()).isEqualTo("XLSX");
            assertThat(xlsx.encoding()).isEqualTo("XLSX");
            assertThat(xlsx.header()).containsExactly("姓名", "身份证号", "电话", "逾期金额", "到期日", "合计", "备注", "有效", "称呼");
            assertThat(drain(xlsx)).containsExactly(new TabularFile.Row(1, List.of(
                    "张三", "110101199003071234", "13812345678", "12345.6", "2024-03-15", "24691.2", "", "TRUE", "张三先生")));
        }
    }

    @Test
    void formatsNumbersWithoutExponentsOrFloatingPointNoise() {
        assertThat(XlsxFile.number(13812345678d)).isEqualTo("13812345678");
        assertThat(XlsxFile.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(XlsxFile.number(100)).isEqualTo("100");
        assertThat(XlsxFile.number(0)).isEqualTo("0");
        assertThat(XlsxFile.number(-5)).isEqualTo("-5");
        assertThat(XlsxFile.number(12345.6)).isEqualTo("12345.6");
        assertThat(XlsxFile.number(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(XlsxFile.number(1234.5 * 1.05)).isEqualTo("1296.225");
    }

    @Test
    void keepsTheTimeOfDayOnlyWhenThereIsOne() {
        assertThat(XlsxFile.date(LocalDateTime.of(2024, 3, 15, 0, 0))).isEqualTo("2024-03-15");
        assertThat(XlsxFile.date(LocalDateTime.of(2024, 3, 15, 9, 30, 5))).isEqualTo("2024-03-15 09:30:05");
    }

    @Test
    void skipsBlankRowsWithoutCountingThemAndPadsShortRows() throws IOException {
        Path file = save(workbook -> {
            Sheet sheet = workbook.createSheet();
            sheet.createRow(1).createCell(0).setCellValue("  ");
            Row header = sheet.createRow(2);
            header.createCell(0).setCellValue("账号");
            header.createCell(1).setCellValue("姓名");
            header.createCell(2).setCellValue("");
            sheet.createRow(3).createCell(0).setCellValue("A1");
            sheet.createRow(4);
            sheet.createRow(5).createCell(1).setCellValue("");
            Row third = sheet.createRow(9);
            third.createCell(0).setCellValue("A2");
            third.createCell(1).setCellValue("李四");
            third.createCell(3).setCellValue("extra");
        });

        try (TabularFile xlsx = TabularFiles.open(file, Limits.defaults())) {
            assertThat(xlsx.header()).containsExactly("账号", "姓名");
            assertThat(drain(xlsx)).containsExactly(
                    new TabularFile.Row(1, List.of("A1", "")),
                    new TabularFile.Row(2, List.of("A2", "李四", "", "extra")));
        }
    }

    @Test
    void readsAHeaderOnlySheetAsZeroRows() throws IOException {
        Path file = save(workbook -> workbook.createSheet().createRow(0).createCell(0).setCellValue("账号"));

        try (TabularFile xlsx = TabularFiles.open(file, Limits.defaults())) {
            assertThat(xlsx.header()).containsExactly("账号");
            assertThat(xlsx.rows().hasNext()).isFalse();
        }
    }

    @Test
    void refusesAnEmptyFirstSheet() throws IOException {
        Path file = save(workbook -> {
            workbook.createSheet();
            workbook.createSheet().createRow(0).createCell(0).setCellValue("not on the first sheet");
        });

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.EMPTY);
    }

    @Test
    void refusesAWorkbookWhoseSheetIsPaddedToInflateAThousandfold() throws IOException {
        Path file = dir.resolve("bomb.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            rewrite(minimalWorkbook(), out, "xl/worksheets/sheet1.xml", 50 * 1024 * 1024);
        }

        assertThat(Files.size(file)).isLessThan(1024 * 1024);
        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.ZIP_BOMB);
    }

    @Test
    void refusesABombWhoseZipDirectoryUnderstatesItsSizeWhileInflatingIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rewrite(minimalWorkbook(), bytes, "xl/worksheets/sheet1.xml", 50 * 1024 * 1024);
        Path file = Files.write(dir.resolve("liar.xlsx"), understateSize(bytes.toByteArray(), "xl/worksheets/sheet1.xml"));

        assertRefused(() -> {
            try (TabularFile xlsx = TabularFiles.open(file, Limits.defaults())) {
                drain(xlsx);
            }
        }, UnreadableFile.ZIP_BOMB);
    }

    @Test
    void refusesAWorkbookThatExpandsBeyondTheConfiguredLimit() throws IOException {
        Path file = Files.write(dir.resolve("small.xlsx"), minimalWorkbook());

        assertRefused(() -> TabularFiles.open(file, new Limits(1024 * 1024, 1024)), UnreadableFile.ZIP_BOMB);
    }

    @Test
    void refusesAZipThatIsNotAWorkbook() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("借款人名单".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Path file = Files.write(dir.resolve("accounts.xlsx"), bytes.toByteArray());

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.TYPE);
    }

    @Test
    void refusesATruncatedWorkbook() throws IOException {
        byte[] workbook = minimalWorkbook();
        Path file = Files.write(dir.resolve("cut.xlsx"), Arrays.copyOf(workbook, workbook.length / 2));

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.MALFORMED);
    }

    @Test
    void refusesAWorkbookWhoseSheetIsNotXml() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rewrite(minimalWorkbook(), bytes, "xl/worksheets/sheet1.xml", 0);
        Path file = Files.write(dir.resolve("broken.xlsx"), bytes.toByteArray());

        assertRefused(() -> {
            try (TabularFile xlsx = TabularFiles.open(file, Limits.defaults())) {
                drain(xlsx);
            }
        }, UnreadableFile.MALFORMED);
    }

    @Test
    void streamsTwentyThousandRowsWrittenByAStreamingWriter() throws IOException {
        Path file = dir.resolve("big.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet();
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("账号");
            header.createCell(1).setCellValue("逾期金额");
            for (int i = 1; i <= 20_000; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue("AC" + i);
                row.createCell(1).setCellValue(i + 0.5);
            }
            workbook.write(out);
            workbook.dispose();
        }

        long count = 0;
        TabularFile.Row last = null;
        try (TabularFile xlsx = TabularFiles.open(file, Limits.defaults())) {
            for (Iterator<TabularFile.Row> rows = xlsx.rows(); rows.hasNext(); count++) {
                last = rows.next();
            }
        }

        assertThat(count).isEqualTo(20_000);
        assertThat(last).isEqualTo(new TabularFile.Row(20_000, List.of("AC20000", "20000.5")));
    }

    /** Fills a workbook for a test. */
    interface Content {
        void fill(XSSFWorkbook workbook);
    }

    private Path save(Content content) throws IOException {
        Path file = Files.createTempFile(dir, "upload", ".bin");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            content.fill(workbook);
            workbook.write(out);
        }
        return file;
    }

    private static byte[] minimalWorkbook() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Row row = workbook.createSheet().createRow(0);
            row.createCell(0).setCellValue("账号");
            row.createCell(1).setCellValue("姓名");
            workbook.write(bytes);
        }
        return bytes.toByteArray();
    }

    /** Rewrites the central directory so that it claims the entry expands to 1 KiB, as a hostile zip would. */
    private static byte[] understateSize(byte[] zip, String entryName) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + 46 < zip.length; at++) {
            if (buffer.getInt(at) == 0x02014b50 && buffer.getShort(at + 28) == name.length
                    && Arrays.equals(zip, at + 46, at + 46 + name.length, name, 0, name.length)) {
                buffer.putInt(at + 24, 1024);
                return zip;
            }
        }
        throw new IllegalStateException("entry not found");
    }

    /**
     * Copies a workbook, replacing one entry: padded with {@code padding} bytes of whitespace before its closing tag,
     * or, with no padding, cut in half so that it is no longer well-formed XML.
     */
    private static void rewrite(byte[] workbook, OutputStream target, String entryName, int padding) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
             ZipOutputStream out = new ZipOutputStream(target)) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (!entry.getName().equals(entryName)) {
                    out.write(content);
                }
                else if (padding == 0) {
                    out.write(content, 0, content.length / 2);
                }
                else {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int end = xml.lastIndexOf("</worksheet>");
                    out.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
                    byte[] spaces = new byte[1024 * 1024];
                    Arrays.fill(spaces, (byte) ' ');
                    for (int written = 0; written < padding; written += spaces.length) {
                        out.write(spaces);
                    }
                    out.write(xml.substring(end).getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
    }
}
