package org.recourse.cases;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A reused byte buffer for the facts of an account that its content hash covers (see {@link CopyRows}).
 * Not a ByteArrayOutputStream: its writes are synchronized, and a lock per byte was most of the staging
 * time (profiled at a million rows).
 */
final class FactBytes {

    private byte[] bytes;
    private int length;

    FactBytes(int capacity) {
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

    /** Characters known to be ASCII, one byte each. */
    private FactBytes ascii(String value) {
        int size = value.length();
        ensure(size);
        for (int i = 0; i < size; i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
        return this;
    }

    /** A value as UTF-8, unquoted, "null" when absent (what {@code StringBuilder.append} wrote). */
    FactBytes raw(@Nullable String value) {
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

    FactBytes separator() {
        return put((byte) 0x1f);
    }

    private FactBytes put(byte value) {
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
