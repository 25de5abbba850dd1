package org.recourse.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recourse.intake.parsing.TabularFile.Row;
import org.recourse.intake.parsing.TabularFiles.Limits;

/** Uploaded CSV files are read as rows in the right encoding, and files that are not CSV or XLSX are refused. */
class TabularFilesTests {

    private static final Charset GBK = Charset.forName("GBK");

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    @Test
    void readsUtf8WithoutBom() throws IOException {
        Path file = write("姓名,电话\n张三,13812345678\n".getBytes(StandardCharsets.UTF_8));

        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            assertThat(csv.format()).isEqualTo("CSV");
            assertThat(csv.encoding()).isEqualTo("UTF-8");
            assertThat(csv.header()).containsExactly("姓名", "电话");
            assertThat(drain(csv)).containsExactly(new Row(1, List.of("张三", "13812345678")));
        }
    }

    @Test
    void readsUtf8WithBomAndDropsTheBomFromTheFirstHeaderCell() throws IOException {
        Path file = write(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "姓名,电话\n张三,13812345678\n".getBytes(StandardCharsets.UTF_8)));

        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            assertThat(csv.encoding()).isEqualTo("UTF-8-BOM");
            assertThat(csv.header()).containsExactly("姓名", "电话");
            assertThat(drain(csv)).extracting(Row::cells).containsExactly(List.of("张三", "13812345678"));
        }
    }

    @Test
    void readsGbkAsSavedByExcelInMainlandChina() throws IOException {
        Path file = write("姓名,电话,地址\n张三,13812345678,北京市朝阳区\n".getBytes(GBK));

        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            assertThat(csv.encoding()).isEqualTo("GBK");
            assertThat(csv.header()).containsExactly("姓名", "电话", "地址");
            assertThat(drain(csv)).extracting(Row::cells).containsExactly(List.of("张三", "13812345678", "北京市朝阳区"));
        }
    }

    @Test
    void refusesTextThatIsNeitherUtf8NorGbk() throws IOException {
        Path file = write("name,city\nJosé,Zürich\nRenée,Besançon\n".getBytes(WINDOWS_1252));

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.ENCODING);
    }

    @Test
    void refusesABomFollowedByTextThatIsNotUtf8() throws IOException {
        Path file = write(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "姓名\n张三\n".getBytes(GBK)));

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.ENCODING);
    }

    @Test
    void refusesUtf16TextAsAnEncodingProblem() throws IOException {
        Path file = write(bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE)));

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.ENCODING);
    }

    @Test
    void keepsQuotedCommasQuotesAndNewlinesInsideOneCell() throws IOException {
        Path file = write("id,note\n1,\"a, b\"\n2,\"line one\nline two\"\n3,\"she said \"\"pay\"\"\"\n");

        assertThat(cellsOf(file)).containsExactly(
                List.of("1", "a, b"),
                List.of("2", "line one\nline two"),
                List.of("3", "she said \"pay\""));
    }

    @Test
    void readsWindowsLineEndings() throws IOException {
        Path file = write("id,name\r\n1,张三\r\n2,李四\r\n");

        assertThat(cellsOf(file)).containsExactly(List.of("1", "张三"), List.of("2", "李四"));
    }

    @Test
    void padsShortRowsAndKeepsTheExtraCellsOfLongOnes() throws IOException {
        Path file = write("a,b,c\n1\n1,2,3,4\n1,2,3,,\n1,2,3,,5\n");

        assertThat(cellsOf(file)).containsExactly(
                List.of("1", "", ""),
                List.of("1", "2", "3", "4"),
                List.of("1", "2", "3"),
                List.of("1", "2", "3", "", "5"));
    }

    @Test
    void skipsBlankRowsWithoutCountingThem() throws IOException {
        Path file = write("\n , \na,b\n\n1,2\n,\n  ,\t\n3,4\n\n");

        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            assertThat(csv.header()).containsExactly("a", "b");
            assertThat(drain(csv)).containsExactly(new Row(1, List.of("1", "2")), new Row(2, List.of("3", "4")));
        }
    }

    @Test
    void trimsHeaderCellsButLeavesDataCellsAsWritten() throws IOException {
        Path file = write(" 姓名 , 电话 ,,\n 张三 ,138\n");

        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            assertThat(csv.header()).containsExactly("姓名", "电话");
            assertThat(drain(csv)).extracting(Row::cells).containsExactly(List.of(" 张三 ", "138"));
        }
    }

    @Test
    void readsAHeaderOnlyFileAsZeroRows() throws IOException {
        Path file = write("id,name\n");

        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            assertThat(csv.header()).containsExactly("id", "name");
            assertThat(csv.rows().hasNext()).isFalse();
        }
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path file = write(new byte[0]);

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.EMPTY);
    }

    @Test
    void refusesAFileOfWhitespaceAndEmptyCells() throws IOException {
        Path file = write("  \r\n\n \t \n,,\n");

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.EMPTY);
    }

    @Test
    void refusesALegacyXlsWorkbookByItsContentWhateverItsName() throws IOException {
        byte[] ole2 = new byte[512];
        System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                0, ole2, 0, 8);
        Path file = Files.write(dir.resolve("accounts.csv"), ole2);

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.TYPE);
    }

    @Test
    void refusesAnImage() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
        Path file = write(png);

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.TYPE);
    }

    @Test
    void refusesTextContainingNulBytes() throws IOException {
        Path file = write("id,name\n1,\0\0\0\n");

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.TYPE);
    }

    @Test
    void refusesNulBytesFarBeyondTheFirstKilobytes() throws IOException {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 0; i < 10_000; i++) {
            text.append(i).append(",name\n");
        }
        Path file = write(text.append("1,\0\n").toString());

        assertRefused(() -> TabularFiles.open(file, Limits.defaults()), UnreadableFile.TYPE);
    }

    @Test
    void refusesAFileLargerThanTheLimit() throws IOException {
        Path file = write("id,name\n1,张三\n2,李四\n");

        assertRefused(() -> TabularFiles.open(file, new Limits(16, 1024)), UnreadableFile.TOO_LARGE);
    }

    @Test
    void refusesAnUnclosedQuoteWithTheRowWhereItStarts() throws IOException {
        Path file = write("id,note\n1,ok\n2,\"never closed\n3,ok\n");

        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            Iterator<Row> rows = csv.rows();
            assertThat(rows.next().cells()).containsExactly("1", "ok");
            UnreadableFile refusal = catchRefusal(rows::hasNext, UnreadableFile.MALFORMED);
            assertThat(refusal.rowNumber()).isEqualTo(2L);
            assertThat(refusal.getMessage()).doesNotContain("never closed");
            assertThat(refusal.getCause()).isNotNull();
            assertThat(refusal.getCause().getMessage()).isEqualTo("org.apache.commons.csv.CSVException");
        }
    }

    @Test
    void refusesTextAfterAClosingQuote() throws IOException {
        Path file = write("id,note\n1,\"quoted\"trailing\n");

        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            assertThat(catchRefusal(csv.rows()::hasNext, UnreadableFile.MALFORMED).rowNumber()).isEqualTo(1L);
        }
    }

    @Test
    void stopsARowThatGrowsPastTheLimitInsteadOfHoldingTheRestOfTheFileInMemory() throws IOException {
        Path file = dir.resolve("runaway.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("id,note\n1,ok\n2,\"");
            for (int i = 0; i < 60_000; i++) {
                out.write("3,no closing quote anywhere\n");
            }
        }

        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            Iterator<Row> rows = csv.rows();
            rows.next();
            assertThat(catchRefusal(rows::next, UnreadableFile.MALFORMED).rowNumber()).isEqualTo(2L);
        }
    }

    @Test
    void streamsTwoHundredThousandRows() throws IOException {
        Path file = dir.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("账号,姓名,身份证号,电话,逾期金额,到期日\n");
            for (int i = 1; i <= 200_000; i++) {
                out.write("AC" + i + ",张三" + i + ",11010119900307" + (1000 + i % 9000) + ",138" + (10_000_000 + i)
                        + "," + (i % 100_000) + ".25,2024-03-15\n");
            }
        }

        long[] last = new long[2];
        assertTimeout(Duration.ofSeconds(10), () -> {
            try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
                for (Iterator<Row> rows = csv.rows(); rows.hasNext();) {
                    Row row = rows.next();
                    last[0]++;
                    last[1] = row.number();
                }
            }
        });

        assertThat(last).containsExactly(200_000, 200_000);
    }

    private Path write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dir, "upload", ".bin"), content);
    }

    private static byte[] bytes(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static List<List<String>> cellsOf(Path file) {
        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            return drain(csv).stream().map(Row::cells).toList();
        }
    }

    static List<Row> drain(TabularFile file) {
        List<Row> rows = new ArrayList<>();
        file.rows().forEachRemaining(rows::add);
        return rows;
    }

    static void assertRefused(ThrowingCallable open, String code) {
        catchRefusal(open, code);
    }

    static UnreadableFile catchRefusal(ThrowingCallable call, String code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(UnreadableFile.class);
        UnreadableFile refusal = (UnreadableFile) thrown;
        assertThat(refusal.code()).isEqualTo(code);
        return refusal;
    }
}
