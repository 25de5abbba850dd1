package org.recourse.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What compliance officers read: the decision log a page at a time, the denials of a period counted by rule and
 * by agency, one decision with what came of it, and a case's decisions and contacts in time order. Times are
 * given as instants and as wall-clock times in the institution's zone (and the borrower's, for decisions).
 */
public final class DecisionLogViews {

    private DecisionLogViews() {
    }

    /**
     * The log's filters as typed, every one optional: a rule id that failed ({@code CN.QUIET_HOURS}), the
     * outcome (ALLOW, DENY), the asking organisation and user, and a period of whole days in the institution's
     * zone ({@code yyyy-MM-dd}, both ends included); {@code cursor} continues after a previous page.
     */
    public record LogRequest(@Nullable String rule, @Nullable String outcome, @Nullable String agencyId,
            @Nullable String collectorId, @Nullable String from, @Nullable String to, @Nullable String cursor) {
    }

    /** Who asked for a decision or recorded an attempt. {@code institution}: the institution itself, no agency. */
    public record Actor(UUID organisationId, String organisationName, boolean institution, UUID userId,
            String username) {
    }

    /**
     * One decision in the log.
     *
     * @param localTime when it was made, in the institution's zone
     * @param failedRules the ids of the rules that failed, e.g. {@code CN.QUIET_HOURS}; empty for an ALLOW
     */
    public record LogEntry(UUID decisionId, Instant evaluatedAt, LocalDateTime localTime,
            LocalDateTime borrowerLocalTime, String borrowerZone, UUID caseId, @Nullable String accountRef,
            String channel, String purpose, String outcome, List<String> failedRules, Actor actor) {
    }

    /** A page of the log, newest first; {@code next} continues after its last entry, null on the last page. */
    public record LogPage(List<LogEntry> items, @Nullable String next, String zone) {
    }

    /** Denials of a period counted per failing rule (a denial with two failing rules counts for both). */
    public record RuleCount(String ruleId, long denials) {
    }

    /** Decisions asked for by one organisation in a period, and how many were denied. */
    public record AgencyCount(UUID organisationId, String name, boolean institution, long decisions, long denials) {
    }

    /** Someone who asked for decisions in the period: the log's collector filter offers them. */
    public record Collector(UUID userId, String username, UUID organisationId) {
    }

    /** The period's denials by rule and by agency, and who asked, over whole days {@code from}–{@code to}. */
    public record DenialSummary(LocalDate from, LocalDate to, String zone, List<RuleCount> byRule,
            List<AgencyCount> byAgency, List<Collector> collectors) {

        public long denials() {
            return byAgency.stream().mapToLong(AgencyCount::denials).sum();
        }

        public long decisions() {
            return byAgency.stream().mapToLong(AgencyCount::decisions).sum();
        }
    }

    /** A contact attempt as the compliance pages show it: outbound ones name the decision they acted on. */
    public record AttemptEntry(UUID attemptId, String direction, @Nullable UUID decisionId, String channel,
            String result, @Nullable Integer durationSeconds, Instant occurredAt, LocalDateTime localTime,
            Actor actor) {
    }

    /** One decision explained, where it sits in the log, and the attempt recorded against it (if any). */
    public record DecisionDetail(DecisionView decision, LogEntry entry, @Nullable AttemptEntry attempt) {
    }

    /** A decision or an attempt on a case's timeline: exactly one of the two is set. */
    public record TimelineEntry(Instant at, @Nullable LogEntry decision, @Nullable AttemptEntry attempt) {
    }

    /**
     * A case's compliance history, oldest first.
     *
     * @param truncated only the latest {@code entries.size()} events are shown
     */
    public record Timeline(UUID caseId, String accountRef, String zone, List<TimelineEntry> entries,
            boolean truncated) {
    }
}
