package org.recourse.intake.parsing;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

import org.apache.commons.csv.CSVException;

// The quote is named, not written, in this Javadoc: Spring Modulith reads Javadoc back through Boot's BasicJsonParser,
// which loses its place after an odd number of escaped double quotes (ModularityTests fails on it).
/**
 * Splits RFC 4180 text into records of cells, exactly as commons-csv's {@code CSVFormat.RFC4180} with empty lines
 * ignored: comma delimiter, double-quote quoting, no escape character, spaces kept. A cell is quoted only when the
 * quote is its first character; inside quotes a doubled quote is one quote, and commas and line ends are data; a
 * quote inside an unquoted cell is literal; after a closing quote only whitespace may come before the delimiter or
 * line end. Line ends are CRLF, LF or CR, and runs of them between records are skipped.
 *
 * <p>It replaces commons-csv for reading because a profile of a million-row intake put about half of the reading
 * thread's CPU in commons-csv's per-character token building. Here cells are cut straight out of a reused buffer;
 * only a quoted cell holding a doubled quote is copied through a second reused array.
 */
final class CsvLexer implements Closeable {

    static final int BUFFER_CHARS = 64 * 1024;

    private final Reader in;

    private final int maxRecordChars;

    private char[] buffer;

    /** The next character to look at, and the end of the characters read into the buffer. */
    private int position;

    private int limit;

    /** The stream offset of {@code buffer[0]}, and of the current record's first character. */
    private long base;

    private long recordStart;

    /** A quoted cell with doubled quotes, assembled without them. */
    private char[] unescaped = new char[256];

    private String[] cells = new String[16];

    private int count;

    /**
     * @param bufferChars the initial buffer; it grows only for a cell longer than itself
     * @param maxRecordChars the longest record accepted, line end included, so that an unclosed quote cannot pull
     *        the rest of a large file into memory
     */
    CsvLexer(Reader in, int bufferChars, int maxRecordChars) {
        this.in = in;
        this.buffer = new char[bufferChars];
        this.maxRecordChars = maxRecordChars;
    }

    /**
     * Reads the next record into {@link #cells()}.
     *
     * @return how many cells it has, at least one, or -1 at the end of the text
     * @throws CSVException when a quote is not closed, or is followed by anything but whitespace, a delimiter or
     *         a line end (commons-csv's own exception, so that a refusal keeps the cause it has always had)
     * @throws RecordTooLong when the record is longer than the limit
     */
    int next() throws IOException {
        count = 0;
        if (!skipLineEnds()) {
            return -1;
        }
        recordStart = base + position;
        while (cell()) {
            // one more cell after each delimiter
        }
        if (base + position - recordStart > maxRecordChars) {
            throw new RecordTooLong();
        }
        return count;
    }

    /** The current record's cells, in a reused array that holds {@code next()}'s count of them. */
    String[] cells() {
        return cells;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Blank lines are no records at all; runs of line ends are skipped before each record. */
    private boolean skipLineEnds() throws IOException {
        while (true) {
            if (position == limit && !fill(position)) {
                return false;
            }
            char c = buffer[position];
            if (c != '\n' && c != '\r') {
                return true;
            }
            position++;
        }
    }

    /** Reads one cell; true if a delimiter follows it, false at a line end or the end of the text. */
    private boolean cell() throws IOException {
        if (position == limit && !more(position)) {
            // A delimiter right before the end of the text still opens an (empty) cell.
            add("");
            return false;
        }
        return buffer[position] == '"' ? quoted() : unquoted();
    }

    private boolean unquoted() throws IOException {
        int start = position;
        int p = position;
        while (true) {
            if (p == limit) {
                position = p;
                boolean read = more(start);
                p = position;
                start = 0;
                if (!read) {
                    add(cut(start, p));
                    return false;
                }
            }
            char c = buffer[p];
            // The three characters that end a cell all sort at or below the delimiter, so most text takes one test.
            if (c <= ',' && (c == ',' || c == '\n' || c == '\r')) {
                add(cut(start, p));
                position = p + 1;
                return c == ',' || endOfLine(c);
            }
            p++;
        }
    }

    private boolean quoted() throws IOException {
        int p = position + 1;
        int segment = p;
        int escapedLength = -1;
        while (true) {
            if (p == limit) {
                position = p;
                if (!more(segment)) {
                    throw new CSVException("EOF reached before encapsulated token finished");
                }
                p = position;
                segment = 0;
            }
            if (buffer[p] != '"') {
                p++;
                continue;
            }
            if (p + 1 == limit) {
                // A quote at the end of the buffer: whether it is doubled depends on the next read.
                position = p;
                more(segment);
                p = position;
                segment = 0;
            }
            if (p + 1 < limit && buffer[p + 1] == '"') {
                escapedLength = appendUnescaped(Math.max(escapedLength, 0), segment, p + 1);
                p += 2;
                segment = p;
                continue;
            }
            add(escapedLength < 0 ? cut(segment, p)
                    : new String(unescaped, 0, appendUnescaped(escapedLength, segment, p)));
            position = p + 1;
            return afterClosingQuote();
        }
    }

    private boolean afterClosingQuote() throws IOException {
        while (true) {
            if (position == limit && !more(position)) {
                return false;
            }
            char c = buffer[position++];
            if (c == ',') {
                return true;
            }
            if (c == '\n' || c == '\r') {
                return endOfLine(c);
            }
            if (!Character.isWhitespace(c)) {
                throw new CSVException("Invalid character between encapsulated token and delimiter");
            }
        }
    }

    /** Consumes the LF of a CRLF line end; always false, since a line end closes the record. */
    private boolean endOfLine(char c) throws IOException {
        if (c == '\r' && (position < limit || more(position)) && buffer[position] == '\n') {
            position++;
        }
        return false;
    }

    private String cut(int start, int end) {
        return start == end ? "" : new String(buffer, start, end - start);
    }

    private int appendUnescaped(int length, int start, int end) {
        int needed = length + end - start;
        if (unescaped.length < needed) {
            unescaped = Arrays.copyOf(unescaped, Math.max(needed, unescaped.length * 2));
        }
        System.arraycopy(buffer, start, unescaped, length, end - start);
        return needed;
    }

    private void add(String cell) {
        if (count == cells.length) {
            cells = Arrays.copyOf(cells, count * 2);
        }
        cells[count++] = cell;
    }

    /** Reads on inside a record, which must stay within the limit however the text is cut into reads. */
    private boolean more(int keepFrom) throws IOException {
        if (base + limit - recordStart > maxRecordChars) {
            throw new RecordTooLong();
        }
        return fill(keepFrom);
    }

    /**
     * Moves the characters from {@code keepFrom} on to the front of the buffer (growing it when they fill it) and
     * reads more after them; {@code position} moves with them, so callers holding indices subtract {@code keepFrom}.
     *
     * @return false at the end of the text
     */
    private boolean fill(int keepFrom) throws IOException {
        int kept = limit - keepFrom;
        if (keepFrom > 0) {
            System.arraycopy(buffer, keepFrom, buffer, 0, kept);
            base += keepFrom;
            position -= keepFrom;
            limit = kept;
        }
        else if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read;
        do {
            read = in.read(buffer, limit, buffer.length - limit);
        }
        while (read == 0);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }

    /** The record grew past the limit; reading stopped there. */
    static final class RecordTooLong extends IOException {

        private static final long serialVersionUID = 1L;

        RecordTooLong() {
            super("record too long");
        }
    }
}
