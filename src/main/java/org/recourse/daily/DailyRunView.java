package org.recourse.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A run as a platform administrator follows it: its status, and each step's status and counters in the
 * order they run. {@code requestedBy} is null for a run the nightly schedule started.
 */
public record DailyRunView(UUID runId, LocalDate businessDate, String status, @Nullable UUID requestedBy,
                           Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                           @Nullable String failureCode, List<Step> steps) {

    /** One step of the run; processed and changed grow while it runs. */
    public record Step(String name, String status, long processed, long changed, @Nullable Instant startedAt,
                       @Nullable Instant finishedAt) {
    }
}
