package org.recourse.cases;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The borrowers one load has met so far, by the keyed hash of their ID number: so that a borrower with
 * several accounts in a file is written once, under one id, and so that a later row that spells the
 * borrower's identity differently is noticed. An open-addressing table of primitives: a million
 * borrowers cost ≈ 80 MB less than a {@code HashMap<String, UUID>} would.
 *
 * <p>Keys are the first 128 bits of the HMAC-SHA256 blind index; two different ID numbers sharing them
 * is as likely as guessing an AES-128 key.
 */
final class BatchBorrowers {

    /** What a row says about its borrower. */
    record Seen(UUID borrowerId, boolean first, boolean identityChanged) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private long[] keyHigh;
    private long[] keyLow;
    private long[] idHigh;
    private long[] idLow;
    private long[] identity;
    private boolean[] used;
    private int size;

    BatchBorrowers() {
        allocate(1 << 16);
    }

    /**
     * Looks the borrower up, registering it under a new id when it is the first time; remembers the
     * identity of the latest row, so that a change is reported once per change.
     */
    Seen see(byte[] idNumberHash, byte[] identityHash, Supplier<UUID> newId) {
        long high = (long) LONGS.get(idNumberHash, 0);
        long low = (long) LONGS.get(idNumberHash, Long.BYTES);
        long identityPrint = (long) LONGS.get(identityHash, 0);
        int slot = slotOf(high, low);
        if (used[slot]) {
            boolean changed = identity[slot] != identityPrint;
            identity[slot] = identityPrint;
            return new Seen(new UUID(idHigh[slot], idLow[slot]), false, changed);
        }
        UUID id = newId.get();
        used[slot] = true;
        keyHigh[slot] = high;
        keyLow[slot] = low;
        idHigh[slot] = id.getMostSignificantBits();
        idLow[slot] = id.getLeastSignificantBits();
        identity[slot] = identityPrint;
        if (++size * 2 > used.length) {
            grow();
        }
        return new Seen(id, true, false);
    }

    int size() {
        return size;
    }

    private int slotOf(long high, long low) {
        int mask = used.length - 1;
        // The key is already a keyed hash: its own bits are as good an index as any mix of them.
        int slot = (int) (low ^ (low >>> 32)) & mask;
        while (used[slot] && (keyHigh[slot] != high || keyLow[slot] != low)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeyHigh = keyHigh;
        long[] oldKeyLow = keyLow;
        long[] oldIdHigh = idHigh;
        long[] oldIdLow = idLow;
        long[] oldIdentity = identity;
        boolean[] oldUsed = used;
        allocate(used.length * 2);
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int slot = slotOf(oldKeyHigh[i], oldKeyLow[i]);
                used[slot] = true;
                keyHigh[slot] = oldKeyHigh[i];
                keyLow[slot] = oldKeyLow[i];
                idHigh[slot] = oldIdHigh[i];
                idLow[slot] = oldIdLow[i];
                identity[slot] = oldIdentity[i];
            }
        }
    }

    private void allocate(int capacity) {
        keyHigh = new long[capacity];
        keyLow = new long[capacity];
        idHigh = new long[capacity];
        idLow = new long[capacity];
        identity = new long[capacity];
        used = new boolean[capacity];
    }
}
