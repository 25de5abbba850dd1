package org.recourse.registry;

import java.io.Serial;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The person behind a request: who they are, for which organisation, in which role. Other modules take
 * the tenant from here ({@link #organisationId()}), never from request parameters.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID userId;
    private final String username;
    private final Role role;
    private final UUID organisationId;
    private final String organisationName;
    private final OrganisationKind organisationKind;
    private final OrganisationStatus organisationStatus;
    private final @Nullable String decisionReason;
    private final boolean enabled;
    private final @Nullable Instant lockedUntil;
    private final Instant loadedAt;
    private @Nullable String passwordHash;

    SignedInUser(UUID userId, String username, @Nullable String passwordHash, Role role, UUID organisationId,
                 String organisationName, OrganisationKind organisationKind, OrganisationStatus organisationStatus,
                 @Nullable String decisionReason, boolean enabled, @Nullable Instant lockedUntil, Instant loadedAt) {
        this.userId = userId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.organisationId = organisationId;
        this.organisationName = organisationName;
        this.organisationKind = organisationKind;
        this.organisationStatus = organisationStatus;
        this.decisionReason = decisionReason;
        this.enabled = enabled;
        this.lockedUntil = lockedUntil;
        this.loadedAt = loadedAt;
    }

    public UUID userId() { return userId; }
    public Role role() { return role; }
    public UUID organisationId() { return organisationId; }
    public String organisationName() { return organisationName; }
    public OrganisationKind organisationKind() { return organisationKind; }
    public OrganisationStatus organisationStatus() { return organisationStatus; }
    public @Nullable String decisionReason() { return decisionReason; }
    public @Nullable Instant lockedUntil() { return lockedUntil; }

    public AuditableEvent.Actor actor() {
        return new AuditableEvent.Actor(userId, username, organisationId);
    }

    OrganisationId organisation() {
        return new OrganisationId(organisationId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /** Locked while the lock-out set after repeated failures lasts, judged by the platform clock. */
    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || !lockedUntil.isAfter(loadedAt);
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInUser that && userId.equals(that.userId);
    }

    @Override
    public int hashCode() {
        return userId.hashCode();
    }

    @Override
    public String toString() {
        return "SignedInUser[" + username + ", " + role + "]";
    }
}
