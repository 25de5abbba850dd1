package org.recourse.cases;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A growable buffer of {@code COPY … (format binary)} input: the header, tuples, the trailer. Binary because
 * PostgreSQL then takes numbers, dates, ids and hashes as they are stored instead of parsing text for each
 * of a million rows: text input was most of the server's CPU during a first load (PERFORMANCE.md §4.3).
 * The format: <a href="https://www.postgresql.org/docs/15/sql-copy.html#id-1.9.3.55.9.4">COPY, binary
 * format</a>; values as each type's {@code recv} function reads them.
 */
final class CopyTuples {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Days from 1970-01-01 (Java's epoch) to 2000-01-01 (PostgreSQL's). */
    private static final int POSTGRES_EPOCH_DAY = 10_957;
    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000};

    private byte[] bytes;
    private int length;
    private short[] groups = new short[8];

    CopyTuples(int capacity) {
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

    /** What every COPY in binary format starts with: the signature, no flags, no header extension. */
    CopyTuples header() {
        ensure(SIGNATURE.length + 8);
        System.arraycopy(SIGNATURE, 0, bytes, length, SIGNATURE.length);
        length += SIGNATURE.length;
        return int32(0).int32(0);
    }

    /** What ends it. */
    void trailer() {
        int16(-1);
    }

    /** Starts a tuple of so many fields; each field then follows with its length. */
    CopyTuples tuple(int fields) {
        return int16(fields);
    }

    CopyTuples uuid(UUID value) {
        return int32(16).int64(value.getMostSignificantBits()).int64(value.getLeastSignificantBits());
    }

    CopyTuples integer(int value) {
        return int32(4).int32(value);
    }

    CopyTuples bigint(long value) {
        return int32(8).int64(value);
    }

    CopyTuples date(LocalDate value) {
        return int32(4).int32((int) (value.toEpochDay() - POSTGRES_EPOCH_DAY));
    }

    CopyTuples bytea(byte[] value) {
        int32(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    /** Text (also {@code char(n)}) as UTF-8; null as SQL NULL. */
    CopyTuples text(@Nullable String value) {
        if (value == null) {
            return int32(-1);
        }
        int size = value.length();
        boolean ascii = true;
        for (int i = 0; i < size && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (!ascii) {
            return bytea(value.getBytes(StandardCharsets.UTF_8));
        }
        int32(size);
        ensure(size);
        for (int i = 0; i < size; i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
        return this;
    }

    /**
     * A {@code numeric}: base-10000 digits, the weight of the first, sign and display scale. The fraction is
     * padded to whole groups of four decimal digits so that groups line up with the decimal point; zero
     * groups at either end are left out, as PostgreSQL stores them.
     */
    CopyTuples numeric(BigDecimal value) {
        BigDecimal whole = value.scale() < 0 ? value.setScale(0) : value;
        int scale = whole.scale();
        int fractionGroups = (scale + 3) / 4;
        int padding = fractionGroups * 4 - scale;
        int count;
        if (whole.precision() + padding <= 18) {
            count = groupsOf(Math.abs(whole.unscaledValue().longValue()) * POWERS_OF_TEN[padding]);
        } else {
            // Beyond a long: rare enough for the slow way.
            count = groupsOf(whole.unscaledValue().abs().multiply(BigInteger.TEN.pow(padding)));
        }
        // groups[0] is the least significant; skip zero groups at the low end.
        int low = 0;
        while (low < count && groups[low] == 0) {
            low++;
        }
        int digits = count - low;
        int weight = digits == 0 ? 0 : count - fractionGroups - 1;
        int32(8 + 2 * digits).int16(digits).int16(weight)
                .int16(whole.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE).int16(scale);
        for (int i = count - 1; i >= low; i--) {
            int16(groups[i]);
        }
        return this;
    }

    private int groupsOf(long magnitude) {
        int count = 0;
        for (long rest = magnitude; rest != 0; rest /= 10_000) {
            groups[count++] = (short) (rest % 10_000);
        }
        return count;
    }

    private int groupsOf(BigInteger magnitude) {
        groups = new short[Math.max(groups.length, magnitude.toString().length() / 4 + 1)];
        int count = 0;
        for (BigInteger rest = magnitude; rest.signum() != 0; ) {
            BigInteger[] division = rest.divideAndRemainder(TEN_THOUSAND);
            groups[count++] = division[1].shortValue();
            rest = division[0];
        }
        return count;
    }

    private CopyTuples int16(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
        return this;
    }

    private CopyTuples int32(int value) {
        ensure(4);
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
        return this;
    }

    private CopyTuples int64(long value) {
        return int32((int) (value >>> 32)).int32((int) value);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
