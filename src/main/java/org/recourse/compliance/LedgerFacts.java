package org.recourse.compliance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.ContactChannel;

/**
 * What the contact ledger knows when a decision is made, read while the borrower's lock is held: the
 * borrower's outbound attempts of the local day and the live reservations (allowed, not yet acted on,
 * not expired), and what earlier attempts taught about reaching the borrower.
 */
record LedgerFacts(List<Entry> today, boolean pointInvalid, boolean pointRefused, boolean borrowerPhonesAllInvalid,
        boolean threeConsecutiveFailedCalls, boolean threeDaysUnreachable) {

    /** An attempt of the day ({@code result} set), or a live reservation ({@code reservedUntil} set). */
    record Entry(ContactChannel channel, @Nullable AttemptResult result, UUID contactPointId,
            @Nullable Instant reservedUntil) {

        boolean reservation() {
            return result == null;
        }
    }
}
