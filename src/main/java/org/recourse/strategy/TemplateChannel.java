package org.recourse.strategy;

import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The written channels a message template serves; screened under the same names (compliance.screening). */
public enum TemplateChannel {
    SMS, EMAIL, LETTER;

    public static Optional<TemplateChannel> named(@Nullable String name) {
        return Arrays.stream(values()).filter(channel -> channel.name().equals(name)).findFirst();
    }
}
