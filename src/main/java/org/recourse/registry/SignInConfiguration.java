package org.recourse.registry;

import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords are hashed and checked, for people at the form and systems over HTTP Basic alike. */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    /**
     * Argon2id (OWASP's first choice), stored with an {@code {argon2}} prefix so that a later change of
     * algorithm can verify old hashes and upgrade them; bcrypt hashes are still accepted.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    @Bean
    AuthenticationManager authenticationManager(SignInGuard guard, PasswordEncoder passwordEncoder,
                                                ApplicationEventPublisher events) {
        ProviderManager manager = new ProviderManager(guard.authenticationProvider(passwordEncoder));
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        // Our own refusals (pending organisation, lock-out …) are account-status failures like a disabled user.
        publisher.setAdditionalExceptionMappings(Map.of(SignInRefused.class, AuthenticationFailureDisabledEvent.class));
        manager.setAuthenticationEventPublisher(publisher);
        return manager;
    }
}
