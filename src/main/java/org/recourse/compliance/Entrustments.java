package org.recourse.compliance;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.Role;

/**
 * The entrustment an agency's contact rests on: the case is placed with the agency now, by which institution,
 * and whether the borrower has been told (CN.OUTSOURCING_NOTICE). Allocation keeps placements and provides
 * this. It is declared here, by the module that needs it, so that allocation depends on compliance and not
 * the reverse: allocation will weigh agencies by their compliance record, which must not close a cycle.
 */
public interface Entrustments {

    /**
     * The placement under which the agency's user, acting in {@code role}, may contact someone about the case at
     * {@code at}: not recalled, within its period, and the user authorised for it (allocation decides who: the
     * collector the case is assigned to, or the agency's administrator). Empty when there is none; the engine then
     * treats the case as not found.
     */
    Optional<Entrustment> of(UUID agency, UUID user, Role role, UUID caseId, Instant at);

    /**
     * The placement of the institution's case that was live at {@code at} (made at or before it, not recalled by
     * then), if any: whose the case was then. A complaint received at that moment is the agency's.
     */
    Optional<Holding> heldAt(UUID institution, UUID caseId, Instant at);

    /** An agency holding a case under a placement. */
    record Holding(UUID agency, UUID placement) {
    }

    /**
     * A live placement as the engine needs it.
     *
     * @param noticeSentAt when the borrower was told of the entrustment, null while the notice is pending
     */
    record Entrustment(UUID institution, UUID placement, @Nullable Instant noticeSentAt) {

        /** Whether the borrower had been told by {@code at}: the notice must come before the contact. */
        public boolean notifiedBy(Instant at) {
            return noticeSentAt != null && !noticeSentAt.isAfter(at);
        }
    }
}
