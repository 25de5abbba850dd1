package org.recourse.registry;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The names behind the ids other modules keep in their records (who acted, for which organisation), looked up
 * a page at a time so that a list shows names without a query per row. The caller has already scoped the ids
 * to its tenant; a name is not personal data beyond the username people sign in with.
 */
@Service
public class Directory {

    private final JdbcClient jdbc;

    Directory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Usernames by user id; ids that name no user are left out. */
    public Map<UUID, String> usernames(Collection<UUID> users) {
        return names("select id, username as name from registry.user_account where id in (:ids)", users);
    }

    /** Organisation names by id; ids that name no organisation are left out. */
    public Map<UUID, String> organisationNames(Collection<UUID> organisations) {
        return names("select id, name from registry.organisation where id in (:ids)", organisations);
    }

    private Map<UUID, String> names(String sql, Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql(sql).param("ids", ids).query(row -> {
            names.put(row.getObject("id", UUID.class), row.getString("name"));
        });
        return names;
    }
}
