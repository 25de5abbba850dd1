package org.recourse.contact;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.DecisionView;

/** What the task lists and the API show. Contact points by id only: the case page shows them masked. */
public final class TaskViews {

    private TaskViews() {
    }

    /**
     * A task: the case, the contact point, channel and template (for CONTACT tasks), who holds it as planned, and
     * where it stands — the latest decision asked for it (a DENY with its failed rules and the next allowed moment)
     * and, once done, the attempt that completed it; a queue task (no contact) once closed, its outcome and note.
     */
    public record Task(UUID id, UUID institutionId, UUID caseId, @Nullable String accountRef, LocalDate businessDate,
            String kind, String action, @Nullable String channel, @Nullable UUID contactPointId,
            @Nullable UUID templateId, String segment, @Nullable String variant, int dayOffset, String holder,
            @Nullable UUID agencyId, @Nullable UUID collectorId, @Nullable String collectorName, String status,
            @Nullable UUID decisionId, @Nullable String decisionOutcome, List<String> decisionReasons,
            @Nullable Instant nextAllowedAt, @Nullable String attemptResult, @Nullable Instant completedAt,
            @Nullable String outcome, @Nullable String outcomeNote) {

        public boolean open() {
            return "OPEN".equals(status);
        }

        public boolean contact() {
            return "CONTACT".equals(kind);
        }
    }

    /** One page of tasks of a business date; {@code next} the cursor of the following page, null on the last. */
    public record TaskPage(List<Task> items, LocalDate date, int size, @Nullable String next) {
    }

    /** The filters of the list; nulls mean any. {@code collectorId} and {@code holder} are the dispatcher's. */
    public record TaskFilter(@Nullable String date, @Nullable String status, @Nullable String channel,
            @Nullable String collectorId, @Nullable String holder) {

        public static TaskFilter none() {
            return new TaskFilter(null, null, null, null, null);
        }
    }

    /** The dispatcher's counts of a date: per holder (agency, collector or queue) and channel, open and done. */
    public record HolderCount(String holder, @Nullable UUID agencyId, @Nullable String agencyName,
            @Nullable UUID collectorId, @Nullable String collectorName, @Nullable String channel, long open, long done) {
    }

    public record Counts(LocalDate date, List<HolderCount> rows) {
    }

    /** A decision asked for a task: the task as it now stands and the decision with every rule's reason. */
    public record Decided(Task task, DecisionView decision) {
    }
}
