package org.recourse.compliance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseViews.ContactOwner;
import org.recourse.cases.CaseViews.ContactPoint;
import org.recourse.cases.ContactTargets;
import org.recourse.cases.ContactTargets.ContactTarget;
import org.recourse.compliance.ContactLedger.Attempt;
import org.recourse.compliance.ContactLedger.DecisionReading;
import org.recourse.compliance.ContactLedger.LiveDecision;
import org.recourse.compliance.DecisionStore.StoredDecision;
import org.recourse.compliance.DecisionView.PolicyRef;
import org.recourse.compliance.DecisionView.RuleView;
import org.recourse.registry.Colleagues;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.ContactChannel;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.PersonalDataCipher;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides every outbound contact before it happens and records what came of it. A decision runs every
 * rule of the institution's policy against the case, the contact point and the ledger, under the
 * borrower's lock; an ALLOW holds its slot until the attempt is recorded or it lapses. An outbound
 * attempt is recorded only against a live ALLOW, so the ledger cannot be bypassed.
 */
@Service
@PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COLLECTOR', 'AGENCY_ADMIN')")
public class ComplianceDesk {

    private static final int MAX_NOTE = 2_000;
    private static final int MAX_COMPANIONS = 5;

    private final ContactTargets targets;
    private final PolicyStore policies;
    private final ContactLedger ledger;
    private final DecisionStore decisions;
    private final OutboundNumbers numbers;
    private final Colleagues colleagues;
    private final PersonalDataCipher cipher;
    private final MessageSource messages;
    private final ComplianceProperties properties;
    private final Callers callers;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    ComplianceDesk(ContactTargets targets, PolicyStore policies, ContactLedger ledger, DecisionStore decisions,
            OutboundNumbers numbers, Colleagues colleagues, PersonalDataCipher cipher, MessageSource messages,
            ComplianceProperties properties, Callers callers, ApplicationEventPublisher events, Clock clock) {
        this.targets = targets;
        this.policies = policies;
        this.ledger = ledger;
        this.decisions = decisions;
        this.numbers = numbers;
        this.colleagues = colleagues;
        this.cipher = cipher;
        this.messages = messages;
        this.properties = properties;
        this.callers = callers;
        this.events = events;
        this.clock = clock;
    }

    /** A request for a decision; the caller's organisation and user come from authentication. */
    public record DecisionRequest(@Nullable UUID caseId, @Nullable UUID contactPointId, @Nullable ContactChannel channel,
            @Nullable Purpose purpose, @Nullable String callerNumber, @Nullable List<UUID> companions) {
    }

    @Transactional
    public DecisionView decide(SignedInUser user, DecisionRequest request, Locale locale) {
        FieldChecks checks = new FieldChecks();
        checks.check("caseId", request.caseId() != null, "required");
        checks.check("contactPointId", request.contactPointId() != null, "required");
        checks.check("channel", request.channel() != null, "required");
        checks.check("purpose", request.purpose() != null, "required");
        List<UUID> companions = request.companions() == null ? List.of() : request.companions();
        checks.check("companions", companions.size() <= MAX_COMPANIONS, "too_many");
        if (checks.hasErrors()) {
            throw ComplianceProblem.invalid(checks.errors());
        }
        Instant now = clock.instant();
        Callers.Caller caller = callers.of(user, request.caseId(), now);
        UUID institution = caller.institution();
        // The policy as this instance last read it; the ledger's read says whether it is still the one in force.
        Policy policy = policies.remembered(institution);
        ZoneId zone = policy.pack().primaryZone();
        LocalDate day = now.atZone(zone).toLocalDate();
        byte @Nullable [] numberHash = request.callerNumber() == null ? null : numbers.hashOf(request.callerNumber());
        // The case, the borrower's lock and the ledger in one round trip (the lock's key from the case's borrower).
        DecisionReading reading = ledger.lockAndRead(institution, request.caseId(), request.contactPointId(), day, now,
                user.organisationId(), numberHash);
        ContactTarget target = reading.target().orElseThrow(ComplianceProblem::caseNotFound);
        ContactPoint point = target.point();
        if (point == null) {
            throw ComplianceProblem.unknownContactPoint();
        }
        if (reading.overlayVersion() != policy.overlayVersion()) {
            policy = policies.reread(institution);
            zone = policy.pack().primaryZone();
            if (!now.atZone(zone).toLocalDate().equals(day)) {
                // The new overlay counts the day in another zone: the ledger again, for that day (the lock is held).
                day = now.atZone(zone).toLocalDate();
                reading = ledger.reread(institution, target, day, now, user.organisationId(), numberHash);
            }
        }
        LedgerFacts facts = ledger.facts(institution, reading, target, point.id(), point.owner(), day);
        Boolean registered = request.callerNumber() == null ? null : reading.numberRegistered();
        Set<UUID> others = new HashSet<>(companions);
        others.remove(user.userId());
        int collectors = 1 + colleagues.enabledAmong(user.organisationId(), others).size();
        DecisionContext context = new DecisionContext(policy, target, point, request.channel(), request.purpose(),
                caller.byAgency(), caller.entrustmentNotified(), registered, collectors, now, facts);
        List<RuleResult> results = ContactRules.ALL.stream().map(rule -> rule.evaluate(context))
                .flatMap(Optional::stream).toList();
        boolean allow = results.stream().noneMatch(result -> result.outcome() == RuleOutcome.FAIL);
        StoredDecision decision = new StoredDecision(ids.next(now.toEpochMilli()), institution, target.caseId(),
                target.borrowerId(), point.id(), request.channel().name(), request.purpose().name(),
                user.organisationId(), user.userId(), allow ? "ALLOW" : "DENY", policy.pack().id(),
                policy.pack().version(), policy.overlayVersion(), now, now.atZone(zone).toLocalDateTime(), zone.getId(),
                day, results, inputs(context, companions), allow ? null : nextAllowedAt(results),
                allow ? now.plus(properties.reservation()) : null);
        // The answer first: once the decision is written (and, in its own transaction, committed) nothing may fail.
        DecisionView view = view(decision, policy, locale);
        decisions.insertLast(decision);
        return view;
    }

    /** A past decision, explained exactly as it was made (its pack version, its inputs, its rules). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COLLECTOR', 'AGENCY_ADMIN', 'COMPLIANCE_OFFICER')")
    public DecisionView explain(SignedInUser user, UUID decision, Locale locale) {
        UUID institution = institutionOfDecision(user, decision);
        StoredDecision stored = institution == null ? null : decisions.find(institution, decision);
        if (stored == null) {
            throw ComplianceProblem.decisionNotFound();
        }
        return view(stored, null, locale);
    }

    /** What happened on a contact. Outbound: against the live ALLOW it used. Inbound: the borrower got in touch. */
    public record AttemptRequest(@Nullable String direction, @Nullable UUID decisionId, @Nullable UUID caseId,
            @Nullable UUID contactPointId, @Nullable ContactChannel channel, @Nullable AttemptResult result,
            @Nullable Integer durationSeconds, @Nullable String note) {
    }

    /** A recorded attempt. */
    public record AttemptView(UUID attemptId, String direction, @Nullable UUID decisionId, UUID caseId,
            UUID contactPointId, String channel, String result, Instant recordedAt) {
    }

    @Transactional
    public AttemptView record(SignedInUser user, AttemptRequest request) {
        boolean inbound = "INBOUND".equals(request.direction());
        FieldChecks checks = new FieldChecks();
        checks.check("direction", request.direction() == null || inbound || "OUTBOUND".equals(request.direction()),
                "contact_attempt.direction_unknown");
        checks.check("result", request.result() != null, "required");
        checks.check("durationSeconds", request.durationSeconds() == null
                || request.durationSeconds() >= 0 && request.durationSeconds() <= 86_400, "contact_attempt.duration_range");
        String note = checks.optionalText("note", request.note(), MAX_NOTE);
        if (inbound) {
            checks.check("caseId", request.caseId() != null, "required");
            checks.check("contactPointId", request.contactPointId() != null, "required");
            checks.check("channel", request.channel() != null, "required");
        } else {
            checks.check("decisionId", request.decisionId() != null, "required");
        }
        if (checks.hasErrors()) {
            throw ComplianceProblem.invalid(checks.errors());
        }
        Instant now = clock.instant();
        if (inbound) {
            // The borrower called the institution, or an agency about a case placed with it now.
            return recordInbound(user, callers.of(user, request.caseId(), now).institution(), request, note, now);
        }
        // An agency's attempt is filed against its own live ALLOW, granted while the case was placed with it; a
        // recall since then does not unmake a call already made, so the outcome is still recorded.
        UUID institution = institutionOfDecision(user, request.decisionId());
        if (institution == null) {
            throw ComplianceProblem.noLiveDecision();
        }
        return recordOutbound(user, institution, request, note, now);
    }

    private AttemptView recordOutbound(SignedInUser user, UUID institution, AttemptRequest request, @Nullable String note,
            Instant now) {
        // Under the borrower's lock: a racing record of the same decision has committed or not by now.
        LiveDecision decision = ledger.lockedDecision(institution, request.decisionId());
        boolean live = decision != null && "ALLOW".equals(decision.outcome()) && !decision.used()
                && decision.validUntil() != null && decision.validUntil().isAfter(now)
                && decision.actorOrganisation().equals(user.organisationId());
        if (!live) {
            throw ComplianceProblem.noLiveDecision();
        }
        if (!request.result().fits(decision.channel())) {
            throw ComplianceProblem.resultNotForChannel(request.result(), decision.channel().name());
        }
        // The day is counted in the zone the decision counted it in (stored with it): no policy to read again.
        Attempt attempt = new Attempt(ids.next(now.toEpochMilli()), institution, decision.accountId(),
                decision.borrowerId(), decision.contactPointId(), decision.id(), "OUTBOUND", decision.channel(),
                request.result(), request.durationSeconds(), note == null ? null : cipher.encrypt(note),
                user.organisationId(), user.userId(), now, now.atZone(decision.zone()).toLocalDate());
        try {
            ledger.record(attempt);
        } catch (DuplicateKeyException e) {
            throw ComplianceProblem.noLiveDecision();
        }
        learn(institution, attempt, decision.pointOwner());
        events.publishEvent(new OutboundAttemptRecorded(institution, decision.id(), attempt.id(), attempt.accountId(),
                attempt.result(), now));
        return view(attempt);
    }

    private AttemptView recordInbound(SignedInUser user, UUID institution, AttemptRequest request, @Nullable String note,
            Instant now) {
        ContactTarget target = targets.find(institution, request.caseId(), request.contactPointId(), now)
                .orElseThrow(ComplianceProblem::caseNotFound);
        ContactPoint point = target.point();
        if (point == null) {
            throw ComplianceProblem.unknownContactPoint();
        }
        if (!request.result().fits(request.channel())) {
            throw ComplianceProblem.resultNotForChannel(request.result(), request.channel().name());
        }
        Policy policy = policies.policyOf(institution);
        Attempt attempt = new Attempt(ids.next(now.toEpochMilli()), institution, target.caseId(), target.borrowerId(),
                point.id(), null, "INBOUND", request.channel(), request.result(), request.durationSeconds(),
                note == null ? null : cipher.encrypt(note), user.organisationId(), user.userId(), now,
                now.atZone(policy.pack().primaryZone()).toLocalDate());
        ledger.record(attempt);
        learn(institution, attempt, point.owner().name());
        return view(attempt);
    }

    /** A wrong number is not dialled again; a third party who refused is not contacted again (CN-13). */
    private void learn(UUID institution, Attempt attempt, String owner) {
        if (attempt.result() == AttemptResult.WRONG_NUMBER) {
            ledger.markInvalid(institution, attempt.borrowerId(), attempt.contactPointId(), attempt.occurredAt());
        }
        if (attempt.result() == AttemptResult.REJECTED && ContactOwner.THIRD_PARTY.name().equals(owner)) {
            ledger.markRefused(institution, attempt.borrowerId(), attempt.contactPointId(), attempt.occurredAt());
        }
    }

    private static AttemptView view(Attempt attempt) {
        return new AttemptView(attempt.id(), attempt.direction(), attempt.decisionId(), attempt.accountId(),
                attempt.contactPointId(), attempt.channel().name(), attempt.result().name(), attempt.occurredAt());
    }

    /**
     * The institution a decision is filed under, as far as the caller may know it: an institution's users see
     * its own decisions; an agency's users only those the agency's people asked for (an agency may have been
     * told the outcome, not anyone else's). Null when the caller may not see the decision.
     */
    private @Nullable UUID institutionOfDecision(SignedInUser user, UUID decision) {
        if (user.organisationKind() == OrganisationKind.INSTITUTION) {
            return user.organisationId();
        }
        if (user.organisationKind() == OrganisationKind.AGENCY) {
            return decisions.institutionOfAgencyDecision(user.organisationId(), decision);
        }
        return null;
    }

    /** When every failing rule will have passed, if time alone cures them all; null if any needs more than time. */
    private static @Nullable Instant nextAllowedAt(List<RuleResult> results) {
        Instant latest = null;
        for (RuleResult result : results) {
            if (result.outcome() != RuleOutcome.FAIL) {
                continue;
            }
            if (result.nextAllowedAt() == null) {
                return null;
            }
            latest = latest == null || result.nextAllowedAt().isAfter(latest) ? result.nextAllowedAt() : latest;
        }
        return latest;
    }

    /** What the decision was made from, as stored with it; no personal data (contact points by id and kind). */
    private static Map<String, Object> inputs(DecisionContext context, List<UUID> companions) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("caseStatus", context.target().status().name());
        inputs.put("pointKind", context.point().kind().name());
        inputs.put("pointOwner", context.point().owner().name());
        inputs.put("activeHolds", context.target().activeHolds().stream()
                .map(hold -> hold.kind() + (hold.channel() == null ? "" : ":" + hold.channel())).toList());
        inputs.put("callerNumberRegistered", context.callerNumberRegistered() == null ? "NOT_GIVEN"
                : context.callerNumberRegistered().toString());
        inputs.put("companions", companions.stream().map(UUID::toString).toList());
        inputs.put("collectors", context.collectors());
        inputs.put("byAgency", context.byAgency());
        inputs.put("entrustmentNotified", context.entrustmentNotified());
        LedgerFacts facts = context.ledger();
        inputs.put("ledgerToday", facts.today().stream()
                .map(entry -> entry.channel() + ":" + (entry.reservation() ? "RESERVED" : entry.result())
                        + ":" + entry.contactPointId()).toList());
        inputs.put("pointInvalid", facts.pointInvalid());
        inputs.put("pointRefused", facts.pointRefused());
        inputs.put("borrowerPhonesAllInvalid", facts.borrowerPhonesAllInvalid());
        inputs.put("threeConsecutiveFailedCalls", facts.threeConsecutiveFailedCalls());
        inputs.put("threeDaysUnreachable", facts.threeDaysUnreachable());
        return inputs;
    }

    private DecisionView view(StoredDecision decision, @Nullable Policy policy, Locale locale) {
        String prefix = policy != null ? policy.pack().rulePrefix() : policies.prefixOf(decision.pack());
        List<RuleView> rules = new ArrayList<>();
        for (RuleResult rule : decision.rules()) {
            // Arguments that are codes (a hold kind, a condition) are read in the reader's language too.
            Object[] arguments = rule.arguments().stream()
                    .map(argument -> messages.getMessage("compliance.term." + argument, null, argument, locale)).toArray();
            rules.add(new RuleView(prefix + "." + rule.rule(), rule.outcome().name(),
                    messages.getMessage(rule.messageKey(), arguments, rule.messageKey(), locale),
                    rule.source(), rule.nextAllowedAt()));
        }
        return new DecisionView(decision.id(), decision.outcome(),
                new PolicyRef(decision.pack(), decision.packVersion(), decision.overlayVersion()), decision.evaluatedAt(),
                decision.borrowerLocalTime(), decision.borrowerZone(), decision.accountId(), decision.contactPointId(),
                decision.channel(), decision.purpose(), rules, decision.nextAllowedAt(), decision.validUntil());
    }
}
