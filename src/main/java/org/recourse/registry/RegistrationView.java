package org.recourse.registry;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A registration as the platform operator reviews it; the contact person's details come masked. */
public record RegistrationView(UUID id, OrganisationKind kind, String name, String unifiedSocialCreditCode,
                               @Nullable String licenceNumber, String contactName, String contactPhone,
                               @Nullable String adminUsername, OrganisationStatus status,
                               @Nullable String decisionReason, Instant registeredAt, @Nullable Instant decidedAt) {
}
