package org.recourse.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.recourse.allocation.AssignmentStore.Candidate;
import org.recourse.allocation.AssignmentStore.Chosen;
import org.recourse.allocation.AssignmentStore.Planned;
import org.recourse.allocation.AssignmentStore.Taker;
import org.recourse.cases.CaseProfiles;
import org.recourse.cases.CaseProfiles.CaseWeight;
import org.recourse.registry.Colleagues;
import org.recourse.registry.Colleagues.Colleague;
import org.recourse.registry.Directory;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where an agency's administrator gives the cases placed with the agency to its collectors: in bulk, planned by a
 * mode ({@link AssignmentMode}) and previewed before it is written, or one case at a time. Moving a case from one
 * collector to another needs a reason. Every call is confined to the caller's agency: another agency's case, or a
 * case no longer placed with it, is not found; only the agency's enabled collectors take cases.
 */
@Service
@PreAuthorize("hasRole('AGENCY_ADMIN')")
public class AssignmentDesk {

    /** Most cases one request considers: the plan is one statement over them, and the preview counts them all. */
    public static final int MAX_CASES = 20_000;
    private static final int MAX_REASON = 500;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final AssignmentStore store;
    private final CaseProfiles profiles;
    private final Colleagues colleagues;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    AssignmentDesk(AssignmentStore store, CaseProfiles profiles, Colleagues colleagues, Directory directory,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.profiles = profiles;
        this.colleagues = colleagues;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    /** The agency's enabled collectors, by username: those who may take cases. */
    @Transactional(readOnly = true)
    public List<Colleague> collectors(SignedInUser admin) {
        return colleagues.enabledWithRole(admin.organisationId(), Role.COLLECTOR);
    }

    /**
     * Plans the assignment and, unless it is a preview, writes it, in one transaction. The answer counts what was
     * planned (preview) or done; the audit trail gets one line with the counts.
     */
    @Transactional
    public AssignmentOutcome assign(SignedInUser admin, AssignCases request) {
        UUID agency = admin.organisationId();
        FieldChecks checks = new FieldChecks();
        checks.check("mode", request.mode() != null, "required");
        // No list, or an empty one, means the agency's live placements by the other filters.
        List<UUID> caseIds = request.caseIds() == null || request.caseIds().isEmpty() ? null
                : List.copyOf(new LinkedHashSet<>(request.caseIds().stream().filter(Objects::nonNull).toList()));
        checks.check("caseIds", caseIds == null || caseIds.size() <= MAX_CASES, "too_many");
        String reason = checks.optionalText("reason", request.reason(), MAX_REASON);
        List<Colleague> enabled = colleagues.enabledWithRole(agency, Role.COLLECTOR);
        List<Taker> takers = takers(enabled, request, checks);
        if (checks.hasErrors()) {
            throw AssignmentProblem.refused(checks.errors());
        }
        AssignmentMode mode = request.mode();
        Instant now = clock.instant();
        if (!request.previewOnly()) {
            // Read after a night placing with the agency has assigned its placements (NightStore#lockAssigning).
            store.lockAssigningShared(agency);
        }

        List<Candidate> candidates = store.candidates(agency, new AssignmentStore.Selection(request.institutionId(),
                caseIds, Boolean.TRUE.equals(request.includeAssigned())), MAX_CASES + 1);
        if (candidates.size() > MAX_CASES) {
            throw AssignmentProblem.refused("caseIds", "assignment.too_many");
        }
        // Named cases are taken as named; the bucket filter narrows only "all of the agency's".
        List<Chosen> chosen = weigh(candidates, caseIds == null ? request.buckets() : null, now);
        if (caseIds != null && chosen.size() != caseIds.size()) {
            // A named case is not placed with the agency now (or its last day is over, or it is another tenant's).
            throw AssignmentProblem.caseNotFound();
        }
        List<Planned> plan = store.plan(agency, mode, request.keepBorrowersTogether(), chosen, takers,
                enabled.stream().map(Colleague::id).toList());
        AssignmentOutcome planned = outcome(agency, true, mode, plan, takers, 0, 0, 0);
        if (request.previewOnly()) {
            return planned;
        }
        if (planned.movesCases() && reason == null) {
            throw AssignmentProblem.refused("reason", "assignment.reason_required");
        }
        List<Planned> changes = plan.stream().filter(p -> p.isNew() || p.moves()).toList();
        AssignmentStore.Written written = store.write(agency, changes, newIds(changes.size(), now), reason,
                admin.userId(), now);
        int skipped = changes.size() - written.assigned() - written.reassigned();
        AssignmentOutcome done = outcome(agency, false, mode, plan, takers, written.assigned(), written.reassigned(),
                skipped);
        events.publishEvent(new AssignmentEvent.CasesAssigned(agency, "agency/" + agency + "/assignments", mode,
                request.keepBorrowersTogether(), done.assigned(), done.reassigned(), skipped, done.leftUnassigned(),
                reason, admin.actor()));
        return done;
    }

    /**
     * Gives one case placed with the agency to one of its collectors; a case that has a collector moves only with
     * a reason. Giving a case to the collector who has it changes nothing.
     */
    @Transactional
    public AssignmentOutcome assignOne(SignedInUser admin, UUID caseId, @Nullable UUID collectorId,
            @Nullable String reason) {
        UUID agency = admin.organisationId();
        FieldChecks checks = new FieldChecks();
        checks.check("collectorId", collectorId != null, "required");
        String why = checks.optionalText("reason", reason, MAX_REASON);
        if (checks.hasErrors()) {
            throw AssignmentProblem.refused(checks.errors());
        }
        Instant now = clock.instant();
        store.lockAssigningShared(agency);
        Candidate candidate = store.candidate(agency, caseId)
                .filter(found -> !profiles.today(found.institution(), now).isAfter(found.until()))
                .orElseThrow(AssignmentProblem::caseNotFound);
        if (colleagues.enabledWithRole(agency, Role.COLLECTOR).stream().noneMatch(c -> c.id().equals(collectorId))) {
            throw AssignmentProblem.refused("collectorId", "assignment.collector_unknown");
        }
        CaseWeight weight = profiles.weights(candidate.institution(), List.of(caseId),
                profiles.today(candidate.institution(), now)).stream().findFirst()
                .orElseThrow(AssignmentProblem::caseNotFound);
        Planned planned = new Planned(candidate.placement(), caseId, weight.borrowerId(), weight.outstanding(),
                candidate.collector(), collectorId);
        List<Taker> takers = List.of(new Taker(collectorId, null, null));
        if (!planned.isNew() && !planned.moves()) {
            return outcome(agency, false, null, List.of(planned), takers, 0, 0, 0);
        }
        if (planned.moves() && why == null) {
            throw AssignmentProblem.refused("reason", "assignment.reason_required");
        }
        AssignmentStore.Written written = store.write(agency, List.of(planned), newIds(1, now), why, admin.userId(), now);
        int skipped = 1 - written.assigned() - written.reassigned();
        events.publishEvent(new AssignmentEvent.CasesAssigned(agency, "case/" + caseId + "/assignment", null, false,
                written.assigned(), written.reassigned(), skipped, 0, why, admin.actor()));
        return outcome(agency, false, null, List.of(planned), takers, written.assigned(), written.reassigned(), skipped);
    }

    /**
     * The collectors taking part, in order: those named (each an enabled collector of the agency, once), else every
     * enabled collector of the agency; with the percentages and capacities the mode needs.
     */
    private static List<Taker> takers(List<Colleague> enabled, AssignCases request, FieldChecks checks) {
        Set<UUID> known = enabled.stream().map(Colleague::id).collect(Collectors.toSet());
        List<Taker> takers = new ArrayList<>();
        if (request.collectors() == null || request.collectors().isEmpty()) {
            enabled.forEach(colleague -> takers.add(new Taker(colleague.id(), null, null)));
        } else {
            Set<UUID> seen = new HashSet<>();
            for (AssignCases.Share share : request.collectors()) {
                if (share == null || share.collectorId() == null) {
                    checks.reject("collectors", "required");
                    continue;
                }
                if (!known.contains(share.collectorId())) {
                    checks.reject("collectors", "assignment.collector_unknown");
                    continue;
                }
                if (!seen.add(share.collectorId())) {
                    checks.reject("collectors", "assignment.collector_repeated");
                    continue;
                }
                takers.add(new Taker(share.collectorId(), share.percent(), share.capacity()));
            }
        }
        if (takers.isEmpty() && !checks.hasError("collectors")) {
            checks.reject("collectors", "assignment.no_collectors");
        }
        if (request.mode() == AssignmentMode.PERCENT) {
            boolean all = takers.stream().allMatch(t -> t.percent() != null && t.percent().signum() >= 0);
            checks.check("collectors", all, "assignment.percent_required");
            if (all && !takers.isEmpty()) {
                BigDecimal total = takers.stream().map(Taker::percent).reduce(BigDecimal.ZERO, BigDecimal::add);
                checks.check("collectors", total.compareTo(HUNDRED) == 0, "assignment.percent_total");
            }
        }
        if (request.mode() == AssignmentMode.CAPACITY) {
            checks.check("collectors", takers.stream().allMatch(t -> t.capacity() != null && t.capacity() >= 0),
                    "assignment.capacity_required");
        }
        return takers;
    }

    /**
     * What the plan needs of the candidates (borrower, outstanding), read from each institution's cases in one
     * query each; only cases still within their placement's last day, and in the chosen buckets.
     */
    private List<Chosen> weigh(List<Candidate> candidates, @Nullable List<String> buckets, Instant now) {
        Set<String> wanted = buckets == null ? Set.of()
                : buckets.stream().filter(Objects::nonNull).map(String::strip).collect(Collectors.toSet());
        Map<UUID, List<Candidate>> byInstitution = candidates.stream()
                .collect(Collectors.groupingBy(Candidate::institution, LinkedHashMap::new, Collectors.toList()));
        List<Chosen> chosen = new ArrayList<>();
        byInstitution.forEach((institution, theirs) -> {
            LocalDate today = profiles.today(institution, now);
            List<Candidate> readable = theirs.stream().filter(c -> !today.isAfter(c.until())).toList();
            Map<UUID, CaseWeight> weights = new HashMap<>();
            profiles.weights(institution, readable.stream().map(Candidate::caseId).toList(), today)
                    .forEach(weight -> weights.put(weight.id(), weight));
            for (Candidate candidate : readable) {
                CaseWeight weight = weights.get(candidate.caseId());
                if (weight != null && (wanted.isEmpty() || wanted.contains(weight.bucket()))) {
                    chosen.add(new Chosen(candidate, weight.borrowerId(), weight.outstanding()));
                }
            }
        });
        return chosen;
    }

    private AssignmentOutcome outcome(UUID agency, boolean preview, @Nullable AssignmentMode mode, List<Planned> plan,
            List<Taker> takers, int assigned, int reassigned, int skipped) {
        Map<UUID, int[]> cases = new LinkedHashMap<>();
        Map<UUID, BigDecimal> outstanding = new HashMap<>();
        takers.forEach(taker -> cases.put(taker.collector(), new int[1]));
        int news = 0;
        int moves = 0;
        int unchanged = 0;
        int left = 0;
        for (Planned planned : plan) {
            if (planned.to() == null) {
                left++;
                continue;
            }
            if (planned.isNew()) {
                news++;
            } else if (planned.moves()) {
                moves++;
            } else {
                unchanged++;
            }
            cases.computeIfAbsent(planned.to(), key -> new int[1])[0]++;
            outstanding.merge(planned.to(), planned.outstanding(), BigDecimal::add);
        }
        Map<UUID, Long> held = store.heldOutside(agency, List.copyOf(cases.keySet()),
                plan.stream().map(Planned::placement).toList());
        Map<UUID, String> names = directory.usernames(cases.keySet());
        List<AssignmentOutcome.CollectorLoad> loads = new ArrayList<>();
        cases.forEach((collector, count) -> loads.add(new AssignmentOutcome.CollectorLoad(collector,
                names.get(collector), count[0], outstanding.getOrDefault(collector, BigDecimal.ZERO).setScale(2,
                        RoundingMode.HALF_UP), held.getOrDefault(collector, 0L))));
        return new AssignmentOutcome(preview, mode, plan.size(),
                preview ? news : assigned, preview ? moves : reassigned, unchanged, left, skipped, loads);
    }

    private List<UUID> newIds(int count, Instant now) {
        TimeOrderedIds.Sequence sequence = ids.sequence(now.toEpochMilli());
        List<UUID> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(sequence.next());
        }
        return list;
    }
}
