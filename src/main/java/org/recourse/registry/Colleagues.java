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
}
