package org.recourse.daily;

/** What a step did for the business date: how many records it looked at, and how many of them it changed. */
public record StepOutcome(long processed, long changed) {

    public StepOutcome {
        if (processed < 0 || changed < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
