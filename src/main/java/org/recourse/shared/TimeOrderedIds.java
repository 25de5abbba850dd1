package org.recourse.shared;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Rows inserted in bulk with
 * these ids land at the right edge of the primary-key index instead of all over it, which keeps a
 * million-row load from touching every index page (CONVENTIONS.md decision 3).
 */
public final class TimeOrderedIds {

    private final SecureRandom random = new SecureRandom();

    public UUID next(long epochMillis) {
        long randomA = random.nextLong();
        long randomB = random.nextLong();
        long high = (epochMillis << 16) | 0x7000L | (randomA & 0x0FFFL);
        long low = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /**
     * Ids of one millisecond that also ascend among themselves (RFC 9562 §6.2, method 2: a counter in the
     * random bits, started at a random value), for bulk loads that stamp every row with the same moment.
     */
    public Sequence sequence(long epochMillis) {
        return new Sequence((epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL),
                random.nextLong() & 0x0FFFFFFFFFFFFFFFL);
    }

    /**
     * The ids of a new {@link #sequence} as a SQL expression of {@code ordinal} (a bigint expression counting 1, 2,
     * … in the order the rows should ascend), for rows a statement inserts itself (nightly work at volume): the
     * same ids the sequence would give, without sending one per row.
     */
    public String sqlSequence(long epochMillis, String ordinal) {
        Sequence sequence = sequence(epochMillis);
        return "cast(lpad(to_hex(cast(" + sequence.high + " as bigint)), 16, '0') || lpad(to_hex(cast("
                + (0x8000000000000000L | sequence.counter) + " as bigint) + " + ordinal + "), 16, '0') as uuid)";
    }

    /** Ascending ids for one moment; not thread-safe. */
    public static final class Sequence {

        private final long high;
        private long counter;

        private Sequence(long high, long start) {
            this.high = high;
            this.counter = start;
        }

        public UUID next() {
            // Started below 2^60, so 2^60 ids fit before the variant bits would be reached.
            return new UUID(high, 0x8000000000000000L | counter++);
        }
    }
}
