package org.recourse.daily;

public record StepOutcome(long processed, long changed) {
}
