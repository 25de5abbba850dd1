package org.recourse.compliance.screening;

import java.util.Arrays;
import java.util.Optional;

/**
 * The channel a screened text goes out on. Named apart from the contact decision's channel type, which
 * belongs to the pre-contact gate; both list the same channels.
 */
public enum ScreenedChannel {

    VOICE(20_000, false),
    AI_VOICE(20_000, false),
    SMS(2_000, true),
    EMAIL(20_000, true),
    IM(2_000, true),
    LETTER(20_000, true),
    VISIT(20_000, false);

    private final int maxLength;
    private final boolean written;

    ScreenedChannel(int maxLength, boolean written) {
        this.maxLength = maxLength;
        this.written = written;
    }

    /** The longest text screened for this channel, in characters (code points). */
    public int maxLength() {
        return maxLength;
    }

    /**
     * A written message reaches the borrower without a person to introduce it, so it must itself name the
     * institution and carry the collector's badge number (CN-03).
     */
    public boolean written() {
        return written;
    }

    /** The channel of this exact name, or empty for anything else (no case folding: the API is strict). */
    public static Optional<ScreenedChannel> named(String name) {
        return Arrays.stream(values()).filter(channel -> channel.name().equals(name)).findFirst();
    }
}
