package org.recourse.compliance;

import java.util.EnumSet;
import java.util.Set;

import org.recourse.shared.ContactChannel;

/** What came of a contact attempt. */
public enum AttemptResult {
    CONNECTED, NO_ANSWER, BUSY, REJECTED, WRONG_NUMBER, SENT, DELIVERED, FAILED;

    private static final Set<AttemptResult> CALL = EnumSet.of(CONNECTED, NO_ANSWER, BUSY, REJECTED, WRONG_NUMBER, FAILED);
    private static final Set<AttemptResult> MESSAGE = EnumSet.of(SENT, DELIVERED, FAILED, REJECTED, WRONG_NUMBER);
    private static final Set<AttemptResult> VISIT = EnumSet.of(CONNECTED, NO_ANSWER, REJECTED, WRONG_NUMBER, FAILED);

    /** Whether this result can come of a contact on the channel (a text message is not "busy"). */
    public boolean fits(ContactChannel channel) {
        return switch (channel) {
            case VOICE, AI_VOICE -> CALL.contains(this);
            case VISIT -> VISIT.contains(this);
            case SMS, EMAIL, IM, LETTER -> MESSAGE.contains(this);
        };
    }

    /** A dial nobody answered (CN-19 counts these per number). */
    public boolean unanswered() {
        return this == NO_ANSWER || this == BUSY;
    }

    /** A message that went out (a failed send reached nobody, so it does not count against the cap). */
    public boolean sent() {
        return this == SENT || this == DELIVERED;
    }
}
