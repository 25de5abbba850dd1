package org.recourse.registry;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An entrustment contract (委托协议): the terms under which an institution places accounts with an agency —
 * scope, commission per bucket, how many placements may be open at once, and the period — and where it
 * stands. Immutable: a change of status is a new value, made only by this module.
 */
public record Contract(ContractId id, OrganisationId institution, OrganisationId agency, ContractScope scope,
                       Map<String, Rate> commissionRates, int maxOpenPlacements, LocalDate startDate,
                       LocalDate endDate, ContractStatus status) {

    public Contract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(commissionRates, "commissionRates");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(status, "status");
        if (institution.equals(agency)) {
            throw new IllegalArgumentException("An organisation does not entrust accounts to itself");
        }
        if (maxOpenPlacements < 1) {
            throw new IllegalArgumentException("At least one placement must be allowed");
        }
        if (endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("A contract cannot end before it starts");
        }
        // Every bucket the contract covers has its commission, and no rate stands for a bucket it does not cover:
        // a placement must never find its commission missing, nor a rate suggest a bucket that may be placed.
        if (!commissionRates.keySet().equals(Set.copyOf(scope.coveredBuckets()))) {
            throw new IllegalArgumentException("Commission rates must match the buckets covered");
        }
        Map<String, Rate> ordered = new LinkedHashMap<>();
        for (String bucket : scope.coveredBuckets()) {
            ordered.put(bucket, Objects.requireNonNull(commissionRates.get(bucket), bucket));
        }
        commissionRates = Collections.unmodifiableMap(ordered);
    }

    /** A new contract as the institution proposes it; the agency has yet to accept it. */
    static Contract propose(OrganisationId institution, OrganisationId agency, ContractScope scope,
                            Map<String, Rate> commissionRates, int maxOpenPlacements, LocalDate startDate,
                            LocalDate endDate) {
        return new Contract(ContractId.newId(), institution, agency, scope, commissionRates, maxOpenPlacements,
                startDate, endDate, ContractStatus.DRAFT);
    }

    /**
     * Whether accounts may be placed under it on {@code day}: accepted, not suspended or ended, and within its
     * period. The day is the institution's calendar day, which its caller knows (the zone is kept by cases).
     */
    public boolean inForceOn(LocalDate day) {
        return status == ContractStatus.ACTIVE && !day.isBefore(startDate) && !day.isAfter(endDate);
    }

    public Optional<Rate> rateFor(String bucket) {
        return Optional.ofNullable(commissionRates.get(bucket));
    }

    /** The contract after {@code action}, or a refusal naming where it stands and where the action leads. */
    Contract after(ContractAction action) {
        if (!action.appliesTo(status)) {
            throw ContractProblem.transition(status, action);
        }
        return new Contract(id, institution, agency, scope, commissionRates, maxOpenPlacements, startDate, endDate,
                action.target());
    }
}
