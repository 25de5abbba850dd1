package org.recourse.registry;

import org.jspecify.annotations.Nullable;

/** An administrator's request to add a user to their own organisation, as typed. */
public record NewUser(@Nullable String username, @Nullable String displayName, @Nullable String password,
                      @Nullable String role) {
}
