package org.recourse.audit;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.recourse.shared.AuditableEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends every {@link AuditableEvent} to {@code audit.audit_event}. It listens synchronously, inside
 * the publisher's transaction, so a change is never committed without its audit line (and a failed
 * audit insert rolls the change back).
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = JsonMapper.builder().build();
    }

    @EventListener
    void append(AuditableEvent event) {
        AuditableEvent.Actor actor = event.actor();
        jdbc.sql("""
                insert into audit.audit_event (occurred_at, action, organisation_id, actor_user_id, actor_username,
                    actor_org_id, subject, details)
                values (:at, :action, :organisation, :actorId, :actorName, :actorOrg, :subject, :details::jsonb)
                """)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("action", event.action())
                .param("organisation", event.organisationId())
                .param("actorId", actor == null ? null : actor.userId())
                .param("actorName", actor == null ? null : actor.username())
                .param("actorOrg", actor == null ? null : actor.organisationId())
                .param("subject", event.subject())
                .param("details", json.writeValueAsString(event.details()))
                .update();
    }

    /** The latest entries concerning one organisation, newest first. */
    public List<AuditEntry> latest(UUID organisation, int limit) {
        return jdbc.sql("""
                select occurred_at, action, actor_username, subject, details::text as details
                  from audit.audit_event where organisation_id = :organisation
                 order by occurred_at desc, id desc limit :limit
                """)
                .param("organisation", organisation)
                .param("limit", Math.min(Math.max(limit, 1), 500))
                .query(AuditEntry.class)
                .list();
    }

    /** One line of the trail as a reader sees it. */
    public record AuditEntry(java.time.OffsetDateTime occurredAt, String action, @org.jspecify.annotations.Nullable String actorUsername,
                             String subject, String details) {
    }
}
