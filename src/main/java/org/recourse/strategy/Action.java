package org.recourse.strategy;

import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** What a step of a treatment path does. The written ones go out through a message template of their channel. */
public enum Action {

    SMS(TemplateChannel.SMS),
    VOICE(null),
    EMAIL(TemplateChannel.EMAIL),
    LETTER(TemplateChannel.LETTER),
    PLACE_WITH_AGENCY(null),
    INTERNAL_QUEUE(null),
    FIELD_VISIT(null),
    LEGAL_REVIEW(null);

    private final @Nullable TemplateChannel templateChannel;

    Action(@Nullable TemplateChannel templateChannel) {
        this.templateChannel = templateChannel;
    }

    /** The channel of the template this action sends, or null when it sends none. */
    public @Nullable TemplateChannel templateChannel() {
        return templateChannel;
    }

    /** The action of this exact name (the API is strict: no case folding). */
    public static Optional<Action> named(@Nullable String name) {
        return Arrays.stream(values()).filter(action -> action.name().equals(name)).findFirst();
    }
}
