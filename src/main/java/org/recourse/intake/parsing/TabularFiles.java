package org.recourse.intake.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an uploaded account file as a {@link TabularFile}, telling CSV from XLSX by content, never by name. */
public final class TabularFiles {

    /** How much of the file is inspected to tell its type. */
    static final int HEAD_BYTES = 8 * 1024;

    private static final byte[] ZIP_LOCAL_HEADER = {'P', 'K', 3, 4};

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private static final byte[] UTF16_LE_BOM = {(byte) 0xFF, (byte) 0xFE};

    private static final byte[] UTF16_BE_BOM = {(byte) 0xFE, (byte) 0xFF};

    private TabularFiles() {
    }

    /**
     * Opens the file, refusing it whole with {@link UnreadableFile} when it cannot be read. A CSV file is read
     * once in full before this returns, to settle its encoding; rows are then streamed.
     *
     * @throws UnreadableFile when the file is empty, too large, of the wrong type, badly encoded, a zip bomb or
     *         malformed
     * @throws UncheckedIOException when the file cannot be read from storage, which is not the lender's fault
     */
    public static TabularFile open(Path file, Limits limits) throws UnreadableFile {
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw UnreadableFile.because(UnreadableFile.TOO_LARGE,
                        "file has " + size + " bytes, more than the limit of " + limits.maxFileBytes());
            }
            if (size == 0) {
                throw UnreadableFile.because(UnreadableFile.EMPTY, "file has no content");
            }
            byte[] head = head(file);
            if (startsWith(head, ZIP_LOCAL_HEADER)) {
                return XlsxFile.open(file, limits);
            }
            if (startsWith(head, OLE2)) {
                throw UnreadableFile.because(UnreadableFile.TYPE,
                        "legacy .xls or password-protected workbook; save it as .xlsx or CSV");
            }
            if (startsWith(head, UTF16_LE_BOM) || startsWith(head, UTF16_BE_BOM)) {
                // Excel's "Unicode text" export: refused as an encoding problem, since re-saving as UTF-8 fixes it.
                throw UnreadableFile.because(UnreadableFile.ENCODING, "UTF-16 text; save it as UTF-8 CSV");
            }
            if (CsvEncoding.containsNul(head, 0, head.length)) {
                throw UnreadableFile.because(UnreadableFile.TYPE, "binary content, neither CSV nor XLSX");
            }
            return CsvFile.open(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read uploaded file", ex);
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Upper bounds that keep one upload from exhausting disk, memory or CPU.
     *
     * @param maxFileBytes the largest upload accepted, as stored
     * @param maxExpandedBytes the largest total uncompressed size of a workbook's zip entries
     */
    public record Limits(long maxFileBytes, long maxExpandedBytes) {

        private static final long MIB = 1024L * 1024L;

        public Limits {
            if (maxFileBytes <= 0 || maxExpandedBytes <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        /** 200 MiB per upload and 2 GiB expanded, the sizes agreed for lender uploads. */
        public static Limits defaults() {
            return new Limits(200 * MIB, 2048 * MIB);
        }
    }
}
