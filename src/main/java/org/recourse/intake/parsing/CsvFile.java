package org.recourse.intake.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVException;
import org.jspecify.annotations.Nullable;

/** An uploaded comma-separated file (RFC 4180) in UTF-8, with or without a BOM, or in GBK. */
final class CsvFile implements TabularFile {

    /**
     * The longest row accepted, in characters. An unclosed quote would otherwise turn the rest of a 200 MB file
     * into one cell held in memory; no genuine account row comes near this.
     */
    static final int MAX_ROW_CHARS = 1024 * 1024;

    // Blank lines are skipped by the lexer too; rows of empty cells are skipped by RowShape.
    private final CsvLexer lexer;

    private final String encoding;

    private final List<String> header;

    private final Iterator<Row> rows = new ReadAhead(this::nextRow);

    private long rowNumber;

    private CsvFile(CsvLexer lexer, String encoding) {
        this.lexer = lexer;
        this.encoding = encoding;
        this.header = readHeader();
    }

    static TabularFile open(Path file) throws IOException {
        CsvEncoding encoding = CsvEncoding.detect(file);
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(encoding.skipBytes());
            CsvLexer lexer = new CsvLexer(new InputStreamReader(in, encoding.strictDecoder()), CsvLexer.BUFFER_CHARS,
                    MAX_ROW_CHARS);
            return new CsvFile(lexer, encoding.label());
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
            lexer.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot close uploaded file", ex);
        }
    }

    private List<String> readHeader() {
        int count;
        while ((count = nextRecord()) >= 0) {
            if (!RowShape.isBlank(lexer.cells(), count)) {
                return RowShape.header(lexer.cells(), count);
            }
        }
        throw UnreadableFile.because(UnreadableFile.EMPTY, "file has no header row");
    }

    private @Nullable Row nextRow() {
        int count;
        while ((count = nextRecord()) >= 0) {
            // The lexer's cell array is reused, so blank rows cost no allocation; RowShape copies the others.
            if (!RowShape.isBlank(lexer.cells(), count)) {
                rowNumber++;
                return new Row(rowNumber, RowShape.data(lexer.cells(), count, header.size()));
            }
        }
        return null;
    }

    /** The next record's cell count, or -1 at the end of the file. */
    private int nextRecord() {
        try {
            return lexer.next();
        }
        catch (IOException ex) {
            throw translate(ex);
        }
    }

    private RuntimeException translate(IOException ex) {
        long failingRow = rowNumber + 1;
        if (ex instanceof CsvLexer.RecordTooLong) {
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
}
