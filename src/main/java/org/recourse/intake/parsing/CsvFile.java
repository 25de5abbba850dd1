package org.recourse.intake.parsing;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/** An uploaded comma-separated file (RFC 4180) in UTF-8, with or without a BOM, or in GBK. */
final class CsvFile implements TabularFile {

    /**
     * The longest row accepted, in characters. An unclosed quote would otherwise turn the rest of a 200 MB file
     * into one cell held in memory; no genuine account row comes near this.
     */
    static final int MAX_ROW_CHARS = 1024 * 1024;

    // Blank lines are skipped by the parser too; rows of empty cells are skipped by RowShape.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final CSVParser parser;

    private final Iterator<CSVRecord> records;

    private final RowLengthGuard guard;

    private final String encoding;

    private final List<String> header;

    private final Iterator<Row> rows = new ReadAhead(this::nextRow);

    private String[] scratch = new String[16];

    private long rowNumber;

    private CsvFile(CSVParser parser, RowLengthGuard guard, String encoding) {
        this.parser = parser;
        this.records = parser.iterator();
        this.guard = guard;
        this.encoding = encoding;
        this.header = readHeader();
    }

    static TabularFile open(Path file) throws IOException {
        CsvEncoding encoding = CsvEncoding.detect(file);
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(encoding.skipBytes());
            RowLengthGuard guard = new RowLengthGuard(new InputStreamReader(in, encoding.strictDecoder()));
            return new CsvFile(FORMAT.parse(guard), guard, encoding.label());
        }
        catch (IOException | RuntimeException ex) {
            in.close();
            throw ex;
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Iterator<Row> rows() {
        return rows;
    }

    @Override
    public String format() {
        return "CSV";
    }

    @Override
    public String encoding() {
        return encoding;
    }

    @Override
    public void close() {
        try {
            parser.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot close uploaded file", ex);
        }
    }

    private List<String> readHeader() {
        CSVRecord record;
        while ((record = nextRecord()) != null) {
            int count = copy(record);
            if (!RowShape.isBlank(scratch, count)) {
                return RowShape.header(scratch, count);
            }
        }
        throw UnreadableFile.because(UnreadableFile.EMPTY, "file has no header row");
    }

    private @Nullable Row nextRow() {
        CSVRecord record;
        while ((record = nextRecord()) != null) {
            int count = copy(record);
            if (!RowShape.isBlank(scratch, count)) {
                rowNumber++;
                return new Row(rowNumber, RowShape.data(scratch, count, header.size()));
            }
        }
        return null;
    }

    private @Nullable CSVRecord nextRecord() {
        guard.startRow();
        try {
            return records.hasNext() ? records.next() : null;
        }
        catch (UncheckedIOException ex) {
            throw translate(ex.getCause());
        }
    }

    private RuntimeException translate(IOException ex) {
        long failingRow = rowNumber + 1;
        if (ex instanceof RowTooLong) {
            return UnreadableFile.atRow(UnreadableFile.MALFORMED, failingRow,
                    "a row is longer than " + MAX_ROW_CHARS + " characters, probably an unclosed quote", null);
        }
        if (ex instanceof CSVException) {
            return UnreadableFile.atRow(UnreadableFile.MALFORMED, failingRow, "broken quoting", ex);
        }
        if (ex instanceof CharacterCodingException) {
            // The first pass found the file valid, so it changed underneath us; still the file's fault.
            return UnreadableFile.atRow(UnreadableFile.ENCODING, failingRow, "text is no longer valid " + encoding, null);
        }
        return new UncheckedIOException("cannot read uploaded file", ex);
    }

    /** Copies the record's values into the reused scratch array, so blank rows cost no allocation. */
    private int copy(CSVRecord record) {
        int count = record.size();
        if (scratch.length < count) {
            scratch = new String[Math.max(count, scratch.length * 2)];
        }
        for (int i = 0; i < count; i++) {
            scratch[i] = record.get(i);
        }
        return count;
    }

    /** Counts the characters read since the last row began, and stops a row that grows without bound. */
    private static final class RowLengthGuard extends FilterReader {

        private long charsInRow;

        RowLengthGuard(Reader in) {
            super(in);
        }

        void startRow() {
            charsInRow = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c == -1 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count(read);
            return read;
        }

        private void count(int read) throws RowTooLong {
            if (read > 0) {
                charsInRow += read;
                if (charsInRow > MAX_ROW_CHARS) {
                    throw new RowTooLong();
                }
            }
        }
    }

    /** Signals through the CSV parser that {@link RowLengthGuard} stopped a row. */
    private static final class RowTooLong extends IOException {

        private static final long serialVersionUID = 1L;

        RowTooLong() {
            super("row too long");
        }
    }
}
