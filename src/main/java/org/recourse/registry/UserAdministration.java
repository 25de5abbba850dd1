package org.recourse.registry;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.FieldChecks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organisation's administrator manages the organisation's own users: create with a role, disable,
 * enable, reset a password. Every lookup is scoped to the administrator's organisation, so another
 * tenant's user is simply not found (404), never "forbidden", which would confirm that it exists.
 */
@Service
@PreAuthorize("hasAnyRole('PLATFORM_ADMIN', 'INSTITUTION_ADMIN', 'AGENCY_ADMIN')")
public class UserAdministration {

    private final UserAccounts users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    UserAdministration(UserAccounts users, PasswordEncoder passwordEncoder, Clock clock,
                       ApplicationEventPublisher events) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<UserView> list(SignedInUser admin) {
        return users.list(admin.organisation());
    }

    @Transactional(readOnly = true)
    public UserView find(SignedInUser admin, UUID user) {
        return users.view(new UserId(user), admin.organisation()).orElseThrow(RegistryProblem::userNotFound);
    }

    @Transactional
    public UUID create(SignedInUser admin, NewUser request) {
        FieldChecks checks = new FieldChecks();
        String username = Credentials.username(checks, "username", request.username());
        String displayName = checks.optionalText("displayName", request.displayName(), 50);
        String password = Credentials.password(checks, "password", request.password(), username);
        Role role = role(checks, request.role(), admin.organisationKind());
        if (checks.hasErrors()) {
            throw RegistryProblem.invalid(checks.errors());
        }
        UserAccount user = UserAccount.create(admin.organisation(), admin.organisationKind(), username, displayName,
                passwordEncoder.encode(password), role, clock.instant());
        users.add(user, "username");
        events.publishEvent(new RegistryEvent.UserCreated(user.id(), user.organisationId(), role, admin.actor()));
        return user.id().value();
    }

    @Transactional
    public void disable(SignedInUser admin, UUID userId) {
        UserAccount user = ownUser(admin, userId);
        // An administrator who disables themselves could leave the organisation with nobody to manage it.
        if (user.id().value().equals(admin.userId())) {
            throw RegistryProblem.cannotChangeOwnAccount();
        }
        user.disable();
        users.save(user);
        events.publishEvent(new RegistryEvent.UserDisabled(user.id(), user.organisationId(), admin.actor()));
    }

    @Transactional
    public void enable(SignedInUser admin, UUID userId) {
        UserAccount user = ownUser(admin, userId);
        user.enable();
        users.save(user);
        events.publishEvent(new RegistryEvent.UserEnabled(user.id(), user.organisationId(), admin.actor()));
    }

    /** Sets a new password chosen by the administrator and lifts any lock-out. */
    @Transactional
    public void resetPassword(SignedInUser admin, UUID userId, @Nullable String newPassword) {
        UserAccount user = ownUser(admin, userId);
        FieldChecks checks = new FieldChecks();
        String password = Credentials.password(checks, "password", newPassword, user.username());
        if (checks.hasErrors()) {
            throw RegistryProblem.invalid(checks.errors());
        }
        user.changePassword(passwordEncoder.encode(password));
        users.save(user);
        users.clearLockout(user.id());
        events.publishEvent(new RegistryEvent.PasswordReset(user.id(), user.organisationId(), admin.actor()));
    }

    private UserAccount ownUser(SignedInUser admin, UUID userId) {
        return users.find(new UserId(userId), admin.organisation()).orElseThrow(RegistryProblem::userNotFound);
    }

    private static @Nullable Role role(FieldChecks checks, @Nullable String raw, OrganisationKind kind) {
        if (raw == null || raw.isBlank()) {
            checks.reject("role", "required");
            return null;
        }
        try {
            Role role = Role.valueOf(raw.strip().toUpperCase(Locale.ROOT));
            return checks.check("role", kind.assignableRoles().contains(role), "role.not_assignable") ? role : null;
        } catch (IllegalArgumentException e) {
            checks.reject("role", "role.unknown");
            return null;
        }
    }
}
