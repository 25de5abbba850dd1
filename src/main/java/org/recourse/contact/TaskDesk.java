package org.recourse.contact;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.allocation.CaseHolders;
import org.recourse.cases.ContactTargets;
import org.recourse.cases.DelinquencySettings;
import org.recourse.compliance.ComplianceDesk;
import org.recourse.compliance.DecisionView;
import org.recourse.compliance.Purpose;
import org.recourse.contact.TaskViews.Counts;
import org.recourse.contact.TaskViews.Decided;
import org.recourse.contact.TaskViews.HolderCount;
import org.recourse.contact.TaskViews.Task;
import org.recourse.contact.TaskViews.TaskFilter;
import org.recourse.contact.TaskViews.TaskPage;
import org.recourse.registry.Directory;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.ContactChannel;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The day's tasks for the people who work them, and their execution. A collector sees the tasks of the cases assigned
 * to them now; an agency's administrator (dispatching) the tasks of the cases placed with the agency now; the
 * institution's administrators and operators all of the institution's. Anyone else's task is not found (404). A
 * contact task is executed only through a compliance decision ({@link #decide}); an attempt recorded against its
 * ALLOW completes it ({@link TaskCompletion}) — there is no other way to complete it.
 */
@Service
@PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COLLECTOR', 'AGENCY_ADMIN')")
public class TaskDesk {

    public static final int MAX_PAGE = 200;
    private static final Set<String> STATUSES = Set.of("OPEN", "DONE");
    private static final Set<String> CHANNELS = Set.of("VOICE", "SMS", "EMAIL", "LETTER", "VISIT");
    private static final Set<String> HOLDERS = Set.of("COLLECTOR", "AGENCY_QUEUE", "INSTITUTION_QUEUE");

    private final JdbcClient jdbc;
    private final CaseHolders holders;
    private final ContactTargets targets;
    private final Directory directory;
    private final ComplianceDesk compliance;
    private final ApplicationEventPublisher events;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    TaskDesk(JdbcClient jdbc, CaseHolders holders, ContactTargets targets, Directory directory,
            ComplianceDesk compliance, ApplicationEventPublisher events, PersonalDataCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.holders = holders;
        this.targets = targets;
        this.directory = directory;
        this.compliance = compliance;
        this.events = events;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Which tasks the user sees: a condition on {@code t} and its parameters. */
    private record Scope(String condition, Map<String, Object> params) {
    }

    private Scope scope(SignedInUser user) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", user.organisationId());
        if (user.organisationKind() == OrganisationKind.INSTITUTION) {
            return new Scope("t.institution_id = :org", params);
        }
        if (user.organisationKind() != OrganisationKind.AGENCY) {
            return new Scope("false", params);
        }
        boolean collector = user.role() != Role.AGENCY_ADMIN;
        params.put("agency", user.organisationId());
        params.put("today", LocalDate.ofInstant(clock.instant(), DelinquencySettings.DEFAULT_ZONE));
        if (collector) {
            params.put("collector", user.userId());
        }
        return new Scope("t.agency_id = :org and exists (select 1 from (" + holders.heldByAgencySql(collector)
                + ") h where h.institution_id = t.institution_id and h.account_id = t.case_id)", params);
    }

    /**
     * The tasks of a business date (by default the latest planned), in case and step order, in pages of at most
     * {@value #MAX_PAGE}.
     */
    @Transactional(readOnly = true)
    public TaskPage list(SignedInUser user, TaskFilter filter, @Nullable String cursor, int size) {
        FieldChecks checks = new FieldChecks();
        LocalDate date = checks.optionalDate("date", filter.date());
        checks.check("status", filter.status() == null || STATUSES.contains(filter.status()), "task.status_unknown");
        checks.check("channel", filter.channel() == null || CHANNELS.contains(filter.channel()), "task.channel_unknown");
        checks.check("holder", filter.holder() == null || HOLDERS.contains(filter.holder()), "task.holder_unknown");
        UUID collector = checks.optionalId("collectorId", filter.collectorId());
        UUID after = checks.optionalId("cursor", cursor);
        if (checks.hasErrors()) {
            throw TaskProblem.invalid(checks.errors());
        }
        LocalDate day = date != null ? date : latestDate(user);
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        Scope scope = scope(user);
        StringBuilder sql = new StringBuilder("select t.* from contact.task t where ").append(scope.condition())
                .append(" and t.business_date = :date");
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("date", day);
        optional(sql, params, "t.status = :status", "status", filter.status());
        optional(sql, params, "t.channel = :channel", "channel", filter.channel());
        optional(sql, params, "t.collector_id = :collectorFilter", "collectorFilter", collector);
        optional(sql, params, "t.holder = :holder", "holder", filter.holder());
        // Keyset in the order of the day's key (case, step): the index the scope reads gives the page in order. The
        // cursor names the last task of the previous page; its case and step are where the next page starts (read
        // only among the organisation's own tasks: another's id as a cursor gives an empty page).
        optional(sql, params, "(t.case_id, t.step_key) > (select c.case_id, c.step_key from contact.task c"
                + " where c.id = :after and (c.institution_id = :org or c.agency_id = :org))", "after", after);
        sql.append(" order by t.case_id, t.step_key limit :limit");
        params.put("limit", limit + 1);
        List<Task> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(TaskDesk::task).list());
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = rows.get(limit - 1).id().toString();
        }
        return new TaskPage(named(rows), day, limit, next);
    }

    /** The dispatcher's counts of a business date: per holder and channel, open and done. */
    @Transactional(readOnly = true)
    public Counts counts(SignedInUser user, @Nullable String date) {
        FieldChecks checks = new FieldChecks();
        LocalDate day = checks.optionalDate("date", date);
        if (checks.hasErrors()) {
            throw TaskProblem.invalid(checks.errors());
        }
        LocalDate on = day != null ? day : latestDate(user);
        Scope scope = scope(user);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("date", on);
        List<Object[]> raw = jdbc.sql("""
                select t.holder, t.agency_id, t.collector_id, t.channel,
                       count(*) filter (where t.status = 'OPEN') as open, count(*) filter (where t.status = 'DONE') as done
                  from contact.task t
                 where %s and t.business_date = :date
                 group by t.holder, t.agency_id, t.collector_id, t.channel
                 order by t.holder, t.agency_id nulls first, t.collector_id nulls first, t.channel nulls first
                """.formatted(scope.condition()))
                .params(params)
                .query((row, n) -> new Object[] {row.getString("holder"), row.getObject("agency_id", UUID.class),
                        row.getObject("collector_id", UUID.class), row.getString("channel"), row.getLong("open"),
                        row.getLong("done")})
                .list();
        Set<UUID> agencies = new HashSet<>();
        Set<UUID> collectors = new HashSet<>();
        for (Object[] row : raw) {
            if (row[1] != null) {
                agencies.add((UUID) row[1]);
            }
            if (row[2] != null) {
                collectors.add((UUID) row[2]);
            }
        }
        Map<UUID, String> agencyNames = agencies.isEmpty() ? Map.of() : directory.organisationNames(agencies);
        Map<UUID, String> collectorNames = collectors.isEmpty() ? Map.of() : directory.usernames(collectors);
        List<HolderCount> rows = raw.stream().map(row -> new HolderCount((String) row[0], (UUID) row[1],
                row[1] == null ? null : agencyNames.get(row[1]), (UUID) row[2],
                row[2] == null ? null : collectorNames.get(row[2]), (String) row[3], (Long) row[4], (Long) row[5]))
                .toList();
        return new Counts(on, rows);
    }

    /** One task the user may see. */
    @Transactional(readOnly = true)
    public Task task(SignedInUser user, UUID id) {
        return named(List.of(find(user, id, false))).get(0);
    }

    /**
     * Asks the compliance engine whether the task's contact may happen now — the task's case, contact point and
     * channel, purpose COLLECT, the caller's outbound number if given — through the one decision path every contact
     * takes, and links the decision to the task. An ALLOW is acted on by recording the attempt against it (the
     * existing attempts endpoint), which completes the task; a DENY leaves it open with the failed rules and the
     * next allowed moment. Only the holder decides: the institution its own queue, the agency its own tasks.
     */
    @Transactional
    public Decided decide(SignedInUser user, UUID id, @Nullable String callerNumber, Locale locale) {
        Task task = find(user, id, true);
        if (!task.contact()) {
            throw TaskProblem.notAContact();
        }
        if (!task.open()) {
            throw TaskProblem.done();
        }
        boolean institutionHeld = "INSTITUTION_QUEUE".equals(task.holder());
        if (institutionHeld != (user.organisationKind() == OrganisationKind.INSTITUTION)) {
            throw TaskProblem.notHolder();
        }
        DecisionView decision = compliance.decide(user, new ComplianceDesk.DecisionRequest(task.caseId(),
                task.contactPointId(), ContactChannel.valueOf(Objects.requireNonNull(task.channel())), Purpose.COLLECT,
                callerNumber, null), locale);
        Instant now = clock.instant();
        String[] reasons = decision.rules().stream().filter(rule -> "FAIL".equals(rule.outcome()))
                .map(DecisionView.RuleView::ruleId).toArray(String[]::new);
        jdbc.sql("""
                insert into contact.task_decision (decision_id, task_id, institution_id, outcome, decided_by, decided_at)
                values (:decision, :task, :institution, :outcome, :by, :at)
                """)
                .param("decision", decision.decisionId()).param("task", task.id())
                .param("institution", task.institutionId()).param("outcome", decision.outcome())
                .param("by", user.userId()).param("at", now.atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("""
                update contact.task set decision_id = :decision, decision_outcome = :outcome, decision_reasons = :reasons,
                       next_allowed_at = :next, decided_at = :at
                 where id = :task
                """)
                .param("decision", decision.decisionId()).param("outcome", decision.outcome())
                .param("reasons", reasons).param("next", decision.nextAllowedAt() == null ? null
                        : decision.nextAllowedAt().atOffset(ZoneOffset.UTC))
                .param("at", now.atOffset(ZoneOffset.UTC)).param("task", task.id()).update();
        events.publishEvent(new ContactEvent.TaskDecided(task.institutionId(), task.id(), decision.decisionId(),
                decision.outcome(), user.actor()));
        return new Decided(named(List.of(find(user, id, false))).get(0), decision);
    }

    /** How a queue task ends. */
    public static final Set<String> OUTCOMES = Set.of("RESOLVED", "ESCALATED", "NO_ACTION_NEEDED", "NOT_APPLICABLE");
    private static final int MAX_NOTE = 1_000;

    /**
     * Closes a queue task (an INTERNAL_QUEUE or LEGAL_REVIEW step: the institution's own work, no contact, so no
     * compliance decision) with an outcome and an optional note, which may hold personal data and is stored
     * encrypted. Only the institution holds queue tasks; a contact task is done only by the attempt under its ALLOW.
     */
    @Transactional
    public Task close(SignedInUser user, UUID id, @Nullable String outcome, @Nullable String note) {
        FieldChecks checks = new FieldChecks();
        checks.check("outcome", outcome != null && OUTCOMES.contains(outcome),
                outcome == null ? "required" : "task.outcome_unknown");
        String text = checks.optionalText("note", note, MAX_NOTE);
        if (checks.hasErrors()) {
            throw TaskProblem.invalid(checks.errors());
        }
        Task task = find(user, id, true);
        if (task.contact()) {
            throw TaskProblem.notAQueueTask();
        }
        if (!task.open()) {
            throw TaskProblem.done();
        }
        if (!"INSTITUTION_QUEUE".equals(task.holder()) || user.organisationKind() != OrganisationKind.INSTITUTION) {
            throw TaskProblem.notHolder();
        }
        jdbc.sql("""
                update contact.task set status = 'DONE', outcome = :outcome, outcome_note_enc = :note, closed_by = :by,
                       completed_at = :at
                 where id = :task and status = 'OPEN'
                """)
                .param("outcome", outcome).param("note", text == null ? null : cipher.encrypt(text))
                .param("by", user.userId()).param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("task", task.id()).update();
        events.publishEvent(new ContactEvent.QueueTaskClosed(task.institutionId(), task.id(),
                Objects.requireNonNull(outcome), user.actor()));
        return named(List.of(find(user, id, false))).get(0);
    }

    private Task find(SignedInUser user, UUID id, boolean lock) {
        Scope scope = scope(user);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql("select t.* from contact.task t where t.id = :id and " + scope.condition()
                        + (lock ? " for update of t" : ""))
                .params(params).query(TaskDesk::task).optional().orElseThrow(TaskProblem::notFound);
    }

    /** The latest business date with tasks for the user's organisation; yesterday when there is none yet. */
    private LocalDate latestDate(SignedInUser user) {
        LocalDate latest = user.organisationKind() == OrganisationKind.AGENCY
                ? jdbc.sql("select max(business_date) from contact.task where agency_id = :org")
                        .param("org", user.organisationId()).query(LocalDate.class).single()
                : jdbc.sql("select max(business_date) from contact.plan_day where institution_id = :org")
                        .param("org", user.organisationId()).query(LocalDate.class).single();
        return latest != null ? latest
                : LocalDate.ofInstant(clock.instant(), DelinquencySettings.DEFAULT_ZONE).minusDays(1);
    }

    /** The tasks with their cases' account references and their collectors' names. */
    private List<Task> named(List<Task> tasks) {
        Map<UUID, List<UUID>> byInstitution = new LinkedHashMap<>();
        Set<UUID> collectors = new HashSet<>();
        for (Task task : tasks) {
            byInstitution.computeIfAbsent(task.institutionId(), key -> new ArrayList<>()).add(task.caseId());
            if (task.collectorId() != null) {
                collectors.add(task.collectorId());
            }
        }
        Map<UUID, String> refs = new HashMap<>();
        byInstitution.forEach((institution, cases) -> refs.putAll(targets.accountRefs(institution, cases)));
        Map<UUID, String> names = collectors.isEmpty() ? Map.of() : directory.usernames(collectors);
        return tasks.stream().map(task -> new Task(task.id(), task.institutionId(), task.caseId(),
                refs.get(task.caseId()), task.businessDate(), task.kind(), task.action(), task.channel(),
                task.contactPointId(), task.templateId(), task.segment(), task.variant(), task.dayOffset(),
                task.holder(), task.agencyId(), task.collectorId(),
                task.collectorId() == null ? null : names.get(task.collectorId()), task.status(), task.decisionId(),
                task.decisionOutcome(), task.decisionReasons(), task.nextAllowedAt(), task.attemptResult(),
                task.completedAt(), task.outcome(),
                task.outcomeNote() == null ? null : cipher.decrypt(task.outcomeNote()))).toList();
    }

    private static void optional(StringBuilder sql, Map<String, Object> params, String condition, String name,
            @Nullable Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.put(name, value);
        }
    }

    private static Task task(ResultSet row, int n) throws SQLException {
        Array reasons = row.getArray("decision_reasons");
        Timestamp next = row.getTimestamp("next_allowed_at");
        Timestamp completed = row.getTimestamp("completed_at");
        return new Task(row.getObject("id", UUID.class), row.getObject("institution_id", UUID.class),
                row.getObject("case_id", UUID.class), null, row.getObject("business_date", LocalDate.class),
                row.getString("kind"), row.getString("action"), row.getString("channel"),
                row.getObject("contact_point_id", UUID.class), row.getObject("template_id", UUID.class),
                row.getString("segment_name"), row.getString("variant_name"), row.getInt("day_offset"),
                row.getString("holder"), row.getObject("agency_id", UUID.class),
                row.getObject("collector_id", UUID.class), null, row.getString("status"),
                row.getObject("decision_id", UUID.class), row.getString("decision_outcome"),
                reasons == null ? List.of() : List.of((String[]) reasons.getArray()),
                next == null ? null : next.toInstant(), row.getString("attempt_result"),
                completed == null ? null : completed.toInstant(), row.getString("outcome"),
                row.getString("outcome_note_enc"));
    }
}
