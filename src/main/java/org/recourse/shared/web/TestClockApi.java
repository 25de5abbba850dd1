package org.recourse.shared.web;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.time.AdjustableClock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test mode only: read and set the platform clock, so days past due, contact windows and lock-outs can be
 * driven from outside (like Kill Bill's test clock). Without test mode this controller does not exist and
 * its paths answer 404.
 */
@RestController
@RequestMapping("/api/v1/test/clock")
@ConditionalOnProperty(name = "recourse.test-mode", havingValue = "true")
class TestClockApi {

    private final AdjustableClock clock;

    TestClockApi(Clock clock) {
        this.clock = (AdjustableClock) clock;
    }

    @GetMapping
    ClockState read() {
        return new ClockState(clock.instant());
    }

    @PutMapping
    ClockState set(@RequestBody ClockState state) {
        if (state.instant() == null) {
            throw new InvalidClockSetting();
        }
        clock.set(state.instant());
        return read();
    }

    /** Lets the clock follow the system clock again. */
    @DeleteMapping
    ClockState release() {
        clock.release();
        return read();
    }

    /** The platform's current instant, ISO-8601 in UTC. */
    record ClockState(@Nullable Instant instant) {
    }

    /** A clock setting without an instant. */
    static final class InvalidClockSetting extends org.recourse.shared.Problem {
        InvalidClockSetting() {
            super(Kind.INVALID, "validation_failed", java.util.List.of(new FieldError("instant", "required")));
        }
    }
}
