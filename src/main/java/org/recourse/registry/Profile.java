package org.recourse.registry;

import java.util.List;
import java.util.UUID;

/** Who the caller is, as {@code GET /api/v1/me} answers it. */
public record Profile(String username, Organisation organisation, List<Role> roles) {

    public static Profile of(SignedInUser user) {
        return new Profile(user.getUsername(),
                new Organisation(user.organisationId(), user.organisationName(), user.organisationKind()),
                List.of(user.role()));
    }

    /** The caller's organisation. */
    public record Organisation(UUID id, String name, OrganisationKind kind) {
    }
}
