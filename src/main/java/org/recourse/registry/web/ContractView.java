package org.recourse.registry.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.recourse.registry.Contract;
import org.recourse.registry.ContractDetail;
import org.recourse.registry.ContractStatus;

/**
 * A contract as the API answers it. Commission rates are decimal strings ({@code "0.08"}), never JSON numbers,
 * which many clients read into binary floats.
 */
record ContractView(UUID id, ContractStatus status, Party institution, Party agency, List<String> products,
                    List<String> buckets, List<String> provinces, Map<String, String> commissionRates,
                    int maxOpenPlacements, LocalDate startDate, LocalDate endDate, Instant proposedAt) {

    /** One side of the contract. */
    record Party(UUID id, String name) {
    }

    static ContractView of(ContractDetail detail) {
        Contract contract = detail.contract();
        Map<String, String> rates = new LinkedHashMap<>();
        contract.commissionRates().forEach((bucket, rate) -> rates.put(bucket, rate.toString()));
        return new ContractView(contract.id().value(), contract.status(),
                new Party(contract.institution().value(), detail.institutionName()),
                new Party(contract.agency().value(), detail.agencyName()),
                contract.scope().products(), contract.scope().buckets(), contract.scope().provinces(), rates,
                contract.maxOpenPlacements(), contract.startDate(), contract.endDate(), detail.proposedAt());
    }
}
