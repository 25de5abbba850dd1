package org.recourse.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.Masking;
import org.recourse.shared.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The review queue as the platform operator reads it: registrations with their admin, contact masked. */
@Repository
class Registrations {

    private static final String VIEW = """
            select o.id, o.kind, o.name, o.credit_code, o.licence_number, o.contact_name_enc, o.contact_phone_enc,
                   o.status, o.decision_reason, o.registered_at, o.decided_at,
                   (select u.username from registry.user_account u
                     where u.organisation_id = o.id order by u.created_at limit 1) as admin_username
              from registry.organisation o
             where o.kind <> 'PLATFORM'
            """;

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    Registrations(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Newest first; the queue is short-lived, so 500 rows is more than a day's registrations. */
    List<RegistrationView> list(@Nullable OrganisationStatus status) {
        return jdbc.sql(VIEW + " and (:status::text is null or o.status = :status) order by o.registered_at desc limit 500")
                .param("status", status == null ? null : status.name())
                .query((row, n) -> view(row))
                .list();
    }

    Optional<RegistrationView> find(UUID id) {
        return jdbc.sql(VIEW + " and o.id = :id")
                .param("id", id)
                .query((row, n) -> view(row))
                .optional();
    }

    /** The contact person in clear, for the operator who must call them to verify the registration. */
    Optional<Contact> contact(UUID id) {
        return jdbc.sql("select contact_name_enc, contact_phone_enc from registry.organisation "
                        + "where id = :id and kind <> 'PLATFORM'")
                .param("id", id)
                .query((row, n) -> new Contact(cipher.decrypt(row.getString("contact_name_enc")),
                        cipher.decrypt(row.getString("contact_phone_enc"))))
                .optional();
    }

    private RegistrationView view(ResultSet row) throws SQLException {
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
