package org.recourse.registry;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A person who signs in for one organisation, with one role. The password is only ever held as a hash;
 * failed sign-ins and lock-out are counted in the database by {@link SignInGuard}, atomically.
 */
final class UserAccount {

    private final UserId id;
    private final OrganisationId organisationId;
    private final String username;
    private final @Nullable String displayName;
    private final Role role;
    private final Instant createdAt;
    private String passwordHash;
    private boolean enabled;

    UserAccount(UserId id, OrganisationId organisationId, String username, @Nullable String displayName,
                String passwordHash, Role role, boolean enabled, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.organisationId = Objects.requireNonNull(organisationId, "organisationId");
        this.username = Objects.requireNonNull(username, "username");
        this.displayName = displayName;
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.role = Objects.requireNonNull(role, "role");
        this.enabled = enabled;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    static UserAccount create(OrganisationId organisation, OrganisationKind kind, String username,
                              @Nullable String displayName, String passwordHash, Role role, Instant at) {
        // An agency can never hold an institution role and vice versa: roles follow the organisation.
        if (!kind.assignableRoles().contains(role)) {
            throw RegistryProblem.roleNotAssignable();
        }
        return new UserAccount(UserId.newId(), organisation, username, displayName, passwordHash, role, true, at);
    }

    void disable() {
        enabled = false;
    }

    void enable() {
        enabled = true;
    }

    void changePassword(String newHash) {
        passwordHash = Objects.requireNonNull(newHash, "newHash");
    }

    UserId id() { return id; }
    OrganisationId organisationId() { return organisationId; }
    String username() { return username; }
    @Nullable String displayName() { return displayName; }
    String passwordHash() { return passwordHash; }
    Role role() { return role; }
    boolean enabled() { return enabled; }
    Instant createdAt() { return createdAt; }
}
