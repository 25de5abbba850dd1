package org.recourse.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The user accounts, stored in {@code registry.user_account}. Every read for an organisation's own
 * administration takes the organisation id, so one tenant cannot reach another's users by guessing ids.
 */
@Repository
class UserAccounts {

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(UserAccount user, String usernameField) {
        try {
            jdbc.sql("""
                    insert into registry.user_account (id, organisation_id, username, display_name, password_hash, role,
                        enabled, created_at)
                    values (:id, :organisation, :username, :displayName, :hash, :role, :enabled, :createdAt)
                    """)
                    .param("id", user.id().value())
                    .param("organisation", user.organisationId().value())
                    .param("username", user.username())
                    .param("displayName", user.displayName())
                    .param("hash", user.passwordHash())
                    .param("role", user.role().name())
                    .param("enabled", user.enabled())
                    .param("createdAt", Organisations.timestamp(user.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw RegistryProblem.usernameTaken(usernameField);
        }
    }

    /** The user, but only if it belongs to {@code organisation}. */
    Optional<UserAccount> find(UserId id, OrganisationId organisation) {
        return jdbc.sql("select * from registry.user_account where id = :id and organisation_id = :organisation")
                .param("id", id.value())
                .param("organisation", organisation.value())
                .query(UserAccounts::map)
                .optional();
    }

    List<UserView> list(OrganisationId organisation) {
        return jdbc.sql("""
                select id, username, display_name, role, enabled, locked_until, created_at
                  from registry.user_account where organisation_id = :organisation order by created_at, username
                """)
                .param("organisation", organisation.value())
                .query(UserAccounts::view)
                .list();
    }

    Optional<UserView> view(UserId id, OrganisationId organisation) {
        return jdbc.sql("""
                select id, username, display_name, role, enabled, locked_until, created_at
                  from registry.user_account where id = :id and organisation_id = :organisation
                """)
                .param("id", id.value())
                .param("organisation", organisation.value())
                .query(UserAccounts::view)
                .optional();
    }

    void save(UserAccount user) {
        jdbc.sql("""
                update registry.user_account set enabled = :enabled, password_hash = :hash
                 where id = :id and organisation_id = :organisation
                """)
                .param("enabled", user.enabled())
                .param("hash", user.passwordHash())
                .param("id", user.id().value())
                .param("organisation", user.organisationId().value())
                .update();
    }

    /** Lifts a lock-out, as a password reset by an administrator does. */
    void clearLockout(UserId id) {
        jdbc.sql("update registry.user_account set failed_sign_ins = 0, locked_until = null where id = :id")
                .param("id", id.value())
                .update();
    }

    private static UserAccount map(ResultSet row, int rowNumber) throws SQLException {
        return new UserAccount(
                new UserId(row.getObject("id", UUID.class)),
                new OrganisationId(row.getObject("organisation_id", UUID.class)),
                row.getString("username"),
                row.getString("display_name"),
                row.getString("password_hash"),
                Role.valueOf(row.getString("role")),
                row.getBoolean("enabled"),
                Organisations.instant(row, "created_at"));
    }

    private static UserView view(ResultSet row, int rowNumber) throws SQLException {
        Instant lockedUntil = Organisations.instant(row, "locked_until");
        return new UserView(
                row.getObject("id", UUID.class),
                row.getString("username"),
                row.getString("display_name"),
                Role.valueOf(row.getString("role")),
                row.getBoolean("enabled"),
                lockedUntil,
                Organisations.instant(row, "created_at"));
    }
}
