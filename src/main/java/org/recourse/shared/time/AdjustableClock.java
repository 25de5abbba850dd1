package org.recourse.shared.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The platform clock in test mode: follows the system clock until someone sets it, then stands still at
 * the instant set (like Kill Bill's test clock), so time-dependent behaviour can be driven from outside.
 */
public final class AdjustableClock extends Clock {

    private final Clock system;
    private final AtomicReference<@Nullable Instant> fixed;

    public AdjustableClock(Clock system) {
        this(system, new AtomicReference<>());
    }

    private AdjustableClock(Clock system, AtomicReference<@Nullable Instant> fixed) {
        this.system = system;
        this.fixed = fixed;
    }

    public void set(Instant instant) {
        fixed.set(instant);
    }

    /** Back to following the system clock. */
    public void release() {
        fixed.set(null);
    }

    @Override
    public Instant instant() {
        Instant set = fixed.get();
        return set != null ? set : system.instant();
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // A zoned view shares the setting, so setting the platform clock moves every view of it.
        return new AdjustableClock(system.withZone(zone), fixed);
    }
}
