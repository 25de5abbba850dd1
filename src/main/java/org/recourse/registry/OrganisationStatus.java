package org.recourse.registry;

/** Where a registration stands: only an approved organisation's people may sign in. */
public enum OrganisationStatus {
    PENDING, APPROVED, REJECTED
}
