package org.recourse.registry;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

import org.recourse.shared.RecourseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the very first start, creates the platform operator's organisation and its administrator
 * {@code admin}, with the password from {@code RECOURSE_ADMIN_PASSWORD} or, if none is set, a generated
 * one printed once in the log. Later starts find the platform and do nothing.
 */
@Component
@Order(PlatformBootstrap.ORDER)
class PlatformBootstrap implements ApplicationRunner {

    /** Runs before anything that needs the platform administrator, such as the demo data. */
    static final int ORDER = 0;

    static final String ADMIN_USERNAME = "admin";

    private static final Logger log = LoggerFactory.getLogger(PlatformBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Organisations organisations;
    private final UserAccounts users;
    private final PasswordEncoder passwordEncoder;
    private final RecourseProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    PlatformBootstrap(Organisations organisations, UserAccounts users, PasswordEncoder passwordEncoder,
                      RecourseProperties properties, Clock clock, TransactionTemplate transactions,
                      ApplicationEventPublisher events) {
        this.organisations = organisations;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> {
            if (organisations.platformExists()) {
                return;
            }
            String configured = properties.adminPassword();
            boolean generated = configured == null || configured.isBlank();
            String password = generated ? generatePassword() : configured;
            Instant now = clock.instant();
            Organisation platform = Organisation.platform("Recourse 平台运营方", now);
            organisations.add(platform);
            UserAccount admin = UserAccount.create(platform.id(), OrganisationKind.PLATFORM, ADMIN_USERNAME,
                    "平台管理员", passwordEncoder.encode(password), Role.PLATFORM_ADMIN, now);
            users.add(admin, "username");
            events.publishEvent(new RegistryEvent.UserCreated(admin.id(), platform.id(), Role.PLATFORM_ADMIN, null));
            if (generated) {
                // Printed once, on the start that created the account; it is never stored in clear.
                log.warn("""

                        ==============================================================
                          Platform administrator created: username 'admin'
                          Generated password (shown only this once): {}
                          Set RECOURSE_ADMIN_PASSWORD before the first start to choose it.
                        ==============================================================""", password);
            } else {
                log.info("Platform administrator 'admin' created with the password from RECOURSE_ADMIN_PASSWORD");
            }
        });
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
