package org.recourse.cases;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseViews.PlacingInstitution;
import org.recourse.registry.Directory;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.springframework.stereotype.Component;

/**
 * Whose cases a user reads. An institution's staff read all of its own. An agency's administrator reads the cases
 * an institution placed with the agency, and a collector of the agency only those of them assigned (or granted) to
 * the collector, one institution at a time, and only while placed (and assigned): after a recall, a reassignment, or
 * once the placement's last day has passed, the case is not found (404), as any case of another tenant.
 */
@Component
class CaseReach {

    private final PlacedCases placed;
    private final Directory directory;

    CaseReach(PlacedCases placed, Directory directory) {
        this.placed = placed;
        this.directory = directory;
    }

    /**
     * Whose cases are read: the institution's, through the agency they are placed with (null for the institution's
     * own staff), readable up to {@code until} (null: no end).
     */
    record Reader(UUID institution, @Nullable UUID agency, @Nullable UUID collector, @Nullable LocalDate until) {

        boolean readableOn(LocalDate day) {
            return until == null || !day.isAfter(until);
        }

        /** The condition the case list adds for an agency, or null for the institution's own staff. */
        CaseQueries.@Nullable Placed placedWith(PlacedCases placed) {
            return agency == null ? null
                    : new CaseQueries.Placed(agency, collector, placed.caseIdsSql(collector != null));
        }
    }

    /** The institutions with cases placed with the user's agency, by name; none for anyone else. */
    List<PlacingInstitution> institutions(SignedInUser user) {
        if (user.organisationKind() != OrganisationKind.AGENCY) {
            return List.of();
        }
        List<UUID> ids = placed.institutionsPlacingWith(user.organisationId(), collector(user));
        Map<UUID, String> names = directory.organisationNames(ids);
        return ids.stream().map(id -> new PlacingInstitution(id, names.getOrDefault(id, id.toString())))
                .sorted(Comparator.comparing(PlacingInstitution::name).thenComparing(PlacingInstitution::id))
                .toList();
    }

    /**
     * Whose cases the list shows: the institution's own for its staff; for an agency, those of the institution it
     * names among the ones placing with it, or of the first of them by name. Empty when no institution places
     * cases with the agency.
     */
    Optional<Reader> forList(SignedInUser user, @Nullable UUID institution) {
        if (user.organisationKind() != OrganisationKind.AGENCY) {
            return Optional.of(new Reader(user.organisationId(), null, null, null));
        }
        List<PlacingInstitution> placing = institutions(user);
        return placing.stream().map(PlacingInstitution::id).filter(id -> id.equals(institution)).findFirst()
                .or(() -> placing.stream().map(PlacingInstitution::id).findFirst())
                .map(id -> new Reader(id, user.organisationId(), collector(user), null));
    }

    /** Whose case this is for the user; empty when the user's agency has it not placed (today's day is checked by the caller). */
    Optional<Reader> forCase(SignedInUser user, UUID caseId) {
        if (user.organisationKind() != OrganisationKind.AGENCY) {
            return Optional.of(new Reader(user.organisationId(), null, null, null));
        }
        UUID collector = collector(user);
        return placed.placed(user.organisationId(), collector, caseId)
                .map(placement -> new Reader(placement.institution(), user.organisationId(), collector,
                        placement.until()));
    }

    PlacedCases placed() {
        return placed;
    }

    /**
     * Whom an agency's user reads for: the whole agency for its administrator, else only the cases assigned to the
     * user (a collector). Any role other than the administrator is narrowed, so a role added later reads nothing
     * until it is given cases.
     */
    private static @Nullable UUID collector(SignedInUser user) {
        return user.role() == Role.AGENCY_ADMIN ? null : user.userId();
    }
}
