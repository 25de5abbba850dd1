package org.recourse.compliance;

import java.time.Instant;
import java.util.UUID;

import org.recourse.compliance.Entrustments.Entrustment;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.SignedInUser;
import org.springframework.stereotype.Component;

/**
 * For whom a caller asks to contact someone about a case: an institution about its own cases; an agency's
 * user only about a case placed with the agency now and for which the user is authorised (the collector it is
 * assigned to, or the agency's administrator: see {@link Entrustments}), else the case is not found, as another
 * tenant's would be.
 */
@Component
class Callers {

    private final Entrustments entrustments;

    Callers(Entrustments entrustments) {
        this.entrustments = entrustments;
    }

    /**
     * The institution whose case it is, whether an agency asks, and whether the borrower had been told of the
     * entrustment by {@code at} (always false for the institution itself, where the rule does not apply).
     */
    record Caller(UUID institution, boolean byAgency, boolean entrustmentNotified) {
    }

    Caller of(SignedInUser user, UUID caseId, Instant at) {
        if (user.organisationKind() == OrganisationKind.INSTITUTION) {
            return new Caller(user.organisationId(), false, false);
        }
        if (user.organisationKind() != OrganisationKind.AGENCY) {
            throw ComplianceProblem.caseNotFound();
        }
        Entrustment entrustment = entrustments.of(user.organisationId(), user.userId(), user.role(), caseId, at)
                .orElseThrow(ComplianceProblem::caseNotFound);
        return new Caller(entrustment.institution(), true, entrustment.notifiedBy(at));
    }
}
