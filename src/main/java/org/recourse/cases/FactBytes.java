package org.recourse.cases;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A reused byte buffer for the facts of an account that its content hash covers (see {@link CopyRows}).
 * Not a ByteArrayOutputStream: its writes are synchronized, and a lock per byte was most of the staging
 * time (profiled at a million rows). Amounts, whole numbers and dates are written digit by digit, as
 * {@code toPlainString} and {@code toString} would spell them: making those strings was a quarter of the
 * sealer thread's time in a million-row load (JFR).
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

    /** Exactly the characters of {@code value.toPlainString()}. */
    FactBytes plain(BigDecimal value) {
        int scale = value.scale();
        // Past 18 digits the unscaled value may not fit a long: rare enough to take the slow way.
        if (scale < 0 || scale > 18 || value.precision() > 18) {
            return ascii(value.toPlainString());
        }
        long unscaled = value.unscaledValue().longValue();
        if (unscaled < 0) {
            put((byte) '-');
            unscaled = -unscaled;
        }
        int digits = digits(unscaled);
        ensure(Math.max(digits, scale + 1) + 1);
        if (digits <= scale) {
            bytes[length++] = '0';
            bytes[length++] = '.';
            for (int i = digits; i < scale; i++) {
                bytes[length++] = '0';
            }
            writeDigits(unscaled, digits);
            return this;
        }
        if (scale == 0) {
            writeDigits(unscaled, digits);
            return this;
        }
        // Room for the point: write all digits one place to the right, then move the integer part back.
        int start = length;
        writeDigits(unscaled, digits);
        int integerDigits = digits - scale;
        System.arraycopy(bytes, start + integerDigits, bytes, start + integerDigits + 1, scale);
        bytes[start + integerDigits] = '.';
        length++;
        return this;
    }

    /** Exactly the characters of {@code Integer.toString(value)}. */
    FactBytes integer(int value) {
        if (value < 0) {
            return ascii(Integer.toString(value));
        }
        int digits = digits(value);
        ensure(digits);
        writeDigits(value, digits);
        return this;
    }

    /** Exactly the characters of {@code value.toString()} (ISO yyyy-MM-dd for four-digit years). */
    FactBytes date(LocalDate value) {
        int year = value.getYear();
        if (year < 1000 || year > 9999) {
            return ascii(value.toString());
        }
        ensure(10);
        writeDigits(year, 4);
        bytes[length++] = '-';
        writeDigits(value.getMonthValue(), 2);
        bytes[length++] = '-';
        writeDigits(value.getDayOfMonth(), 2);
        return this;
    }

    private static int digits(long value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }

    /** The last {@code count} decimal digits of a non-negative value, zero-padded, at the end; room ensured. */
    private void writeDigits(long value, int count) {
        for (int i = length + count - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
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
