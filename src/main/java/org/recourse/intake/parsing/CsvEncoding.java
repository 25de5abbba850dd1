package org.recourse.intake.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text encoding of a CSV upload, settled by decoding the whole file strictly before it is parsed.
 *
 * @param label what {@link TabularFile#encoding()} reports
 * @param charset how to decode the text
 * @param skipBytes how many leading bytes (a BOM) are not text
 */
record CsvEncoding(String label, Charset charset, int skipBytes) {

    static final Charset GBK = Charset.forName("GBK");

    private static final int UTF8_BOM_LENGTH = 3;

    private static final int BUFFER = 64 * 1024;

    /**
     * A BOM declares UTF-8. Without one, the file is UTF-8 if every byte decodes as UTF-8, else GBK if every byte
     * decodes as GBK (what Excel and WPS save by default in mainland China). Short GBK text can happen to be valid
     * UTF-8, but real Chinese text almost never is.
     */
    static CsvEncoding detect(Path file) throws IOException {
        if (hasUtf8Bom(file)) {
            if (decodes(file, StandardCharsets.UTF_8, UTF8_BOM_LENGTH)) {
                return new CsvEncoding("UTF-8-BOM", StandardCharsets.UTF_8, UTF8_BOM_LENGTH);
            }
            throw UnreadableFile.because(UnreadableFile.ENCODING, "file starts with a UTF-8 BOM but is not UTF-8");
        }
        if (decodes(file, StandardCharsets.UTF_8, 0)) {
            return new CsvEncoding("UTF-8", StandardCharsets.UTF_8, 0);
        }
        if (decodes(file, GBK, 0)) {
            return new CsvEncoding("GBK", GBK, 0);
        }
        throw UnreadableFile.because(UnreadableFile.ENCODING, "text is neither UTF-8 nor GBK");
    }

    /** A decoder that refuses bad input instead of silently writing U+FFFD into a borrower's name. */
    CharsetDecoder strictDecoder() {
        return strict(charset);
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean hasUtf8Bom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(UTF8_BOM_LENGTH);
            return head.length == UTF8_BOM_LENGTH
                    && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        }
    }

    /**
     * Decodes the whole file, keeping nothing. A NUL byte anywhere means binary content, whatever the charset: no
     * GBK or UTF-8 character contains one, and PostgreSQL text columns refuse it.
     */
    private static boolean decodes(Path file, Charset charset, int skip) throws IOException {
        CharsetDecoder decoder = strict(charset);
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        CharBuffer chars = CharBuffer.allocate(BUFFER);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(skip);
            int read;
            while ((read = in.read(bytes.array(), bytes.position(), bytes.remaining())) != -1) {
                if (containsNul(bytes.array(), bytes.position(), read)) {
                    throw UnreadableFile.because(UnreadableFile.TYPE, "binary content, neither CSV nor XLSX");
                }
                bytes.position(bytes.position() + read).flip();
                if (!decode(decoder, bytes, chars, false)) {
                    return false;
                }
                bytes.compact();
            }
            bytes.flip();
            return decode(decoder, bytes, chars, true) && !decoder.flush(chars.clear()).isError();
        }
    }

    private static boolean decode(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars, boolean end) {
        while (true) {
            CoderResult result = decoder.decode(bytes, chars.clear(), end);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                // At the end of input a dangling partial character must count as an error, not as "more to come".
                return !end || !bytes.hasRemaining();
            }
        }
    }

    static boolean containsNul(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
