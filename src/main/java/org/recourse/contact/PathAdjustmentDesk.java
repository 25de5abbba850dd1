package org.recourse.contact;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.recourse.cases.CaseProfiles;
import org.recourse.cases.PlacedCases;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.strategy.PathAdjustmentProblem;
import org.recourse.strategy.PathAdjustments;
import org.recourse.strategy.PathAdjustments.Adjust;
import org.recourse.strategy.PathAdjustments.Adjustment;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may adjust a case's path from the borrower's feedback, and on whose case: the institution's administrators and
 * operators on any of its cases, a collector on a case assigned (or granted, see allocation's grants) to them now.
 * The agency's administrator reads the
 * history of the agency's placed cases. Anyone else's case is not found (404). The path and its rules are
 * {@link PathAdjustments}'.
 */
@Service
public class PathAdjustmentDesk {

    private final PathAdjustments adjustments;
    private final CaseProfiles cases;
    private final PlacedCases placed;
    private final Clock clock;

    PathAdjustmentDesk(PathAdjustments adjustments, CaseProfiles cases, PlacedCases placed, Clock clock) {
        this.adjustments = adjustments;
        this.cases = cases;
        this.placed = placed;
        this.clock = clock;
    }

    @Transactional
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COLLECTOR')")
    public Adjustment adjust(SignedInUser user, UUID caseId, Adjust request) {
        return adjustments.adjust(institutionOf(user, caseId), caseId, request, user.actor());
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COLLECTOR', 'AGENCY_ADMIN')")
    public List<Adjustment> history(SignedInUser user, UUID caseId) {
        return adjustments.history(institutionOf(user, caseId), caseId);
    }

    /** The institution whose case it is, if the user may work it; else 404. */
    private UUID institutionOf(SignedInUser user, UUID caseId) {
        if (user.organisationKind() == OrganisationKind.INSTITUTION) {
            UUID institution = user.organisationId();
            LocalDate today = cases.today(institution, clock.instant());
            if (cases.of(institution, List.of(caseId), today).isEmpty()) {
                throw PathAdjustmentProblem.caseNotFound();
            }
            return institution;
        }
        if (user.organisationKind() == OrganisationKind.AGENCY) {
            UUID collector = user.role() == Role.AGENCY_ADMIN ? null : user.userId();
            return placed.placed(user.organisationId(), collector, caseId)
                    .filter(placement -> !placement.until().isBefore(cases.today(placement.institution(), clock.instant())))
                    .map(PlacedCases.Placed::institution)
                    .orElseThrow(PathAdjustmentProblem::caseNotFound);
        }
        throw PathAdjustmentProblem.caseNotFound();
    }
}
