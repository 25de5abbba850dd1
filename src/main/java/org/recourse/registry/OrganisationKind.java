package org.recourse.registry;

import java.util.EnumSet;
import java.util.Set;

/** What an organisation is on the platform, which decides the roles its people may hold. */
public enum OrganisationKind {

    PLATFORM, INSTITUTION, AGENCY;

    /** Roles an administrator of an organisation of this kind may give to its users. */
    public Set<Role> assignableRoles() {
        return switch (this) {
            case PLATFORM -> EnumSet.of(Role.PLATFORM_ADMIN, Role.COMPLIANCE_OFFICER);
            case INSTITUTION -> EnumSet.of(Role.INSTITUTION_ADMIN, Role.INSTITUTION_OPERATOR, Role.COMPLIANCE_OFFICER);
            case AGENCY -> EnumSet.of(Role.AGENCY_ADMIN, Role.COLLECTOR, Role.COMPLIANCE_OFFICER);
        };
    }

    /** The role of the administrator named in a registration. */
    Role administratorRole() {
        return switch (this) {
            case PLATFORM -> Role.PLATFORM_ADMIN;
            case INSTITUTION -> Role.INSTITUTION_ADMIN;
            case AGENCY -> Role.AGENCY_ADMIN;
        };
    }
}
