package org.recourse.compliance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.ContactTargets;
import org.recourse.cases.DelinquencySettings;
import org.recourse.compliance.DecisionLogQueries.AskerCount;
import org.recourse.compliance.DecisionLogQueries.AttemptRow;
import org.recourse.compliance.DecisionLogQueries.DecisionRow;
import org.recourse.compliance.DecisionLogViews.Actor;
import org.recourse.compliance.DecisionLogViews.AgencyCount;
import org.recourse.compliance.DecisionLogViews.AttemptEntry;
import org.recourse.compliance.DecisionLogViews.Collector;
import org.recourse.compliance.DecisionLogViews.DecisionDetail;
import org.recourse.compliance.DecisionLogViews.DenialSummary;
import org.recourse.compliance.DecisionLogViews.LogEntry;
import org.recourse.compliance.DecisionLogViews.LogPage;
import org.recourse.compliance.DecisionLogViews.LogRequest;
import org.recourse.compliance.DecisionLogViews.RuleCount;
import org.recourse.compliance.DecisionLogViews.Timeline;
import org.recourse.compliance.DecisionLogViews.TimelineEntry;
import org.recourse.registry.Directory;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decision ledger as compliance officers read it: the log with its filters, the denials of a period by rule
 * and by agency, one decision with its attempt, and a case's timeline. An institution's people see their own
 * institution's decisions only; agencies reach cases through placements, which do not exist yet, so they see
 * none (an empty log, and no decision or case to open).
 */
@Service
@PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COMPLIANCE_OFFICER', 'AGENCY_ADMIN')")
public class DecisionLog {

    public static final int MAX_PAGE = 200;
    /** A summary without a start covers this many days up to its end. */
    static final int DEFAULT_PERIOD_DAYS = 30;
    /** A case's timeline shows this many of its latest decisions and of its latest attempts. */
    static final int TIMELINE_LIMIT = 500;

    private final DecisionLogQueries queries;
    private final ComplianceDesk desk;
    private final PolicyPacks packs;
    private final ContactTargets cases;
    private final Directory directory;
    private final Clock clock;

    DecisionLog(DecisionLogQueries queries, ComplianceDesk desk, PolicyPacks packs, ContactTargets cases,
            Directory directory, Clock clock) {
        this.queries = queries;
        this.desk = desk;
        this.packs = packs;
        this.cases = cases;
        this.directory = directory;
        this.clock = clock;
    }

    /** The rule ids the log can filter by: every rule under every shipped pack's prefix. */
    public List<String> ruleIds() {
        return packs.all().stream().map(PolicyPack::rulePrefix).distinct()
                .flatMap(prefix -> ContactRules.NAMES.stream().map(name -> prefix + "." + name)).toList();
    }

    /** The zone the institution's days are counted in (periods and times on the pages). */
    public ZoneId zone(SignedInUser user) {
        return institution(user) == null ? DelinquencySettings.DEFAULT_ZONE : cases.zoneOf(user.organisationId());
    }

    /** A page of the log, newest first; refused with field errors when a filter is malformed. */
    @Transactional(readOnly = true)
    public LogPage page(SignedInUser user, LogRequest request, int size) {
        ZoneId zone = zone(user);
        FieldChecks checks = new FieldChecks();
        LogFilter filter = LogFilter.of(request, checks, packs, zone);
        checks.check("size", size >= 1 && size <= MAX_PAGE, "invalid");
        if (checks.hasErrors()) {
            throw ComplianceProblem.invalid(checks.errors());
        }
        String cursorText = LogFilter.blankToNull(request.cursor());
        LogFilter.Cursor after = cursorText == null ? null : LogFilter.cursor(cursorText);
        UUID institution = institution(user);
        if (institution == null) {
            return new LogPage(List.of(), null, zone.getId());
        }
        List<DecisionRow> rows = new ArrayList<>(queries.log(institution, filter, after, size + 1));
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            DecisionRow last = rows.get(size - 1);
            next = LogFilter.cursorAfter(last.evaluatedAt(), last.id());
        }
        return new LogPage(entries(user, rows, zone), next, zone.getId());
    }

    /**
     * Denials by rule and by agency over the period the request names (whole days in the institution's zone):
     * without an end, up to today; without a start, the {@value #DEFAULT_PERIOD_DAYS} days up to the end.
     */
    @Transactional(readOnly = true)
    public DenialSummary summary(SignedInUser user, LogRequest request) {
        ZoneId zone = zone(user);
        FieldChecks checks = new FieldChecks();
        LogFilter filter = LogFilter.of(request, checks, packs, zone);
        if (checks.hasErrors()) {
            throw ComplianceProblem.invalid(checks.errors());
        }
        LocalDate to = filter.to() != null ? filter.to() : LocalDate.ofInstant(clock.instant(), zone);
        LocalDate from = filter.from() != null ? filter.from() : to.minusDays(DEFAULT_PERIOD_DAYS - 1);
        UUID institution = institution(user);
        if (institution == null) {
            return new DenialSummary(from, to, zone.getId(), List.of(), List.of(), List.of());
        }
        Instant since = from.atStartOfDay(zone).toInstant();
        Instant until = to.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, Long> byRule = new LinkedHashMap<>();
        queries.denialsByRule(institution, since, until).forEach((packAndRule, count) -> {
            String[] parts = packAndRule.split(" ", 2);
            byRule.merge(prefix(parts[0]) + "." + parts[1], count, Long::sum);
        });
        List<RuleCount> rules = byRule.entrySet().stream().map(entry -> new RuleCount(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(RuleCount::denials).reversed().thenComparing(RuleCount::ruleId))
                .toList();
        List<AskerCount> askers = queries.byAsker(institution, since, until);
        Set<UUID> organisations = new HashSet<>();
        Set<UUID> users = new HashSet<>();
        askers.forEach(asker -> {
            organisations.add(asker.organisation());
            users.add(asker.user());
        });
        Map<UUID, String> organisationNames = directory.organisationNames(organisations);
        Map<UUID, String> usernames = directory.usernames(users);
        Map<UUID, long[]> perOrganisation = new LinkedHashMap<>();
        askers.forEach(asker -> {
            long[] counts = perOrganisation.computeIfAbsent(asker.organisation(), id -> new long[2]);
            counts[0] += asker.decisions();
            counts[1] += asker.denials();
        });
        List<AgencyCount> agencies = perOrganisation.entrySet().stream()
                .map(entry -> new AgencyCount(entry.getKey(), organisationNames.getOrDefault(entry.getKey(), "?"),
                        entry.getKey().equals(institution), entry.getValue()[0], entry.getValue()[1]))
                // The institution itself first, then the agencies with the most denials.
                .sorted(Comparator.comparing((AgencyCount agency) -> !agency.institution())
                        .thenComparing(Comparator.comparingLong(AgencyCount::denials).reversed())
                        .thenComparing(AgencyCount::name))
                .toList();
        List<Collector> collectors = askers.stream()
                .map(asker -> new Collector(asker.user(), usernames.getOrDefault(asker.user(), "?"), asker.organisation()))
                .sorted(Comparator.comparing(Collector::username)).toList();
        return new DenialSummary(from, to, zone.getId(), rules, agencies, collectors);
    }

    /** One decision explained in the reader's language, with who asked and what was done with it. */
    @Transactional(readOnly = true)
    public DecisionDetail detail(SignedInUser user, UUID decisionId, Locale locale) {
        UUID institution = institution(user);
        DecisionRow row = institution == null ? null : queries.decision(institution, decisionId);
        if (row == null) {
            throw ComplianceProblem.decisionNotFound();
        }
        DecisionView view = desk.explain(user, decisionId, locale);
        AttemptRow attempt = queries.attemptFor(institution, decisionId);
        ZoneId zone = zone(user);
        Names names = names(user, List.of(row), attempt == null ? List.of() : List.of(attempt), null);
        return new DecisionDetail(view, entry(row, names, zone), attempt == null ? null : attempt(attempt, names, zone));
    }

    /** A case's decisions and attempts, oldest first (the latest {@value #TIMELINE_LIMIT} of each). */
    @Transactional(readOnly = true)
    public Timeline timeline(SignedInUser user, UUID caseId) {
        UUID institution = institution(user);
        String accountRef = institution == null ? null : cases.accountRefs(institution, List.of(caseId)).get(caseId);
        if (accountRef == null) {
            throw ComplianceProblem.caseNotFound();
        }
        ZoneId zone = zone(user);
        List<DecisionRow> decisions = queries.decisionsOfCase(institution, caseId, TIMELINE_LIMIT);
        List<AttemptRow> attempts = queries.attemptsOfCase(institution, caseId, TIMELINE_LIMIT);
        // Every row is this case's: its reference, read above, is the only one the names need.
        Names names = names(user, decisions, attempts, Map.of(caseId, accountRef));
        List<TimelineEntry> entries = new ArrayList<>();
        decisions.forEach(row -> entries.add(new TimelineEntry(row.evaluatedAt(), entry(row, names, zone), null)));
        attempts.forEach(row -> entries.add(new TimelineEntry(row.occurredAt(), null, attempt(row, names, zone))));
        // An attempt recorded in the same instant as its decision comes after it.
        entries.sort(Comparator.comparing(TimelineEntry::at).thenComparing(entry -> entry.attempt() != null));
        boolean truncated = decisions.size() == TIMELINE_LIMIT || attempts.size() == TIMELINE_LIMIT;
        return new Timeline(caseId, accountRef, zone.getId(), entries, truncated);
    }

    private List<LogEntry> entries(SignedInUser user, List<DecisionRow> rows, ZoneId zone) {
        Names names = names(user, rows, List.of(), null);
        return rows.stream().map(row -> entry(row, names, zone)).toList();
    }

    private LogEntry entry(DecisionRow row, Names names, ZoneId zone) {
        String prefix = prefix(row.pack());
        return new LogEntry(row.id(), row.evaluatedAt(), row.evaluatedAt().atZone(zone).toLocalDateTime(),
                row.borrowerLocalTime(), row.borrowerZone(), row.caseId(), names.accountRefs().get(row.caseId()),
                row.channel(), row.purpose(), row.outcome(),
                row.failed().stream().map(rule -> prefix + "." + rule).toList(),
                names.actor(row.organisation(), row.user()));
    }

    private static AttemptEntry attempt(AttemptRow row, Names names, ZoneId zone) {
        return new AttemptEntry(row.id(), row.direction(), row.decisionId(), row.channel(), row.result(),
                row.durationSeconds(), row.occurredAt(), row.occurredAt().atZone(zone).toLocalDateTime(),
                names.actor(row.organisation(), row.user()));
    }

    /** The names on one page, looked up once for all its rows (no query per row). */
    private record Names(UUID institution, Map<UUID, String> organisations, Map<UUID, String> users,
            Map<UUID, String> accountRefs) {

        Actor actor(UUID organisation, UUID user) {
            return new Actor(organisation, organisations.getOrDefault(organisation, "?"), organisation.equals(institution),
                    user, users.getOrDefault(user, "?"));
        }
    }

    /** {@code accountRefs}: the cases' references when the caller has them already, else null to read them. */
    private Names names(SignedInUser user, List<DecisionRow> decisions, List<AttemptRow> attempts,
            @Nullable Map<UUID, String> accountRefs) {
        Set<UUID> organisations = new HashSet<>();
        Set<UUID> users = new HashSet<>();
        Set<UUID> caseIds = new HashSet<>();
        decisions.forEach(row -> {
            organisations.add(row.organisation());
            users.add(row.user());
            caseIds.add(row.caseId());
        });
        attempts.forEach(row -> {
            organisations.add(row.organisation());
            users.add(row.user());
        });
        return new Names(user.organisationId(), directory.organisationNames(organisations), directory.usernames(users),
                accountRefs != null ? accountRefs : cases.accountRefs(user.organisationId(), caseIds));
    }

    private String prefix(String pack) {
        return packs.find(pack).map(PolicyPack::rulePrefix).orElse(pack);
    }

    /** The institution whose decisions the user may read; null for agencies and the platform (none yet). */
    private static @Nullable UUID institution(SignedInUser user) {
        return user.organisationKind() == OrganisationKind.INSTITUTION ? user.organisationId() : null;
    }
}
