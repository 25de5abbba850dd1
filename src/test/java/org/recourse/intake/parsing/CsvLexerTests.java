package org.recourse.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recourse.intake.parsing.TabularFile.Row;
import org.recourse.intake.parsing.TabularFiles.Limits;

/**
 * The CSV lexer reads every text as commons-csv's RFC 4180 format with empty lines ignored did, record for record
 * and failure for failure, however the text is cut into reads and buffers; and it stops a runaway record early.
 */
class CsvLexerTests {

    private static final CSVFormat COMMONS = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    /** Everything that means something to the format, twice-wide characters, and whitespace allowed after quotes. */
    private static final String[] ALPHABET = {
        "a", "b", ",", "\"", "\r", "\n", "\r\n", " ", "中", "😀", "", "\t", "\u3000",
    };

    private static final long SEED = 20_260_115L;

    private static final int CASES = 20_000;

    /** One case in this many is also written to a file and read through {@link TabularFiles}. */
    private static final int FILE_EVERY = 5;

    @TempDir
    Path dir;

    @Test
    void readsRandomTextsExactlyAsCommonsCsvDid() throws IOException {
        Random random = new Random(SEED);
        int failed = 0;
        for (int i = 0; i < CASES; i++) {
            String text = i % 2 == 0 ? anyText(random) : recordsText(random);
            Outcome expected = commons(text);
            int buffer = 1 + random.nextInt(8);
            int chunk = 1 + random.nextInt(8);
            int index = i;
            assertThat(lexer(text, buffer, chunk, random))
                    .as(() -> "case " + index + " " + visible(text) + " with a " + buffer + "-char buffer")
                    .isEqualTo(expected);
            assertThat(lexer(text, CsvLexer.BUFFER_CHARS, Integer.MAX_VALUE, random))
                    .as(() -> "case " + index + " " + visible(text)).isEqualTo(expected);
            if (i % FILE_EVERY == 0) {
                assertThat(throughTabularFiles(text)).as(() -> "file of case " + index + " " + visible(text))
                        .isEqualTo(asCsvFileDid(text, expected));
            }
            if (expected.failure() != null) {
                failed++;
            }
        }
        // Both ways a text can end must be well represented, or the comparison proves little.
        assertThat(failed).isBetween(CASES / 10, CASES * 9 / 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"a\"\"b\"", "\"a\"b", "a\"b", "\"\"", "\"", ",,", "a\r", "a\r\r\nb", "a\n\"", "\"\"\"", "\"\"\"\"",
        "id,name\n\n\r\n1,x\r\n\r\n2,y", "id,name\n", "id,name", "\n\r\n\r", " ", " \n", " \"a\"", "\"a\" , \"b\"\t",
        "\"a\"\r\n", "\"a\"\r", "\"a\"\u3000\r\nb", "a,\"\"", "a,", "a,\n", "a,\r\n,", "\"line\r\nbreak\",\"x,y\"",
        "\"a\"\"\"\"\"", "😀,\"😀\"\"😀\"", "\uFEFFid,name\n1,2",
    })
    void readsEdgeCasesAsCommonsCsvDid(String text) throws IOException {
        Outcome expected = commons(text);
        Random random = new Random(SEED);
        for (int buffer : new int[] {1, 2, 3, 5, CsvLexer.BUFFER_CHARS}) {
            for (int chunk : new int[] {1, 2, Integer.MAX_VALUE}) {
                assertThat(lexer(text, buffer, chunk, random)).as("%d-char buffer, reads of %d", buffer, chunk)
                        .isEqualTo(expected);
            }
        }
        if (!text.isEmpty()) {
            // CsvFile skips a BOM before the lexer (or commons-csv) ever sees the text.
            String afterBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
            assertThat(throughTabularFiles(text)).isEqualTo(asCsvFileDid(afterBom, commons(afterBom)));
        }
    }

    @Test
    void readsADoubledQuoteInsideQuotesAsOneQuote() throws IOException {
        assertReads("\"a\"\"b\",\"\"\"\"", List.of(List.of("a\"b", "\"")));
    }

    @Test
    void keepsAQuoteInsideAnUnquotedCellAsData() throws IOException {
        assertReads("a\"b, \"c\"", List.of(List.of("a\"b", " \"c\"")));
    }

    @Test
    void readsDelimitersAsEmptyCellsIncludingOneBeforeTheEnd() throws IOException {
        assertReads(",,\na,", List.of(List.of("", "", ""), List.of("a", "")));
    }

    @Test
    void skipsEmptyLinesButNotLinesOfSpaces() throws IOException {
        assertReads("\r\na\r\n\r\n\n\r \r\r\nb\r", List.of(List.of("a"), List.of(" "), List.of("b")));
    }

    @Test
    void keepsLineEndsAndDelimitersInsideQuotes() throws IOException {
        assertReads("\"a\r\n\rb,c\"\n", List.of(List.of("a\r\n\rb,c")));
    }

    @Test
    void allowsWhitespaceBetweenAClosingQuoteAndWhatFollows() throws IOException {
        assertReads("\"a\" \t\u3000,\"b\" \r\n", List.of(List.of("a", "b")));
    }

    @Test
    void refusesTextAfterAClosingQuoteButKeepsTheRecordsBefore() throws IOException {
        Outcome outcome = lexer("x\n\"a\"b\n", 4, 3, new Random(SEED));

        assertThat(outcome).isEqualTo(commons("x\n\"a\"b\n"));
        assertThat(outcome).isEqualTo(new Outcome(List.of(List.of("x")), CSVException.class));
    }

    @Test
    void refusesAQuoteLeftOpenAtTheEnd() throws IOException {
        Outcome outcome = lexer("x\ny,\"open\n", 4, 3, new Random(SEED));

        assertThat(outcome).isEqualTo(commons("x\ny,\"open\n"));
        assertThat(outcome).isEqualTo(new Outcome(List.of(List.of("x")), CSVException.class));
    }

    @Test
    void acceptsARecordOfExactlyTheLimitWithItsLineEnd() throws IOException {
        try (CsvLexer lexer = new CsvLexer(new StringReader("abcd,efg\r\nabcd,efgh\r\n"), 4, 10)) {
            assertThat(lexer.next()).isEqualTo(2);
            assertThatThrownBy(lexer::next).isInstanceOf(CsvLexer.RecordTooLong.class);
        }
    }

    @Test
    void countsEachRecordOnItsOwn() throws IOException {
        try (CsvLexer lexer = new CsvLexer(new StringReader("abcdefghi\n".repeat(1000)), 4, 10)) {
            int records = 0;
            while (lexer.next() >= 0) {
                records++;
            }
            assertThat(records).isEqualTo(1000);
        }
    }

    @Test
    void stopsAnUnclosedQuoteWithoutReadingMuchPastTheLimit() throws IOException {
        int limit = 100_000;
        EndlessCell endless = new EndlessCell();
        try (CsvLexer lexer = new CsvLexer(endless, 1024, limit)) {
            assertThat(lexer.next()).isEqualTo(1);
            assertThatThrownBy(lexer::next).isInstanceOf(CsvLexer.RecordTooLong.class);
        }
        // The buffer only doubles while the record is still within the limit.
        assertThat(endless.served).isLessThan(3L * limit);
    }

    @Test
    void passesReadingErrorsThroughForTheCallerToName() {
        Reader broken = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                throw new MalformedInputException(1);
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> new CsvLexer(broken, 16, 100).next()).isInstanceOf(MalformedInputException.class);
    }

    private static void assertReads(String text, List<List<String>> records) throws IOException {
        Outcome expected = new Outcome(records, null);
        assertThat(commons(text)).as("commons-csv").isEqualTo(expected);
        assertThat(lexer(text, 2, 1, new Random(SEED))).isEqualTo(expected);
        assertThat(lexer(text, CsvLexer.BUFFER_CHARS, Integer.MAX_VALUE, new Random(SEED))).isEqualTo(expected);
    }

    /** How reading a text ended: the records read until then, and the failure's type if it did not reach the end. */
    record Outcome(List<List<String>> records, @Nullable Class<?> failure) {
    }

    private static Outcome commons(String text) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = COMMONS.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                records.add(record.toList());
            }
            return new Outcome(records, null);
        }
        catch (UncheckedIOException ex) {
            return new Outcome(records, ex.getCause().getClass());
        }
    }

    private static Outcome lexer(String text, int bufferChars, int maxRead, Random random) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvLexer lexer = new CsvLexer(new ChoppyReader(text, maxRead, random), bufferChars, Integer.MAX_VALUE)) {
            int count;
            while ((count = lexer.next()) >= 0) {
                records.add(List.of(Arrays.copyOf(lexer.cells(), count)));
            }
            return new Outcome(records, null);
        }
        catch (CSVException ex) {
            return new Outcome(records, ex.getClass());
        }
    }

    /** What a file gave through the public reader: header, rows, and the refusal, if any, with its cause's name. */
    record FileOutcome(@Nullable List<String> header, List<Row> rows, @Nullable String code, @Nullable Long row,
            @Nullable String message, @Nullable String cause) {
    }

    private FileOutcome throughTabularFiles(String text) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "case", ".csv"), text, StandardCharsets.UTF_8);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (TabularFile csv = TabularFiles.open(file, Limits.defaults())) {
            header = csv.header();
            for (Iterator<Row> it = csv.rows(); it.hasNext();) {
                rows.add(it.next());
            }
            return new FileOutcome(header, rows, null, null, null, null);
        }
        catch (UnreadableFile refusal) {
            return new FileOutcome(header, rows, refusal.code(), refusal.rowNumber(), refusal.getMessage(),
                    refusal.getCause() == null ? null : refusal.getCause().getMessage());
        }
        finally {
            Files.delete(file);
        }
    }

    /** The same, as CsvFile made it from commons-csv's records and failure before the lexer replaced it. */
    private static FileOutcome asCsvFileDid(String text, Outcome parsed) {
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        for (List<String> record : parsed.records()) {
            String[] cells = record.toArray(String[]::new);
            if (RowShape.isBlank(cells, cells.length)) {
                continue;
            }
            if (header == null) {
                header = RowShape.header(cells, cells.length);
            }
            else {
                rows.add(new Row(rows.size() + 1, RowShape.data(cells, cells.length, header.size())));
            }
        }
        if (parsed.failure() != null) {
            long row = rows.size() + 1;
            return new FileOutcome(header, rows, UnreadableFile.MALFORMED, row, "broken quoting (data row " + row + ")",
                    CSVException.class.getName());
        }
        if (header == null) {
            return new FileOutcome(null, rows, UnreadableFile.EMPTY, null,
                    text.isEmpty() ? "file has no content" : "file has no header row", null);
        }
        return new FileOutcome(header, rows, null, null, null, null);
    }

    /** Any string over the alphabet: mostly broken quoting once quotes appear. */
    private static String anyText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }

    /** Records of well-formed cells, quoted ones holding anything, with blank lines between and a rare fault. */
    private static String recordsText(Random random) {
        StringBuilder text = new StringBuilder();
        String[] lineEnds = {"\n", "\r\n", "\r", "\n\n", "\r\n\r\n", ""};
        int records = random.nextInt(6);
        for (int r = 0; r < records; r++) {
            int cells = 1 + random.nextInt(4);
            for (int c = 0; c < cells; c++) {
                if (c > 0) {
                    text.append(',');
                }
                String cell = anyText(random);
                if (random.nextBoolean()) {
                    text.append('"').append(cell.replace("\"", "\"\"")).append('"');
                }
                else {
                    text.append(cell.replaceAll("[,\r\n]", "").replaceFirst("^\"", "a"));
                }
            }
            text.append(lineEnds[random.nextInt(lineEnds.length)]);
        }
        if (random.nextInt(10) == 0 && !text.isEmpty()) {
            int at = random.nextInt(text.length());
            // Never between the halves of a surrogate pair: a strict decoder cannot produce a lone one.
            text.insert(Character.isLowSurrogate(text.charAt(at)) ? at + 1 : at, '"');
        }
        return text.toString();
    }

    private static String visible(String text) {
        return '[' + text.replace("\r", "\\r").replace("\n", "\\n") + ']';
    }

    /** Serves a text in reads of random length, as a decoder over a network or disk might. */
    private static final class ChoppyReader extends Reader {

        private final String text;

        private final int maxRead;

        private final Random random;

        private int next;

        ChoppyReader(String text, int maxRead, Random random) {
            this.text = text;
            this.maxRead = maxRead;
            this.random = random;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (next == text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(length, text.length() - next),
                    maxRead == Integer.MAX_VALUE ? Integer.MAX_VALUE : 1 + random.nextInt(maxRead));
            text.getChars(next, next + n, buffer, offset);
            next += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** A first record, then a quote that never closes, and text without end. */
    private static final class EndlessCell extends Reader {

        private static final char[] START = "id\n\"".toCharArray();

        long served;

        @Override
        public int read(char[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = served + i < START.length ? START[(int) served + i] : 'x';
            }
            served += length;
            return length;
        }

        @Override
        public void close() {
        }
    }
}
