package org.recourse.registry;

/** What a user may do. Each user holds one role, within one organisation. */
public enum Role {

    PLATFORM_ADMIN, INSTITUTION_ADMIN, INSTITUTION_OPERATOR, AGENCY_ADMIN, COLLECTOR, COMPLIANCE_OFFICER;

    /** Administrators manage the users of their own organisation. */
    public boolean administersUsers() {
        return this == PLATFORM_ADMIN || this == INSTITUTION_ADMIN || this == AGENCY_ADMIN;
    }

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
