package org.recourse.registry;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An organisation on the platform. An institution or agency starts {@code PENDING} when it registers and
 * is approved or rejected once, by the platform operator; the decision and its reason are kept.
 * Contact details are held encrypted: this type never sees them in clear.
 */
final class Organisation {

    private final OrganisationId id;
    private final OrganisationKind kind;
    private final String name;
    private final @Nullable String creditCode;
    private final @Nullable String licenceNumber;
    private final @Nullable String contactNameEncrypted;
    private final @Nullable String contactPhoneEncrypted;
    private final Instant registeredAt;
    private final long version;
    private OrganisationStatus status;
    private @Nullable String decisionReason;
    private @Nullable Instant decidedAt;
    private @Nullable UserId decidedBy;

    Organisation(OrganisationId id, OrganisationKind kind, String name, @Nullable String creditCode,
                 @Nullable String licenceNumber, @Nullable String contactNameEncrypted,
                 @Nullable String contactPhoneEncrypted, OrganisationStatus status, @Nullable String decisionReason,
                 @Nullable Instant decidedAt, @Nullable UserId decidedBy, Instant registeredAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
        // Only the platform operator itself has no credit code: every registrant must prove it exists.
        if (kind != OrganisationKind.PLATFORM && creditCode == null) {
            throw new IllegalArgumentException("An institution or agency needs a unified social credit code");
        }
        this.creditCode = creditCode;
        this.licenceNumber = licenceNumber;
        this.contactNameEncrypted = contactNameEncrypted;
        this.contactPhoneEncrypted = contactPhoneEncrypted;
        this.status = Objects.requireNonNull(status, "status");
        this.decisionReason = decisionReason;
        this.decidedAt = decidedAt;
        this.decidedBy = decidedBy;
        this.registeredAt = Objects.requireNonNull(registeredAt, "registeredAt");
        this.version = version;
    }

    static Organisation register(OrganisationKind kind, String name, String creditCode, String licenceNumber,
                                 String contactNameEncrypted, String contactPhoneEncrypted, Instant at) {
        return new Organisation(OrganisationId.newId(), kind, name, creditCode, licenceNumber, contactNameEncrypted,
                contactPhoneEncrypted, OrganisationStatus.PENDING, null, null, null, at, 0);
    }

    /** The platform operator's own organisation, created approved on first start. */
    static Organisation platform(String name, Instant at) {
        return new Organisation(OrganisationId.newId(), OrganisationKind.PLATFORM, name, null, null, null, null,
                OrganisationStatus.APPROVED, null, at, null, at, 0);
    }

    void approve(UserId by, Instant at, @Nullable String comment) {
        decide(OrganisationStatus.APPROVED, by, at, comment);
    }

    void reject(UserId by, Instant at, String reason) {
        decide(OrganisationStatus.REJECTED, by, at, Objects.requireNonNull(reason, "reason"));
    }

    private void decide(OrganisationStatus outcome, UserId by, Instant at, @Nullable String reason) {
        // A registration is decided once; a rejected applicant registers again rather than being flipped.
        if (status != OrganisationStatus.PENDING) {
            throw RegistryProblem.alreadyDecided(status);
        }
        status = outcome;
        decidedBy = by;
        decidedAt = at;
        decisionReason = reason;
    }

    OrganisationId id() { return id; }
    OrganisationKind kind() { return kind; }
    String name() { return name; }
    @Nullable String creditCode() { return creditCode; }
    @Nullable String licenceNumber() { return licenceNumber; }
    @Nullable String contactNameEncrypted() { return contactNameEncrypted; }
    @Nullable String contactPhoneEncrypted() { return contactPhoneEncrypted; }
    OrganisationStatus status() { return status; }
    @Nullable String decisionReason() { return decisionReason; }
    @Nullable Instant decidedAt() { return decidedAt; }
    @Nullable UserId decidedBy() { return decidedBy; }
    Instant registeredAt() { return registeredAt; }
    long version() { return version; }
}
