package org.recourse.strategy;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.recourse.compliance.screening.ScreeningFinding;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Institutions' approved message templates. */
@Repository
class TemplateStore {

    private static final TypeReference<List<ScreeningFinding>> FINDINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TemplateStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the template; false when the institution already has one of that name (the unique key decides). */
    boolean insert(UUID institution, MessageTemplate template, UUID by) {
        try {
            jdbc.sql("""
                    insert into strategy.template (id, institution_id, name, channel, recipient, body, screening_outcome,
                        findings, terms_version, created_at, created_by)
                    values (:id, :institution, :name, :channel, :recipient, :body, :outcome, cast(:findings as jsonb),
                        :terms, :at, :by)
                    """)
                    .param("id", template.id()).param("institution", institution).param("name", template.name())
                    .param("channel", template.channel().name()).param("recipient", template.recipient())
                    .param("body", template.text()).param("outcome", template.screeningOutcome())
                    .param("findings", json.writeValueAsString(template.findings()))
                    .param("terms", template.termsVersion()).param("at", template.createdAt().atOffset(java.time.ZoneOffset.UTC))
                    .param("by", by)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    List<MessageTemplate> list(UUID institution) {
        return jdbc.sql(SELECT + " where institution_id = :institution order by name")
                .param("institution", institution).query((row, n) -> template(row)).list();
    }

    /** The institution's templates among {@code ids}, by id; others' are left out. */
    Map<UUID, MessageTemplate> of(UUID institution, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(SELECT + " where institution_id = :institution and id = any(:ids)")
                .param("institution", institution).param("ids", ids.toArray(UUID[]::new))
                .query((row, n) -> template(row)).list().stream()
                .collect(Collectors.toMap(MessageTemplate::id, template -> template));
    }

    private static final String SELECT = """
            select id, name, channel, recipient, body, screening_outcome, findings::text as findings, terms_version,
                   created_at
              from strategy.template
            """;

    private MessageTemplate template(java.sql.ResultSet row) throws java.sql.SQLException {
        Instant created = row.getObject("created_at", java.time.OffsetDateTime.class).toInstant();
        return new MessageTemplate(row.getObject("id", UUID.class), row.getString("name"),
                TemplateChannel.valueOf(row.getString("channel")), row.getString("recipient"), row.getString("body"),
                row.getString("screening_outcome"), json.readValue(row.getString("findings"), FINDINGS),
                row.getString("terms_version"), created);
    }
}
