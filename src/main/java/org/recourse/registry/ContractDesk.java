package org.recourse.registry;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.FieldChecks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where institutions and agencies sign entrustment contracts: the institution's administrator proposes one
 * to an approved agency, the agency's administrator accepts or declines it, and the institution's
 * administrator suspends, resumes or ends it. Each side reads only contracts it is a party to; any other
 * contract is "not found" (404), never "forbidden", which would confirm that it exists.
 */
@Service
@PreAuthorize("hasAnyRole('PLATFORM_ADMIN', 'INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'AGENCY_ADMIN', "
        + "'COMPLIANCE_OFFICER')")
public class ContractDesk {

    private static final int MAX_REASON = 500;

    private final ContractStore store;
    private final Organisations organisations;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ContractDesk(ContractStore store, Organisations organisations, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.organisations = organisations;
        this.clock = clock;
        this.events = events;
    }

    /** Checks every field, then stores the contract as a DRAFT for the agency to accept. */
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    @Transactional
    public ContractId propose(SignedInUser admin, NewContract request) {
        FieldChecks checks = new FieldChecks();
        ContractTerms terms = ContractTerms.read(request, this::approvedAgency, checks);
        if (terms == null) {
            throw ContractProblem.refused(checks.errors());
        }
        Contract contract = Contract.propose(admin.organisation(), terms.agency(), terms.scope(),
                terms.commissionRates(), terms.maxOpenPlacements(), terms.startDate(), terms.endDate());
        store.add(contract, admin.userId(), clock.instant());
        events.publishEvent(new ContractEvent.Proposed(contract.id(), contract.institution(), contract.agency(),
                admin.actor()));
        return contract.id();
    }

    @PreAuthorize("hasRole('AGENCY_ADMIN')")
    @Transactional
    public void accept(SignedInUser admin, UUID contract, @Nullable String comment) {
        take(admin, contract, ContractAction.ACCEPT, comment);
    }

    /** The agency refuses a draft; it ends without ever having been in force. */
    @PreAuthorize("hasRole('AGENCY_ADMIN')")
    @Transactional
    public void decline(SignedInUser admin, UUID contract, @Nullable String reason) {
        take(admin, contract, ContractAction.DECLINE, reason);
    }

    /** No new placements while suspended; resuming puts the contract back in force. */
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    @Transactional
    public void suspend(SignedInUser admin, UUID contract, @Nullable String reason) {
        take(admin, contract, ContractAction.SUSPEND, reason);
    }

    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    @Transactional
    public void resume(SignedInUser admin, UUID contract, @Nullable String comment) {
        take(admin, contract, ContractAction.RESUME, comment);
    }

    /** Ends the contract for good; a draft ended this way is withdrawn. */
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    @Transactional
    public void end(SignedInUser admin, UUID contract, @Nullable String reason) {
        take(admin, contract, ContractAction.END, reason);
    }

    /** The contracts the caller's organisation is a party to, newest first, optionally of one status. */
    @Transactional(readOnly = true)
    public List<ContractDetail> list(SignedInUser user, @Nullable ContractStatus status) {
        return store.list(user.organisation(), status);
    }

    @Transactional(readOnly = true)
    public ContractDetail find(SignedInUser user, UUID contract) {
        return store.detail(new ContractId(contract), user.organisation()).orElseThrow(ContractProblem::notFound);
    }

    @Transactional(readOnly = true)
    public List<ContractChange> history(SignedInUser user, UUID contract) {
        ContractId id = new ContractId(contract);
        store.find(id, user.organisation()).orElseThrow(ContractProblem::notFound);
        return store.history(id);
    }

    /** The approved agencies an institution may propose a contract to, by name. */
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    @Transactional(readOnly = true)
    public List<Agency> agencies() {
        return organisations.approvedAgencies();
    }

    /** An agency as the contract form offers it. */
    public record Agency(UUID id, String name) {
    }

    private void take(SignedInUser admin, UUID contract, ContractAction action, @Nullable String reason) {
        FieldChecks checks = new FieldChecks();
        String why = action.needsReason() ? checks.text("reason", reason, 1, MAX_REASON)
                : checks.optionalText("reason", reason, MAX_REASON);
        if (checks.hasErrors()) {
            throw ContractProblem.refused(checks.errors());
        }
        Contract current = store.find(new ContractId(contract), admin.organisation())
                .filter(found -> (action.byAgency() ? found.agency() : found.institution()).equals(admin.organisation()))
                .orElseThrow(ContractProblem::notFound);
        Contract moved = current.after(action);
        if (!store.move(current.id(), current.status(), action, why, admin.userId(), clock.instant())) {
            throw ContractProblem.changedMeanwhile();
        }
        events.publishEvent(new ContractEvent.StatusChanged(current.id(), current.institution(), current.agency(),
                action, current.status(), moved.status(), why, admin.actor()));
    }

    private boolean approvedAgency(OrganisationId id) {
        return organisations.find(id)
                .filter(organisation -> organisation.kind() == OrganisationKind.AGENCY)
                .filter(organisation -> organisation.status() == OrganisationStatus.APPROVED)
                .isPresent();
    }
}
