package org.recourse.registry;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Who works for an organisation: other modules ask whether named people are enabled users of it. */
@Service
public class Colleagues {

    private final JdbcClient jdbc;

    Colleagues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Those of {@code users} who are enabled users of the organisation. */
    public Set<UUID> enabledAmong(UUID organisation, Collection<UUID> users) {
        if (users.isEmpty()) {
            return Set.of();
        }
        List<UUID> found = jdbc.sql("""
                select id from registry.user_account where organisation_id = :organisation and enabled and id in (:users)
                """).param("organisation", organisation).param("users", users).query(UUID.class).list();
        return Set.copyOf(found);
    }

    /** A person of an organisation as others name them: id and username. */
    public record Colleague(UUID id, String username) {
    }

    /** The enabled users of the organisation who hold the role, by username. */
    public List<Colleague> enabledWithRole(UUID organisation, Role role) {
        return jdbc.sql("""
                select id, username from registry.user_account
                 where organisation_id = :organisation and role = :role and enabled
                 order by username
                """).param("organisation", organisation).param("role", role.name())
                .query((row, n) -> new Colleague(row.getObject("id", UUID.class), row.getString("username"))).list();
    }
}
