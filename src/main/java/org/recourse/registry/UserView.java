package org.recourse.registry;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A user as their organisation's administrator sees them. {@code lockedUntil} may lie in the past. */
public record UserView(UUID id, String username, @Nullable String displayName, Role role, boolean enabled,
                       @Nullable Instant lockedUntil, Instant createdAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
