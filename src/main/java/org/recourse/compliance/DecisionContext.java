package org.recourse.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseViews.ContactPoint;
import org.recourse.cases.ContactTargets.ContactTarget;
import org.recourse.shared.ContactChannel;

/**
 * Everything a decision is made from. Rules are functions of this alone, so a decision can be explained
 * (and re-evaluated) from what was stored with it.
 *
 * @param byAgency whether the caller works for an agency rather than the institution itself
 * @param callerNumberRegistered whether the number called from is registered; null when none was given
 * @param collectors how many collectors a visit would take (the caller and the companions named)
 */
record DecisionContext(Policy policy, ContactTarget target, ContactPoint point, ContactChannel channel,
        Purpose purpose, boolean byAgency, boolean entrustmentNotified, @Nullable Boolean callerNumberRegistered,
        int collectors, Instant now, LedgerFacts ledger) {

    ZoneId zone() {
        return policy.pack().primaryZone();
    }

    LocalDate localDay() {
        return now.atZone(zone()).toLocalDate();
    }

    /** When the borrower's next day opens for contact: the end of its quiet hours, or midnight without any. */
    Instant nextDayOpens() {
        LocalTime opens = policy.time(PolicyParameter.QUIET_TO).orElse(LocalTime.MIDNIGHT);
        return localDay().plusDays(1).atTime(opens).atZone(zone()).toInstant();
    }
}
