package org.recourse.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The entrustment contracts as other modules need them (allocation places accounts under them). It answers
 * for any institution, without a signed-in user, because its callers are the platform's own steps; a caller
 * acting for a person scopes the answer to that person's organisation.
 */
@Service
public class Contracts {

    /** The reason recorded when the platform ends a contract whose last day has passed. */
    public static final String PERIOD_OVER = "period over";

    private final ContractStore store;
    private final ApplicationEventPublisher events;

    Contracts(ContractStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /**
     * The institution's ACTIVE contracts. Whether one is in force on a day is {@link Contract#inForceOn}, asked
     * with the institution's own calendar day (its zone is kept by cases).
     */
    @Transactional(readOnly = true)
    public List<Contract> activeFor(OrganisationId institution) {
        return store.active(institution);
    }

    @Transactional(readOnly = true)
    public Optional<Contract> find(ContractId contract) {
        return store.find(contract);
    }

    /**
     * The institutions that may have a contract in force on {@code day} in their own calendar (a day either side, for
     * the zones), for the nightly placement; each then asks {@link Contract#inForceOn} with its own day.
     */
    @Transactional(readOnly = true)
    public List<OrganisationId> institutionsInForceAround(LocalDate day) {
        return store.institutionsInForce(day.minusDays(1), day.plusDays(1));
    }

    /** The institutions with a contract in force or suspended whose last day is {@code day} or earlier. */
    @Transactional(readOnly = true)
    public List<OrganisationId> institutionsEndingBy(LocalDate day) {
        return store.institutionsEndingBy(day);
    }

    /**
     * Ends the institution's ACTIVE and SUSPENDED contracts whose last day is {@code lastDayOver} or earlier (the
     * institution's calendar, which its caller knows): the platform's step, recorded without an actor and with the
     * reason {@link #PERIOD_OVER}; each publishes {@link ContractEvent.StatusChanged} in the caller's transaction,
     * so that allocation recalls the contract's placements with it. A contract someone moved meanwhile is left to
     * the next night. Drafts are left alone: they never came into force. Answers the contracts ended.
     */
    @Transactional
    public List<Contract> endExpired(OrganisationId institution, LocalDate lastDayOver, Instant at) {
        List<Contract> ended = new ArrayList<>();
        for (Contract contract : store.endingBy(institution, lastDayOver)) {
            if (store.move(contract.id(), contract.status(), ContractAction.END, PERIOD_OVER, null, at)) {
                Contract after = contract.after(ContractAction.END);
                events.publishEvent(new ContractEvent.StatusChanged(contract.id(), contract.institution(),
                        contract.agency(), ContractAction.END, contract.status(), after.status(), PERIOD_OVER, null));
                ended.add(after);
            }
        }
        return ended;
    }
}
