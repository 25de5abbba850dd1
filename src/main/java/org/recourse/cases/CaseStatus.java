package org.recourse.cases;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a case stands. A case is NEW until the nightly run takes it up, ACTIVE while it is worked, and ends
 * in one of the closed statuses; this table is the whole of what may follow what.
 */
public enum CaseStatus {

    NEW, ACTIVE, PAID, SETTLED, WRITTEN_OFF, RECALLED, CLOSED;

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            // A case can be paid, withdrawn or closed before anyone worked it.
            NEW, EnumSet.of(ACTIVE, PAID, RECALLED, CLOSED),
            ACTIVE, EnumSet.of(PAID, SETTLED, WRITTEN_OFF, RECALLED, CLOSED));

    public boolean canMoveTo(CaseStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }

    /** Closed cases are no longer worked, and their days past due stop counting. */
    public boolean closed() {
        return this != NEW && this != ACTIVE;
    }
}
