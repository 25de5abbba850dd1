package org.recourse.registry;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.AuditableEvent;

/** What happens in the registry that others react to; every one of them goes to the audit trail. */
public sealed interface RegistryEvent extends AuditableEvent {

    record RegistrationSubmitted(OrganisationId organisation, OrganisationKind kind) implements RegistryEvent {
        public String action() { return "registration.submitted"; }
        public UUID organisationId() { return organisation.value(); }
        public @Nullable Actor actor() { return null; }
        public String subject() { return "organisation/" + organisation; }
        public Map<String, String> details() { return Map.of("kind", kind.name()); }
    }

    record RegistrationApproved(OrganisationId organisation, Actor actor, @Nullable String comment)
            implements RegistryEvent {
        public String action() { return "registration.approved"; }
        public UUID organisationId() { return organisation.value(); }
        public String subject() { return "organisation/" + organisation; }
        public Map<String, String> details() { return comment == null ? Map.of() : Map.of("comment", comment); }
    }

    record RegistrationRejected(OrganisationId organisation, Actor actor, String reason) implements RegistryEvent {
        public String action() { return "registration.rejected"; }
        public UUID organisationId() { return organisation.value(); }
        public String subject() { return "organisation/" + organisation; }
        public Map<String, String> details() { return Map.of("reason", reason); }
    }

    record UserCreated(UserId user, OrganisationId organisation, Role role, @Nullable Actor actor)
            implements RegistryEvent {
        public String action() { return "user.created"; }
        public UUID organisationId() { return organisation.value(); }
        public String subject() { return "user/" + user; }
        public Map<String, String> details() { return Map.of("role", role.name()); }
    }

    record UserDisabled(UserId user, OrganisationId organisation, Actor actor) implements RegistryEvent {
        public String action() { return "user.disabled"; }
        public UUID organisationId() { return organisation.value(); }
        public String subject() { return "user/" + user; }
        public Map<String, String> details() { return Map.of(); }
    }

    record UserEnabled(UserId user, OrganisationId organisation, Actor actor) implements RegistryEvent {
        public String action() { return "user.enabled"; }
        public UUID organisationId() { return organisation.value(); }
        public String subject() { return "user/" + user; }
        public Map<String, String> details() { return Map.of(); }
    }

    record PasswordReset(UserId user, OrganisationId organisation, Actor actor) implements RegistryEvent {
        public String action() { return "user.password_reset"; }
        public UUID organisationId() { return organisation.value(); }
        public String subject() { return "user/" + user; }
        public Map<String, String> details() { return Map.of(); }
    }

    record ApiKeyIssued(Actor actor, UUID key, UUID holder, String name) implements RegistryEvent {
        public String action() { return "api_key.issued"; }
        public UUID organisationId() { return actor.organisationId(); }
        public String subject() { return "api-key/" + key; }
        public Map<String, String> details() { return Map.of("user", holder.toString(), "name", name); }
    }

    record ApiKeyRevoked(Actor actor, UUID key) implements RegistryEvent {
        public String action() { return "api_key.revoked"; }
        public UUID organisationId() { return actor.organisationId(); }
        public String subject() { return "api-key/" + key; }
        public Map<String, String> details() { return Map.of(); }
    }

    record SignedIn(Actor actor, String channel) implements RegistryEvent {
        public String action() { return "signin.succeeded"; }
        public UUID organisationId() { return actor.organisationId(); }
        public String subject() { return "user/" + actor.userId(); }
        public Map<String, String> details() { return Map.of("channel", channel); }
    }

    /** A refused sign-in. The user is known only when the username matched an account. */
    record SignInFailed(@Nullable UserId user, @Nullable OrganisationId organisation, String reason,
                        boolean lockedNow) implements RegistryEvent {
        public String action() { return lockedNow ? "signin.locked" : "signin.failed"; }
        public @Nullable UUID organisationId() { return organisation == null ? null : organisation.value(); }
        public @Nullable Actor actor() { return null; }
        public String subject() { return user == null ? "user/unknown" : "user/" + user; }
        public Map<String, String> details() { return Map.of("reason", reason); }
    }

    /** A full value of personal data was shown to someone: who, whose, which fields (never the values). */
    record PersonalDataRevealed(OrganisationId organisation, Actor actor, String fields) implements RegistryEvent {
        public String action() { return "personal_data.revealed"; }
        public UUID organisationId() { return organisation.value(); }
        public String subject() { return "organisation/" + organisation + "/contact"; }
        public Map<String, String> details() { return Map.of("fields", fields); }
    }
}
