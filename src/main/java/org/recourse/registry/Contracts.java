package org.recourse.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The entrustment contracts as other modules need them (allocation places accounts under them). It answers
 * for any institution, without a signed-in user, because its callers are the platform's own steps; a caller
 * acting for a person scopes the answer to that person's organisation.
 */
@Service
public class Contracts {

    private final ContractStore store;

    Contracts(ContractStore store) {
        this.store = store;
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
}
