package org.recourse.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.PersonalDataCipher;
import org.recourse.shared.PhoneNumber;
import org.recourse.shared.UnifiedSocialCreditCode;
import org.springframework.context.ApplicationEventPublisher;
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
    private final Registrations registrations;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RegistrationDesk(Organisations organisations, UserAccounts users, Registrations registrations,
                     PasswordEncoder passwordEncoder, PersonalDataCipher cipher, Clock clock,
                     ApplicationEventPublisher events) {
        this.organisations = organisations;
        this.users = users;
        this.registrations = registrations;
        this.passwordEncoder = passwordEncoder;
        this.cipher = cipher;
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
        return registrations.list(status);
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Transactional(readOnly = true)
    public RegistrationView find(UUID registration) {
        return registrations.find(registration).orElseThrow(RegistryProblem::registrationNotFound);
    }

    /**
     * The contact person's name and phone in full. Revealing personal data is a permission (platform
     * administrators) and an audited event, written in the same transaction as the read.
     */
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Transactional
    public Contact revealContact(UUID registration, SignedInUser operator) {
        Contact contact = registrations.contact(registration).orElseThrow(RegistryProblem::registrationNotFound);
        events.publishEvent(new RegistryEvent.PersonalDataRevealed(new OrganisationId(registration), operator.actor(),
                "contactName,contactPhone"));
        return contact;
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

}
