package org.recourse.cases;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes the two small JSON documents of a loaded row (identity and contacts) straight into reused bytes,
 * exactly as Jackson writes them (same escapes, nulls written, UTF-8 unescaped): their keyed hash decides
 * whether a re-sent row changed, so the bytes must not change with the writer. Jackson's object
 * machinery was a quarter of the encryption step at a million rows (profiled).
 */
final class JsonBytes {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[512];
    private int length;
    private boolean first;

    JsonBytes begin() {
        length = 0;
        put('{');
        first = true;
        return this;
    }

    JsonBytes field(String name, @Nullable String value) {
        name(name);
        if (value == null) {
            ascii("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonBytes field(String name, List<String> values) {
        name(name);
        put('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                put(',');
            }
            string(values.get(i));
        }
        put(']');
        return this;
    }

    /** Closes the object and returns its bytes (a copy: the buffer is reused for the next document). */
    byte[] end() {
        put('}');
        return Arrays.copyOf(bytes, length);
    }

    private void name(String name) {
        if (!first) {
            put(',');
        }
        first = false;
        string(name);
        put(':');
    }

    private void string(String value) {
        put('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                put('\\');
                put(c);
            } else if (c < 0x20) {
                escapeControl(c);
            } else if (c < 0x80) {
                put(c);
            } else {
                i = utf8(value, i);
            }
        }
        put('"');
    }

    /**
     * Writes the character at {@code i} as UTF-8, a surrogate pair as one code point, and returns the index of
     * its last {@code char}. A lone surrogate becomes {@code ?}, as {@link String#getBytes} writes it.
     */
    private int utf8(String value, int i) {
        char c = value.charAt(i);
        ensure(4);
        if (c < 0x800) {
            bytes[length++] = (byte) (0xC0 | c >> 6);
            bytes[length++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            int codePoint = Character.toCodePoint(c, value.charAt(i + 1));
            bytes[length++] = (byte) (0xF0 | codePoint >> 18);
            bytes[length++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            bytes[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            bytes[length++] = (byte) (0x80 | codePoint & 0x3F);
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            bytes[length++] = '?';
        } else {
            bytes[length++] = (byte) (0xE0 | c >> 12);
            bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
            bytes[length++] = (byte) (0x80 | c & 0x3F);
        }
        return i;
    }

    private void escapeControl(char c) {
        put('\\');
        switch (c) {
            case '\b' -> put('b');
            case '\t' -> put('t');
            case '\n' -> put('n');
            case '\f' -> put('f');
            case '\r' -> put('r');
            default -> {
                ascii("u00");
                put((char) HEX[c >> 4]);
                put((char) HEX[c & 0xF]);
            }
        }
    }

    private void ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            put(value.charAt(i));
        }
    }

    private void put(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
