package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.recourse.cases.CaseStatus;
import org.recourse.cases.CaseViews.ContactKind;
import org.recourse.cases.CaseViews.ContactOwner;
import org.recourse.cases.CaseViews.ContactPoint;
import org.recourse.cases.CaseViews.Hold;
import org.recourse.cases.ContactTargets.ContactTarget;
import org.recourse.cases.HoldKind;
import org.recourse.shared.ContactChannel;

/**
 * Rules as functions of what a decision is made from: the paths the API cannot reach yet (an agency's
 * contact needs placements) and the exact reading of holds, checked without a database.
 */
class ContactRulesTests {

    private static final Instant TEN = LocalDate.of(2026, 11, 25).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai"))
            .toInstant();
    private final Policy chinese = new Policy(new PolicyPacks().get(PolicyPacks.DEFAULT_PACK), 0, Map.of());
    private final ContactPoint mobile = new ContactPoint(UUID.randomUUID(), ContactKind.MOBILE, ContactOwner.BORROWER,
            null, "138****8000", "INTAKE");

    @Test
    void anAgencyContactsOnlyABorrowerToldOfTheEntrustment() {
        assertThat(outcome(context(List.of(), ContactChannel.VOICE, true, false), "OUTSOURCING_NOTICE"))
                .isEqualTo(RuleOutcome.FAIL);
        assertThat(outcome(context(List.of(), ContactChannel.VOICE, true, true), "OUTSOURCING_NOTICE"))
                .isEqualTo(RuleOutcome.PASS);
        assertThat(outcome(context(List.of(), ContactChannel.VOICE, false, false), "OUTSOURCING_NOTICE"))
                .isEqualTo(RuleOutcome.NOT_APPLICABLE);
    }

    @Test
    void aCeaseHoldStopsItsChannelOrAllAndOtherHoldsStopAll() {
        Hold smsOnly = hold(HoldKind.CEASE_CONTACT, ContactChannel.SMS);
        Hold everything = hold(HoldKind.CEASE_CONTACT, null);
        Hold vulnerable = hold(HoldKind.VULNERABLE, null);

        assertThat(outcome(context(List.of(smsOnly), ContactChannel.SMS, false, false), "HOLD")).isEqualTo(RuleOutcome.FAIL);
        assertThat(outcome(context(List.of(smsOnly), ContactChannel.VOICE, false, false), "HOLD")).isEqualTo(RuleOutcome.PASS);
        assertThat(outcome(context(List.of(everything), ContactChannel.LETTER, false, false), "HOLD"))
                .isEqualTo(RuleOutcome.FAIL);
        assertThat(outcome(context(List.of(vulnerable), ContactChannel.VISIT, false, false), "HOLD"))
                .isEqualTo(RuleOutcome.FAIL);
    }

    private DecisionContext context(List<Hold> holds, ContactChannel channel, boolean byAgency, boolean notified) {
        ContactTarget target = new ContactTarget(UUID.randomUUID(), UUID.randomUUID(), CaseStatus.ACTIVE, mobile,
                List.of(mobile.id()), holds);
        return new DecisionContext(chinese, target, mobile, channel, Purpose.COLLECT, byAgency, notified, true, 1, TEN,
                new LedgerFacts(List.of(), false, false, false, false, false));
    }

    private static Hold hold(HoldKind kind, ContactChannel channel) {
        return new Hold(UUID.randomUUID(), kind, "借款人要求", LocalDate.of(2026, 11, 1), null, true, TEN, null, null, channel);
    }

    private static RuleOutcome outcome(DecisionContext context, String rule) {
        return ContactRules.ALL.stream().flatMap(candidate -> candidate.evaluate(context).stream())
                .filter(result -> result.rule().equals(rule)).findFirst().orElseThrow().outcome();
    }
}
