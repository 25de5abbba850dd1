package org.recourse.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Which cases an agency's people may read: those an institution has placed with the agency and not recalled, up
 * to the last day of the placement; for a collector, only those of them assigned to the collector now or granted to
 * the collector by the agency's administrator (while the grant holds). Allocation
 * keeps placements and assignments and depends on this module, so this module declares what it needs here and
 * allocation provides it; asking allocation directly would be a cycle.
 *
 * <p>Where a method takes a {@code collector}, null means the whole agency (its administrator) and a user id
 * means only the cases assigned (or granted) to that user.
 */
public interface PlacedCases {

    /**
     * The institutions with at least one case placed with the agency and not recalled (for a collector: assigned to
     * the collector).
     */
    List<UUID> institutionsPlacingWith(UUID agency, @Nullable UUID collector);

    /** The placement of the case with the agency, if it has one not recalled (and assigned to the collector). */
    Optional<Placed> placed(UUID agency, @Nullable UUID collector, UUID caseId);

    /**
     * SQL selecting the ids of the institution's cases placed with the agency and readable on a day, with the
     * named parameters {@code institution}, {@code agency} and {@code today} (a date), and when
     * {@code assignedOnly} also {@code collector}: only the cases assigned to that collector. The case list adds it
     * to its own statement, so that an agency's cases page in one query however many are placed with it.
     */
    String caseIdsSql(boolean assignedOnly);

    /**
     * A case placed with an agency: whose it is, and the last day the agency may work it (in the institution's
     * calendar).
     */
    record Placed(UUID institution, LocalDate until) {
    }
}
