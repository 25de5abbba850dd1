package org.recourse.shared;

/**
 * The ways a collector reaches someone. Shared because holds (a request to stop one channel), the compliance
 * engine, strategies and contact all speak of them.
 */
public enum ContactChannel {
    VOICE, AI_VOICE, SMS, EMAIL, IM, LETTER, VISIT;

    /** Voice calls, by a person or by an AI agent: both count as conversations (GB/T 45251 "含智能语音"). */
    public boolean isCall() {
        return this == VOICE || this == AI_VOICE;
    }
}
