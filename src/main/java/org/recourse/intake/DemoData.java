package org.recourse.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.recourse.registry.ContractDesk;
import org.recourse.registry.ContractId;
import org.recourse.registry.NewContract;
import org.recourse.registry.RegisterOrganisation;
import org.recourse.registry.RegistrationDesk;
import org.recourse.registry.SignInGuard;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.RecourseProperties;
import org.recourse.shared.UnifiedSocialCreditCode;
import org.recourse.strategy.MessageTemplate;
import org.recourse.strategy.NewTemplate;
import org.recourse.strategy.StrategyDefinition;
import org.recourse.strategy.StrategyDefinition.Conditions;
import org.recourse.strategy.StrategyDefinition.Segment;
import org.recourse.strategy.StrategyDefinition.Step;
import org.recourse.strategy.StrategyDesk;
import org.recourse.strategy.StrategyView;
import org.recourse.strategy.TemplateDesk;
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
 * sent through the ordinary intake path (so the demo also shows rejected rows); an entrustment contract between
 * the two, accepted, and an active strategy (a reminder text, calls and internal work for M1, placement with the
 * agency for M2–M3), so that the first nights place cases and plan tasks. Off with RECOURSE_DEMO=false.
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
    private final ContractDesk contracts;
    private final TemplateDesk templates;
    private final StrategyDesk strategies;
    private final Clock clock;

    DemoData(RecourseProperties properties, RegistrationDesk registrations, SignInGuard signIn, IntakeDesk intake,
             ContractDesk contracts, TemplateDesk templates, StrategyDesk strategies, Clock clock) {
        this.properties = properties;
        this.registrations = registrations;
        this.signIn = signIn;
        this.intake = intake;
        this.contracts = contracts;
        this.templates = templates;
        this.strategies = strategies;
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
            contractAndStrategy(signIn.loadUserByUsername(INSTITUTION_ADMIN), signIn.loadUserByUsername(AGENCY_ADMIN),
                    clock.instant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate());
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

    /**
     * The institution proposes a contract to the agency (any product and province, M1–M3, 2,000 open placements, half
     * a year from today), the agency accepts it, and the institution writes a reminder text and a strategy, active
     * from today: M1 a text on entering, a call the next day, internal work on the third; M2–M3 placed with an agency
     * on entering and called the next day; everything else internal work. Each as the person who would do it.
     */
    void contractAndStrategy(SignedInUser institutionAdmin, SignedInUser agencyAdmin, LocalDate today) {
        actAs(institutionAdmin);
        ContractId contract = contracts.propose(institutionAdmin, new NewContract(
                agencyAdmin.organisationId().toString(), List.of(), List.of("M1", "M2", "M3"), List.of(),
                Map.of("M1", "0.08", "M2", "0.12", "M3", "0.18"), "2000", today.toString(),
                today.plusMonths(6).toString()));
        actAs(agencyAdmin);
        contracts.accept(agencyAdmin, contract.value(), "演示数据");
        actAs(institutionAdmin);
        MessageTemplate reminder = templates.add(institutionAdmin, new NewTemplate("到期提醒（演示）", "SMS", "BORROWER",
                "{{institution}}提醒您：本期账单已到期，请及时处理。工号{{badge}}"));
        String text = reminder.id().toString();
        StrategyView.Saved saved = strategies.create(institutionAdmin, new StrategyDefinition("演示策略", List.of(
                new Segment("M1 提醒", new Conditions(List.of("M1"), null, null, null, null, null, null),
                        List.of(new Step(0, "SMS", text), new Step(1, "VOICE", null),
                                new Step(3, "INTERNAL_QUEUE", null)), List.of()),
                new Segment("M2–M3 委外", new Conditions(List.of("M2", "M3"), null, null, null, null, null, null),
                        List.of(new Step(0, "PLACE_WITH_AGENCY", null), new Step(1, "VOICE", null)), List.of()),
                new Segment("其余", null, List.of(new Step(0, "INTERNAL_QUEUE", null)), List.of()))));
        strategies.activate(institutionAdmin, saved.id(), today.toString(), null);
    }

    /** The demo is set up through the same secured services a person would use, as that person. */
    static void actAs(SignedInUser user) {
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
