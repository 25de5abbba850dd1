package org.recourse.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.Masking;
import org.recourse.shared.PersonalDataCipher;
import org.recourse.shared.PhoneNumber;
import org.recourse.shared.UnifiedSocialCreditCode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where institutions and agencies apply to join and the platform operator decides: register (anyone),
 * list, approve and reject (platform administrators only). A registration creates the organisation and
 * its administrator together; neither exists without the other.
 */
@Service
public class RegistrationDesk {

    private final Organisations organisations;
    private final UserAccounts users;
    private final PasswordEncoder passwordEncoder;
    private final PersonalDataCipher cipher;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RegistrationDesk(Organisations organisations, UserAccounts users, PasswordEncoder passwordEncoder,
                     PersonalDataCipher cipher, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.organisations = organisations;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** Checks every field, then stores the organisation as PENDING with its administrator. */
    @Transactional
    public UUID register(RegisterOrganisation request) {
        FieldChecks checks = new FieldChecks();
        OrganisationKind kind = kind(checks, request.kind());
        String name = checks.text("name", request.name(), 2, 100);
        String creditCode = creditCode(checks, request.unifiedSocialCreditCode());
        String licence = checks.text("licenceNumber", request.licenceNumber(), 1, 64);
        String contactName = checks.text("contactName", request.contactName(), 1, 50);
        String contactPhone = request.contactPhone() == null || request.contactPhone().isBlank()
                ? checks.reject("contactPhone", "required")
                : PhoneNumber.normaliseContactPhone(request.contactPhone())
                        .orElseGet(() -> checks.reject("contactPhone", "phone.format"));
        String username = Credentials.username(checks, "adminUsername", request.adminUsername());
        String password = Credentials.password(checks, "adminPassword", request.adminPassword(), username);
        if (checks.hasErrors()) {
            throw RegistryProblem.invalid(checks.errors());
        }
        Instant now = clock.instant();
        Organisation organisation = Organisation.register(kind, name, creditCode, licence,
                cipher.encrypt(contactName), cipher.encrypt(contactPhone), now);
        organisations.add(organisation);
        UserAccount admin = UserAccount.create(organisation.id(), kind, username, contactName,
                passwordEncoder.encode(password), kind.administratorRole(), now);
        users.add(admin, "adminUsername");
        events.publishEvent(new RegistryEvent.RegistrationSubmitted(organisation.id(), kind));
        events.publishEvent(new RegistryEvent.UserCreated(admin.id(), organisation.id(), admin.role(), null));
        return organisation.id().value();
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Transactional
    public void approve(UUID registration, SignedInUser operator, @Nullable String comment) {
        FieldChecks checks = new FieldChecks();
        String text = checks.optionalText("reason", comment, 500);
        if (checks.hasErrors()) {
            throw RegistryProblem.invalid(checks.errors());
        }
        Organisation organisation = registration(registration);
        organisation.approve(new UserId(operator.userId()), clock.instant(), text);
        organisations.saveDecision(organisation);
        events.publishEvent(new RegistryEvent.RegistrationApproved(organisation.id(), operator.actor(), text));
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Transactional
    public void reject(UUID registration, SignedInUser operator, @Nullable String reason) {
        FieldChecks checks = new FieldChecks();
        String text = checks.text("reason", reason, 2, 500);
        if (checks.hasErrors()) {
            throw RegistryProblem.invalid(checks.errors());
        }
        Organisation organisation = registration(registration);
        organisation.reject(new UserId(operator.userId()), clock.instant(), text);
        organisations.saveDecision(organisation);
        events.publishEvent(new RegistryEvent.RegistrationRejected(organisation.id(), operator.actor(), text));
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Transactional(readOnly = true)
    public List<RegistrationView> list(@Nullable OrganisationStatus status) {
        return jdbc.sql(VIEW + " where o.kind <> 'PLATFORM' and (:status::text is null or o.status = :status)"
                        + " order by o.registered_at desc limit 500")
                .param("status", status == null ? null : status.name())
                .query((row, n) -> view(row))
                .list();
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Transactional(readOnly = true)
    public RegistrationView find(UUID registration) {
        return jdbc.sql(VIEW + " where o.kind <> 'PLATFORM' and o.id = :id")
                .param("id", registration)
                .query((row, n) -> view(row))
                .optional()
                .orElseThrow(RegistryProblem::registrationNotFound);
    }

    private Organisation registration(UUID id) {
        return organisations.find(new OrganisationId(id))
                .filter(organisation -> organisation.kind() != OrganisationKind.PLATFORM)
                .orElseThrow(RegistryProblem::registrationNotFound);
    }

    private static @Nullable OrganisationKind kind(FieldChecks checks, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            checks.reject("kind", "required");
            return null;
        }
        return switch (raw.strip().toUpperCase(Locale.ROOT)) {
            case "INSTITUTION" -> OrganisationKind.INSTITUTION;
            case "AGENCY" -> OrganisationKind.AGENCY;
            default -> {
                checks.reject("kind", "kind.unknown");
                yield null;
            }
        };
    }

    private static @Nullable String creditCode(FieldChecks checks, @Nullable String raw) {
        String code = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            return checks.reject("unifiedSocialCreditCode", "required");
        }
        if (!code.matches("[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}")) {
            return checks.reject("unifiedSocialCreditCode", "credit_code.format");
        }
        return checks.check("unifiedSocialCreditCode", UnifiedSocialCreditCode.isValid(code), "credit_code.checksum")
                ? code : null;
    }

    private static final String VIEW = """
            select o.id, o.kind, o.name, o.credit_code, o.licence_number, o.contact_name_enc, o.contact_phone_enc,
                   o.status, o.decision_reason, o.registered_at, o.decided_at,
                   (select u.username from registry.user_account u
                     where u.organisation_id = o.id order by u.created_at limit 1) as admin_username
              from registry.organisation o
            """;

    private RegistrationView view(java.sql.ResultSet row) throws java.sql.SQLException {
        return new RegistrationView(
                row.getObject("id", UUID.class),
                OrganisationKind.valueOf(row.getString("kind")),
                row.getString("name"),
                row.getString("credit_code"),
                row.getString("licence_number"),
                Masking.personName(cipher.decrypt(row.getString("contact_name_enc"))),
                Masking.phone(cipher.decrypt(row.getString("contact_phone_enc"))),
                row.getString("admin_username"),
                OrganisationStatus.valueOf(row.getString("status")),
                row.getString("decision_reason"),
                Organisations.instant(row, "registered_at"),
                Organisations.instant(row, "decided_at"));
    }
}
