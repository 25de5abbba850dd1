package org.recourse.registry;

import java.util.Objects;
import java.util.UUID;

/** Identifies an entrustment contract between an institution and an agency. */
public record ContractId(UUID value) {

    public ContractId {
        Objects.requireNonNull(value, "value");
    }

    public static ContractId newId() {
        return new ContractId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
