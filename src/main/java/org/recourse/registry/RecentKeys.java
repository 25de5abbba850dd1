package org.recourse.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The users that API keys were found to act as during the last few seconds. A dialer presents the same key
 * on every decision, and the key's lookup was a third of a small request's cost (a read and its commit, and
 * the round trips are what costs on this kind of machine). Only live keys are remembered, so a stream of
 * made-up keys cannot fill it; it is emptied whenever something that may stop a key happens on this
 * instance (see {@link ApiKeys}), so only another instance's change waits for the time to live.
 */
final class RecentKeys {

    private final long timeToLiveNanos;
    private final int capacity;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(SignedInUser user, long expiresAtNanos) {
    }

    RecentKeys(long timeToLiveNanos, int capacity) {
        this.timeToLiveNanos = timeToLiveNanos;
        this.capacity = capacity;
    }

    /** The remembered user of the key with {@code hash}, or what {@code lookup} finds (remembered if live). */
    Optional<SignedInUser> get(String hash, Supplier<Optional<SignedInUser>> lookup) {
        // Elapsed time, not the platform's clock: a test may hold the clock still, which must not keep an entry.
        long now = System.nanoTime();
        Entry entry = entries.get(hash);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return Optional.of(entry.user());
        }
        Optional<SignedInUser> found = lookup.get();
        if (found.isPresent()) {
            if (entries.size() >= capacity) {
                entries.clear();
            }
            entries.put(hash, new Entry(found.get(), now + timeToLiveNanos));
        } else {
            entries.remove(hash);
        }
        return found;
    }

    void forgetAll() {
        entries.clear();
    }
}
