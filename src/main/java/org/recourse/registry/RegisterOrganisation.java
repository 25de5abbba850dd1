package org.recourse.registry;

import org.jspecify.annotations.Nullable;

/**
 * A request to join the platform as an institution or an agency, as typed by the applicant. Everything
 * may be missing or wrong here; {@link RegistrationDesk#register} checks it all and answers every error.
 */
public record RegisterOrganisation(
        @Nullable String kind,
        @Nullable String name,
        @Nullable String unifiedSocialCreditCode,
        @Nullable String licenceNumber,
        @Nullable String contactName,
        @Nullable String contactPhone,
        @Nullable String adminUsername,
        @Nullable String adminPassword) {
}
