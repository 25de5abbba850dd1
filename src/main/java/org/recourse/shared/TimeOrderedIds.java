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
}
