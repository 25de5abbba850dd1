package org.recourse.cases;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A growable byte buffer of {@code COPY … (format csv)} input: one line, or a chunk of many. Not a
 * ByteArrayOutputStream: its writes are synchronized, and a lock per byte was most of the staging time
 * (profiled at a million rows).
 */
final class CopyLine {

    private byte[] bytes;
    private int length;

    CopyLine(int capacity) {
        bytes = new byte[capacity];
    }

    void reset() {
        length = 0;
    }

    int length() {
        return length;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Characters known to be ASCII (ids, numbers, dates, Base64, hex), one byte each. */
    CopyLine ascii(String value) {
        int size = value.length();
        ensure(size);
        for (int i = 0; i < size; i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
        return this;
    }

    /** A field of ASCII characters, then a comma. */
    CopyLine field(String asciiValue) {
        return ascii(asciiValue).comma();
    }

    /** A keyed hash (hex) in PostgreSQL's input format for {@code bytea}. */
    CopyLine hash(String hex) {
        return ascii("\\x").ascii(hex);
    }

    CopyLine comma() {
        return put((byte) ',');
    }

    void newline() {
        put((byte) '\n');
    }

    /** A value as UTF-8, unquoted, "null" when absent (what {@code StringBuilder.append} wrote). */
    CopyLine raw(@Nullable String value) {
        String text = String.valueOf(value);
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii) {
            return ascii(text);
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    CopyLine separator() {
        return put((byte) 0x1f);
    }

    /** A CSV field: null unquoted and empty, text quoted only when it must be, then a comma. */
    CopyLine text(@Nullable String value) {
        if (value != null) {
            boolean quote = value.isEmpty();
            for (int i = 0; i < value.length() && !quote; i++) {
                char c = value.charAt(i);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            byte[] utf8 = (quote ? '"' + value.replace("\"", "\"\"") + '"' : value).getBytes(StandardCharsets.UTF_8);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
        }
        return comma();
    }

    private CopyLine put(byte value) {
        ensure(1);
        bytes[length++] = value;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
