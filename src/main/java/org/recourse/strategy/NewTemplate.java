package org.recourse.strategy;

import org.jspecify.annotations.Nullable;

/** A message template as an institution's administrator proposes it; every field is checked by the desk. */
public record NewTemplate(@Nullable String name, @Nullable String channel, @Nullable String recipient,
        @Nullable String text) {
}
