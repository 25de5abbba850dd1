package org.recourse.compliance;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import org.recourse.cases.CaseViews.ContactOwner;
import org.recourse.cases.CaseViews.Hold;
import org.recourse.cases.HoldKind;
import org.recourse.compliance.LedgerFacts.Entry;
import org.recourse.shared.ContactChannel;

/**
 * The rules every contact attempt passes, in the order decisions list them. Each is a function of the
 * {@link DecisionContext}; a rule whose parameter the pack does not have is left out of the decision
 * altogether (the US pack has no per-number cap), one that does not concern the attempt says
 * NOT_APPLICABLE. Rule names follow the issue and COMPLIANCE.md; ids add the pack's prefix.
 */
final class ContactRules {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final String HOLD_SOURCE = "Holds on the case: dispute, request to stop, deceased, legal, vulnerability"
            + " (COMPLIANCE.md §B.1; PIPL art. 44-47; 民法典 1033)";
    private static final String CASE_SOURCE = "A closed case is not collected (Recourse case lifecycle)";
    private static final String POINT_SOURCE = "A number found wrong is not dialled again (CN-05 harassment; CN-21 NUMBER_INVALID)";

    /** One rule. */
    interface ContactRule {
        /** The verdict, or empty when the policy has no such rule. */
        Optional<RuleResult> evaluate(DecisionContext context);
    }

    /** Every rule's name, in the order decisions list them; the decision log offers them as filters. */
    static final List<String> NAMES = List.of("CASE_OPEN", "HOLD", "CONTACT_POINT_VALID", "QUIET_HOURS",
            "CONVERSATIONS_PER_DAY", "UNANSWERED_PER_NUMBER_PER_DAY", "CALL_ATTEMPTS_PER_DAY", "SMS_PER_DAY",
            "VISITS_PER_DAY", "THIRD_PARTY", "OUTSOURCING_NOTICE", "VISIT_TWO_COLLECTORS", "OUTBOUND_NUMBER");

    static final List<ContactRule> ALL = List.of(
            ContactRules::caseOpen,
            ContactRules::hold,
            ContactRules::contactPointValid,
            ContactRules::quietHours,
            new DailyCap("CONVERSATIONS_PER_DAY", PolicyParameter.CONVERSATIONS_PER_DAY, ContactChannel::isCall,
                    (entry, context) -> entry.channel().isCall()
                            && (entry.reservation() || entry.result() == AttemptResult.CONNECTED)),
            new DailyCap("UNANSWERED_PER_NUMBER_PER_DAY", PolicyParameter.UNANSWERED_PER_NUMBER_PER_DAY,
                    ContactChannel::isCall,
                    (entry, context) -> entry.channel().isCall() && entry.contactPointId().equals(context.point().id())
                            && (entry.reservation() || entry.result().unanswered())),
            new DailyCap("CALL_ATTEMPTS_PER_DAY", PolicyParameter.CALL_ATTEMPTS_PER_DAY, ContactChannel::isCall,
                    (entry, context) -> entry.channel().isCall()),
            new DailyCap("SMS_PER_DAY", PolicyParameter.SMS_PER_DAY, channel -> channel == ContactChannel.SMS,
                    (entry, context) -> entry.channel() == ContactChannel.SMS
                            && (entry.reservation() || entry.result().sent())),
            new DailyCap("VISITS_PER_DAY", PolicyParameter.VISITS_PER_DAY, channel -> channel == ContactChannel.VISIT,
                    (entry, context) -> entry.channel() == ContactChannel.VISIT),
            ContactRules::thirdParty,
            ContactRules::outsourcingNotice,
            ContactRules::visitTwoCollectors,
            ContactRules::outboundNumber);

    private ContactRules() {
    }

    private static Optional<RuleResult> caseOpen(DecisionContext context) {
        return Optional.of(context.target().status().closed()
                ? RuleResult.fail("CASE_OPEN", CASE_SOURCE, null, context.target().status().name())
                : RuleResult.pass("CASE_OPEN", CASE_SOURCE));
    }

    /** A dispute, deceased, legal, vulnerability or institution hold stops everything; a cease hold its channel. */
    private static Optional<RuleResult> hold(DecisionContext context) {
        for (Hold hold : context.target().activeHolds()) {
            boolean stops = hold.kind() != HoldKind.CEASE_CONTACT || hold.channel() == null
                    || hold.channel() == context.channel();
            if (stops) {
                return Optional.of(RuleResult.fail("HOLD", HOLD_SOURCE, null, hold.kind().name()));
            }
        }
        return Optional.of(RuleResult.pass("HOLD", HOLD_SOURCE));
    }

    private static Optional<RuleResult> contactPointValid(DecisionContext context) {
        return Optional.of(context.ledger().pointInvalid()
                ? RuleResult.fail("CONTACT_POINT_VALID", POINT_SOURCE, null)
                : RuleResult.pass("CONTACT_POINT_VALID", POINT_SOURCE));
    }

    /**
     * No contact in the quiet hours of the borrower's local time; where the borrower may be in several zones,
     * in none of them (the strictest reading). A refusal says when the quiet hours end everywhere.
     */
    private static Optional<RuleResult> quietHours(DecisionContext context) {
        Policy policy = context.policy();
        Optional<LocalTime> from = policy.time(PolicyParameter.QUIET_FROM);
        Optional<LocalTime> to = policy.time(PolicyParameter.QUIET_TO);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        String source = policy.source(PolicyParameter.QUIET_FROM);
        Instant opens = null;
        ZonedDateTime quietAt = null;
        for (ZoneId zone : policy.pack().zones()) {
            ZonedDateTime local = context.now().atZone(zone);
            if (quiet(local.toLocalTime(), from.get(), to.get())) {
                ZonedDateTime end = local.with(to.get());
                if (!end.isAfter(local)) {
                    end = end.plusDays(1);
                }
                opens = opens == null || end.toInstant().isAfter(opens) ? end.toInstant() : opens;
                quietAt = quietAt == null ? local : quietAt;
            }
        }
        String window = CLOCK.format(from.get()) + "–" + CLOCK.format(to.get());
        if (quietAt == null) {
            return Optional.of(RuleResult.pass("QUIET_HOURS", source,
                    CLOCK.format(context.now().atZone(context.zone())), window));
        }
        return Optional.of(RuleResult.fail("QUIET_HOURS", source, opens, CLOCK.format(quietAt), window,
                quietAt.getZone().getId()));
    }

    static boolean quiet(LocalTime time, LocalTime from, LocalTime to) {
        return from.isAfter(to) ? !time.isBefore(from) || time.isBefore(to) : !time.isBefore(from) && time.isBefore(to);
    }

    /**
     * A third party (an emergency contact the borrower named) only to restore contact, only while the borrower
     * cannot be reached under one of the pack's conditions, never after they asked not to be called again.
     */
    private static Optional<RuleResult> thirdParty(DecisionContext context) {
        Policy policy = context.policy();
        if (policy.value(PolicyParameter.THIRD_PARTY_ONLY_IF).isEmpty()) {
            return Optional.empty();
        }
        String source = policy.source(PolicyParameter.THIRD_PARTY_ONLY_IF);
        if (context.point().owner() != ContactOwner.THIRD_PARTY) {
            return Optional.of(RuleResult.notApplicable("THIRD_PARTY", source));
        }
        if (context.purpose() != Purpose.RESTORE_CONTACT) {
            return Optional.of(RuleResult.fail("THIRD_PARTY", source, null, "PURPOSE"));
        }
        if (policy.required(PolicyParameter.THIRD_PARTY_STOP_ON_REFUSAL) && context.ledger().pointRefused()) {
            return Optional.of(RuleResult.fail("THIRD_PARTY", source, null, "REFUSED"));
        }
        LedgerFacts ledger = context.ledger();
        for (String condition : policy.conditions(PolicyParameter.THIRD_PARTY_ONLY_IF).stream().sorted().toList()) {
            boolean holds = switch (condition) {
                case "NUMBER_INVALID" -> ledger.borrowerPhonesAllInvalid();
                case "THREE_CONSECUTIVE_FAILED_CALLS" -> ledger.threeConsecutiveFailedCalls();
                case "THREE_CONSECUTIVE_DAYS_UNREACHABLE" -> ledger.threeDaysUnreachable();
                default -> false;
            };
            if (holds) {
                return Optional.of(RuleResult.pass("THIRD_PARTY", source, condition));
            }
        }
        return Optional.of(RuleResult.fail("THIRD_PARTY", source, null, "REACHABLE"));
    }

    private static Optional<RuleResult> outsourcingNotice(DecisionContext context) {
        Policy policy = context.policy();
        if (!policy.required(PolicyParameter.OUTSOURCING_NOTICE)) {
            return Optional.empty();
        }
        String source = policy.source(PolicyParameter.OUTSOURCING_NOTICE);
        if (!context.byAgency()) {
            return Optional.of(RuleResult.notApplicable("OUTSOURCING_NOTICE", source));
        }
        return Optional.of(context.entrustmentNotified() ? RuleResult.pass("OUTSOURCING_NOTICE", source)
                : RuleResult.fail("OUTSOURCING_NOTICE", source, null));
    }

    private static Optional<RuleResult> visitTwoCollectors(DecisionContext context) {
        Optional<Integer> least = context.policy().count(PolicyParameter.VISIT_MIN_COLLECTORS);
        if (least.isEmpty()) {
            return Optional.empty();
        }
        String source = context.policy().source(PolicyParameter.VISIT_MIN_COLLECTORS);
        if (context.channel() != ContactChannel.VISIT) {
            return Optional.of(RuleResult.notApplicable("VISIT_TWO_COLLECTORS", source));
        }
        String[] arguments = {Integer.toString(context.collectors()), Integer.toString(least.get())};
        return Optional.of(context.collectors() >= least.get() ? RuleResult.pass("VISIT_TWO_COLLECTORS", source, arguments)
                : RuleResult.fail("VISIT_TWO_COLLECTORS", source, null, arguments));
    }

    private static Optional<RuleResult> outboundNumber(DecisionContext context) {
        Policy policy = context.policy();
        if (!policy.required(PolicyParameter.REGISTERED_NUMBERS_ONLY)) {
            return Optional.empty();
        }
        String source = policy.source(PolicyParameter.REGISTERED_NUMBERS_ONLY);
        ContactChannel channel = context.channel();
        if (!channel.isCall() && channel != ContactChannel.SMS) {
            return Optional.of(RuleResult.notApplicable("OUTBOUND_NUMBER", source));
        }
        Boolean registered = context.callerNumberRegistered();
        if (registered == null) {
            return Optional.of(RuleResult.fail("OUTBOUND_NUMBER", source, null, "MISSING"));
        }
        return Optional.of(registered ? RuleResult.pass("OUTBOUND_NUMBER", source)
                : RuleResult.fail("OUTBOUND_NUMBER", source, null, "UNREGISTERED"));
    }

    /**
     * A cap per borrower's local day, counting the day's attempts that count and the live reservations, so
     * that two collectors (or two agencies) cannot both take the last slot. Refused because of reservations,
     * it says when the earliest of them lapses; because of attempts, when the next day opens.
     */
    private record DailyCap(String rule, PolicyParameter parameter, Predicate<ContactChannel> concerns,
            BiPredicate<Entry, DecisionContext> counts) implements ContactRule {

        @Override
        public Optional<RuleResult> evaluate(DecisionContext context) {
            Optional<Integer> cap = context.policy().count(parameter);
            if (cap.isEmpty()) {
                return Optional.empty();
            }
            String source = context.policy().source(parameter);
            if (!concerns.test(context.channel())) {
                return Optional.of(RuleResult.notApplicable(rule, source));
            }
            List<Entry> counted = context.ledger().today().stream().filter(entry -> counts.test(entry, context)).toList();
            long done = counted.stream().filter(entry -> !entry.reservation()).count();
            long reserved = counted.size() - done;
            String[] arguments = {Long.toString(done), Long.toString(reserved), Integer.toString(cap.get())};
            if (done + reserved < cap.get()) {
                return Optional.of(RuleResult.pass(rule, source, arguments));
            }
            Instant next = done >= cap.get() ? context.nextDayOpens()
                    : counted.stream().map(Entry::reservedUntil).filter(Objects::nonNull)
                            .min(Comparator.naturalOrder()).orElse(context.nextDayOpens());
            return Optional.of(RuleResult.fail(rule, source, next, arguments));
        }
    }
}
