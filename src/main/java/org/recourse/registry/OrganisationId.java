package org.recourse.registry;

import java.util.Objects;
import java.util.UUID;

/** Identifies an organisation: the tenant key that every business table carries. */
public record OrganisationId(UUID value) {

    public OrganisationId {
        Objects.requireNonNull(value, "value");
    }

    public static OrganisationId newId() {
        return new OrganisationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
