package org.recourse.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organisations, stored in {@code registry.organisation}. */
@Repository
class Organisations {

    private final JdbcClient jdbc;

    Organisations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Organisation organisation) {
        try {
            jdbc.sql("""
                    insert into registry.organisation (id, kind, name, credit_code, licence_number, contact_name_enc,
                        contact_phone_enc, status, decision_reason, decided_at, decided_by, registered_at, version)
                    values (:id, :kind, :name, :creditCode, :licence, :contactName, :contactPhone, :status, :reason,
                        :decidedAt, :decidedBy, :registeredAt, 0)
                    """)
                    .param("id", organisation.id().value())
                    .param("kind", organisation.kind().name())
                    .param("name", organisation.name())
                    .param("creditCode", organisation.creditCode())
                    .param("licence", organisation.licenceNumber())
                    .param("contactName", organisation.contactNameEncrypted())
                    .param("contactPhone", organisation.contactPhoneEncrypted())
                    .param("status", organisation.status().name())
                    .param("reason", organisation.decisionReason())
                    .param("decidedAt", timestamp(organisation.decidedAt()))
                    .param("decidedBy", organisation.decidedBy() == null ? null : organisation.decidedBy().value())
                    .param("registeredAt", timestamp(organisation.registeredAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            // The unique constraint decides, not a check before the insert: two registrations may race.
            throw RegistryProblem.creditCodeTaken();
        }
    }

    Optional<Organisation> find(OrganisationId id) {
        return jdbc.sql("select * from registry.organisation where id = :id")
                .param("id", id.value())
                .query(Organisations::map)
                .optional();
    }

    /** The approved agencies by name; a platform has hundreds of agencies at most, so 1,000 is all of them. */
    List<ContractDesk.Agency> approvedAgencies() {
        return jdbc.sql("""
                select id, name from registry.organisation where kind = 'AGENCY' and status = 'APPROVED'
                 order by name, id limit 1000
                """)
                .query(ContractDesk.Agency.class).list();
    }

    boolean platformExists() {
        return jdbc.sql("select exists (select 1 from registry.organisation where kind = 'PLATFORM')")
                .query(Boolean.class).single();
    }

    /** Writes a decision; fails if someone else decided in the meantime (optimistic lock on version). */
    void saveDecision(Organisation organisation) {
        int updated = jdbc.sql("""
                update registry.organisation
                   set status = :status, decision_reason = :reason, decided_at = :decidedAt, decided_by = :decidedBy,
                       version = version + 1
                 where id = :id and version = :version
                """)
                .param("status", organisation.status().name())
                .param("reason", organisation.decisionReason())
                .param("decidedAt", timestamp(organisation.decidedAt()))
                .param("decidedBy", organisation.decidedBy() == null ? null : organisation.decidedBy().value())
                .param("id", organisation.id().value())
                .param("version", organisation.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Organisation " + organisation.id() + " changed concurrently");
        }
    }

    static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Organisation map(ResultSet row, int rowNumber) throws SQLException {
        UUID decidedBy = row.getObject("decided_by", UUID.class);
        return new Organisation(
                new OrganisationId(row.getObject("id", UUID.class)),
                OrganisationKind.valueOf(row.getString("kind")),
                row.getString("name"),
                row.getString("credit_code"),
                row.getString("licence_number"),
                row.getString("contact_name_enc"),
                row.getString("contact_phone_enc"),
                OrganisationStatus.valueOf(row.getString("status")),
                row.getString("decision_reason"),
                instant(row, "decided_at"),
                decidedBy == null ? null : new UserId(decidedBy),
                instant(row, "registered_at"),
                row.getLong("version"));
    }
}
