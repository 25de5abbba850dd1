package org.recourse.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.recourse.shared.RecourseProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Decides who may sign in. Loads the user with their organisation; refuses a locked or disabled user
 * before the password is checked, and an unapproved organisation only after it (so the status of an
 * organisation is told only to someone who knows the password). Counts failures: the fifth in a row
 * locks the account for fifteen minutes (both configurable), counted in one SQL statement so that
 * parallel attempts cannot slip past the limit.
 */
@Component
public class SignInGuard implements UserDetailsService {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RecourseProperties.Security settings;
    private final ApplicationEventPublisher events;

    SignInGuard(JdbcClient jdbc, Clock clock, RecourseProperties properties, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.security();
        this.events = events;
    }

    /** The provider both sign-in ways (form and HTTP Basic) authenticate with. */
    public AuthenticationProvider authenticationProvider(PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(this);
        provider.setPasswordEncoder(passwordEncoder);
        provider.setPreAuthenticationChecks(beforePassword());
        provider.setPostAuthenticationChecks(afterPassword());
        return provider;
    }

    @Override
    public SignedInUser loadUserByUsername(String username) {
        Instant now = clock.instant();
        return jdbc.sql("""
                select u.id, u.username, u.password_hash, u.role, u.enabled, u.locked_until,
                       o.id as organisation_id, o.name, o.kind, o.status, o.decision_reason
                  from registry.user_account u join registry.organisation o on o.id = u.organisation_id
                 where lower(u.username) = lower(:username)
                """)
                .param("username", username)
                .query((row, n) -> new SignedInUser(
                        row.getObject("id", UUID.class),
                        row.getString("username"),
                        row.getString("password_hash"),
                        Role.valueOf(row.getString("role")),
                        row.getObject("organisation_id", UUID.class),
                        row.getString("name"),
                        OrganisationKind.valueOf(row.getString("kind")),
                        OrganisationStatus.valueOf(row.getString("status")),
                        row.getString("decision_reason"),
                        row.getBoolean("enabled"),
                        Organisations.instant(row, "locked_until"),
                        now))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    private static UserDetailsChecker beforePassword() {
        return details -> {
            SignedInUser user = (SignedInUser) details;
            if (!user.isAccountNonLocked()) {
                throw SignInRefused.locked(user.lockedUntil());
            }
            if (!user.isEnabled()) {
                throw SignInRefused.disabled();
            }
        };
    }

    private static UserDetailsChecker afterPassword() {
        return details -> {
            SignedInUser user = (SignedInUser) details;
            switch (user.organisationStatus()) {
                case PENDING -> throw SignInRefused.pending();
                case REJECTED -> throw SignInRefused.rejected(user.decisionReason());
                case APPROVED -> { }
            }
        };
    }

    @EventListener
    void onWrongPassword(AuthenticationFailureBadCredentialsEvent failure) {
        Instant lockUntil = clock.instant().plus(settings.lockout());
        Optional<FailureCount> counted = jdbc.sql("""
                update registry.user_account
                   set failed_sign_ins = case when failed_sign_ins + 1 >= :max then 0 else failed_sign_ins + 1 end,
                       locked_until = case when failed_sign_ins + 1 >= :max then :until else locked_until end
                 where lower(username) = lower(:username)
                returning id, organisation_id, failed_sign_ins = 0 as locked_now
                """)
                .param("max", settings.maxFailedSignIns())
                .param("until", Organisations.timestamp(lockUntil))
                .param("username", failure.getAuthentication().getName())
                .query((row, n) -> new FailureCount(new UserId(row.getObject("id", UUID.class)),
                        new OrganisationId(row.getObject("organisation_id", UUID.class)), row.getBoolean("locked_now")))
                .optional();
        events.publishEvent(new RegistryEvent.SignInFailed(
                counted.map(FailureCount::user).orElse(null),
                counted.map(FailureCount::organisation).orElse(null),
                "bad_credentials",
                counted.map(FailureCount::lockedNow).orElse(false)));
    }

    @EventListener
    void onRefused(AbstractAuthenticationFailureEvent failure) {
        if (failure.getException() instanceof SignInRefused refused
                && failure.getAuthentication().getPrincipal() instanceof String) {
            Optional<SignedInUser> user = Optional.empty();
            try {
                user = Optional.of(loadUserByUsername(failure.getAuthentication().getName()));
            } catch (UsernameNotFoundException ignored) {
                // deleted between the attempt and now: audited without a user
            }
            events.publishEvent(new RegistryEvent.SignInFailed(
                    user.map(u -> new UserId(u.userId())).orElse(null),
                    user.map(SignedInUser::organisation).orElse(null),
                    refused.code(), false));
        }
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent success) {
        if (success.getAuthentication().getPrincipal() instanceof SignedInUser user) {
            jdbc.sql("update registry.user_account set failed_sign_ins = 0 where id = :id and failed_sign_ins > 0")
                    .param("id", user.userId())
                    .update();
        }
    }

    /** Only an interactive (form) sign-in is a sign-in worth a line; API calls authenticate on every request. */
    @EventListener
    void onInteractiveSignIn(InteractiveAuthenticationSuccessEvent success) {
        if (success.getAuthentication().getPrincipal() instanceof SignedInUser user) {
            events.publishEvent(new RegistryEvent.SignedIn(user.actor(), "form"));
        }
    }

    private record FailureCount(UserId user, OrganisationId organisation, boolean lockedNow) {
    }
}
