package org.recourse.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which cases an agency may read: those an institution has placed with it and not recalled, up to the last day
 * of the placement. Allocation keeps placements and depends on this module, so this module declares what it
 * needs here and allocation provides it; asking allocation directly would be a cycle.
 *
 * <p>Every collector of the agency reads every case placed with it for now; assignment to collectors will narrow
 * this for collectors.
 */
public interface PlacedCases {

    /** The institutions with at least one case placed with the agency and not recalled. */
    List<UUID> institutionsPlacingWith(UUID agency);

    /** The placement of the case with the agency, if it has one not recalled. */
    Optional<Placed> placed(UUID agency, UUID caseId);

    /**
     * SQL selecting the ids of the institution's cases placed with the agency and readable on a day, with the
     * named parameters {@code institution}, {@code agency} and {@code today} (a date). The case list adds it to
     * its own statement, so that an agency's cases page in one query however many are placed with it.
     */
    String caseIdsSql();

    /**
     * A case placed with an agency: whose it is, and the last day the agency may work it (in the institution's
     * calendar).
     */
    record Placed(UUID institution, LocalDate until) {
    }
}
