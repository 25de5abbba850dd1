package org.recourse.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;

import org.recourse.registry.RegisterOrganisation;
import org.recourse.registry.RegistrationDesk;
import org.recourse.registry.SignInGuard;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.RecourseProperties;
import org.recourse.shared.UnifiedSocialCreditCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * On the first start of an empty platform, a newcomer gets something to look at: a demo institution and
 * a demo agency, registered and approved the way real ones are, and a few thousand generated accounts
 * sent through the ordinary intake path (so the demo also shows rejected rows). Off with RECOURSE_DEMO=false.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

    static final String INSTITUTION_ADMIN = "demo-institution";
    static final String AGENCY_ADMIN = "demo-agency";
    static final int ACCOUNTS = 3_000;

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final RecourseProperties properties;
    private final RegistrationDesk registrations;
    private final SignInGuard signIn;
    private final IntakeDesk intake;
    private final Clock clock;

    DemoData(RecourseProperties properties, RegistrationDesk registrations, SignInGuard signIn, IntakeDesk intake,
             Clock clock) {
        this.properties = properties;
        this.registrations = registrations;
        this.signIn = signIn;
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo()) {
            return;
        }
        try {
            actAs(signIn.loadUserByUsername("admin"));
            if (!registrations.list(null).isEmpty()) {
                return;
            }
            String configured = properties.demoPassword();
            boolean generated = configured == null || configured.isBlank();
            String password = generated ? generatedPassword() : configured;
            UUID institution = register("INSTITUTION", "星河消费金融股份有限公司（演示）", "91310000MA1FP0D01",
                    INSTITUTION_ADMIN, password);
            UUID agency = register("AGENCY", "安信催收服务有限公司（演示）", "91440300MA5G0K8X2", AGENCY_ADMIN, password);
            SignedInUser operator = signIn.loadUserByUsername("admin");
            registrations.approve(institution, operator, "演示数据");
            registrations.approve(agency, operator, "演示数据");
            actAs(signIn.loadUserByUsername(INSTITUTION_ADMIN));
            loadAccounts(signIn.loadUserByUsername(INSTITUTION_ADMIN));
            log.warn("""

                    ==============================================================
                      Demo data: institution admin '{}', agency admin '{}'
                      Password (shown only this once): {}
                      {} generated accounts are being loaded through intake.
                    ==============================================================""",
                    INSTITUTION_ADMIN, AGENCY_ADMIN, generated ? password : "from RECOURSE_DEMO_PASSWORD", ACCOUNTS);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private UUID register(String kind, String name, String creditCodePrefix, String admin, String password) {
        return registrations.register(new RegisterOrganisation(kind, name,
                UnifiedSocialCreditCode.withCheckCharacter(creditCodePrefix), "DEMO-" + admin, "演示联系人",
                "13800138000", admin, password));
    }

    private void loadAccounts(SignedInUser institutionAdmin) {
        try {
            Path file = Files.createTempFile("recourse-demo-", ".csv");
            try {
                new SampleAccounts(2026, clock.instant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate())
                        .writeCsv(file, ACCOUNTS, 0.01);
                try (InputStream content = Files.newInputStream(file)) {
                    intake.receiveFile(institutionAdmin, content, "demo-accounts.csv", "demo-data");
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Demo accounts could not be generated", e);
        }
    }

    /** The demo is set up through the same secured services a person would use, as that person. */
    private static void actAs(SignedInUser user) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private static String generatedPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder("Demo-");
        for (int i = 0; i < 14; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

}
