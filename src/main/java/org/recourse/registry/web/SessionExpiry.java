package org.recourse.registry.web;

import org.recourse.registry.RegistryEvent;
import org.recourse.registry.SignedInUser;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;

/**
 * Disabling a user or resetting their password ends the sessions they already have, so the change takes
 * effect at once rather than whenever they next sign in.
 */
@Component
class SessionExpiry {

    private final SessionRegistry sessions;

    SessionExpiry(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void onDisabled(RegistryEvent.UserDisabled disabled) {
        expire(disabled.user().value());
    }

    @EventListener
    void onPasswordReset(RegistryEvent.PasswordReset reset) {
        expire(reset.user().value());
    }

    private void expire(java.util.UUID userId) {
        sessions.getAllPrincipals().stream()
                .filter(principal -> principal instanceof SignedInUser user && user.userId().equals(userId))
                .flatMap(principal -> sessions.getAllSessions(principal, false).stream())
                .forEach(session -> session.expireNow());
    }
}
