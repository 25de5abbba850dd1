package org.recourse.allocation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a request to place cases came to: the cases placed, and each case refused with the stable code of its
 * reason ({@code placement.case_not_found}, {@code .case_closed}, {@code .out_of_scope}, {@code .already_placed},
 * {@code .capacity}).
 */
public record PlacementOutcome(UUID contractId, UUID agencyId, LocalDate placedUntil, List<Placed> placed,
        List<Refused> refused) {

    public record Placed(UUID caseId, UUID placementId, String accountRef) {
    }

    /** A refused case; its reference is known unless the case was not found. */
    public record Refused(UUID caseId, @Nullable String accountRef, String code) {
    }
}
