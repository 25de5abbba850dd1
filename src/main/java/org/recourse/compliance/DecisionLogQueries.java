package org.recourse.compliance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the decision ledger for the compliance pages, one institution at a time: the log by keyset on
 * {@code (evaluated_at, id)} (index {@code decision_log_idx}), counts per rule and per asker over a period, and
 * one case's decisions and attempts. Names are not joined here: they live in other modules.
 */
@Repository
class DecisionLogQueries {

    private static final String DECISION_COLUMNS = """
            select d.id, d.evaluated_at, d.borrower_local_time, d.inputs ->> 'borrowerZone' as borrower_zone,
                   d.account_id, d.channel, d.purpose, d.outcome, d.pack, d.actor_organisation_id, d.actor_user_id,
                   array(select r ->> 'rule' from jsonb_array_elements(d.rules) r where r ->> 'outcome' = 'FAIL')
                       as failed
              from compliance.decision d
             where d.institution_id = :institution
            """;

    private static final String ATTEMPT_COLUMNS = """
            select a.id, a.direction, a.decision_id, a.channel, a.result, a.duration_seconds, a.occurred_at,
                   a.actor_organisation_id, a.actor_user_id
              from compliance.contact_attempt a
             where a.institution_id = :institution
            """;

    private final JdbcClient jdbc;

    DecisionLogQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A decision as the log reads it; {@code failed} holds rule names within {@code pack}. */
    record DecisionRow(UUID id, Instant evaluatedAt, LocalDateTime borrowerLocalTime, String borrowerZone,
            UUID caseId, String channel, String purpose, String outcome, String pack, UUID organisation, UUID user,
            List<String> failed) {
    }

    record AttemptRow(UUID id, String direction, @Nullable UUID decisionId, String channel, String result,
            @Nullable Integer durationSeconds, Instant occurredAt, UUID organisation, UUID user) {
    }

    /** Decisions matching the filter, newest first, after the cursor's entry. */
    List<DecisionRow> log(UUID institution, LogFilter filter, LogFilter.@Nullable Cursor after, int limit) {
        StringBuilder sql = new StringBuilder(DECISION_COLUMNS);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("institution", institution);
        if (filter.rule() != null) {
            // The containment test can use a GIN index on rules should the log outgrow the time index.
            sql.append(" and d.pack in (:rulePacks) and d.rules @> cast(:failing as jsonb)");
            params.put("rulePacks", filter.rulePacks());
            params.put("failing", "[{\"rule\":\"" + filter.rule() + "\",\"outcome\":\"FAIL\"}]");
        }
        if (filter.outcome() != null) {
            sql.append(" and d.outcome = :outcome");
            params.put("outcome", filter.outcome());
        }
        if (filter.agency() != null) {
            sql.append(" and d.actor_organisation_id = :agency");
            params.put("agency", filter.agency());
        }
        if (filter.collector() != null) {
            sql.append(" and d.actor_user_id = :collector");
            params.put("collector", filter.collector());
        }
        if (filter.since() != null) {
            sql.append(" and d.evaluated_at >= :since");
            params.put("since", filter.since().atOffset(ZoneOffset.UTC));
        }
        if (filter.until() != null) {
            sql.append(" and d.evaluated_at < :until");
            params.put("until", filter.until().atOffset(ZoneOffset.UTC));
        }
        if (after != null) {
            sql.append(" and (d.evaluated_at, d.id) < (:afterAt, :afterId)");
            params.put("afterAt", after.evaluatedAt().atOffset(ZoneOffset.UTC));
            params.put("afterId", after.id());
        }
        sql.append(" order by d.evaluated_at desc, d.id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query((row, n) -> decision(row)).list();
    }

    @Nullable
    DecisionRow decision(UUID institution, UUID id) {
        return jdbc.sql(DECISION_COLUMNS + " and d.id = :id").param("institution", institution).param("id", id)
                .query((row, n) -> decision(row)).optional().orElse(null);
    }

    /** Denials per pack and failing rule name from {@code since} (included) to {@code until} (excluded); the key is "pack rule". */
    Map<String, Long> denialsByRule(UUID institution, Instant since, Instant until) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select d.pack, r ->> 'rule' as rule, count(*) as denials
                  from compliance.decision d cross join lateral jsonb_array_elements(d.rules) r
                 where d.institution_id = :institution and d.evaluated_at >= :since and d.evaluated_at < :until
                   and d.outcome = 'DENY' and r ->> 'outcome' = 'FAIL'
                 group by d.pack, r ->> 'rule'
                """).param("institution", institution).param("since", since.atOffset(ZoneOffset.UTC))
                .param("until", until.atOffset(ZoneOffset.UTC))
                .query(row -> {
                    counts.put(row.getString("pack") + " " + row.getString("rule"), row.getLong("denials"));
                });
        return counts;
    }

    record AskerCount(UUID organisation, UUID user, long decisions, long denials) {
    }

    /** Decisions and denials from {@code since} (included) to {@code until} (excluded) per organisation and user that asked. */
    List<AskerCount> byAsker(UUID institution, Instant since, Instant until) {
        return jdbc.sql("""
                select actor_organisation_id, actor_user_id, count(*) as decisions,
                       count(*) filter (where outcome = 'DENY') as denials
                  from compliance.decision
                 where institution_id = :institution and evaluated_at >= :since and evaluated_at < :until
                 group by actor_organisation_id, actor_user_id
                """).param("institution", institution).param("since", since.atOffset(ZoneOffset.UTC))
                .param("until", until.atOffset(ZoneOffset.UTC))
                .query((row, n) -> new AskerCount(row.getObject("actor_organisation_id", UUID.class),
                        row.getObject("actor_user_id", UUID.class), row.getLong("decisions"), row.getLong("denials")))
                .list();
    }

    @Nullable
    AttemptRow attemptFor(UUID institution, UUID decision) {
        return jdbc.sql(ATTEMPT_COLUMNS + " and a.decision_id = :decision").param("institution", institution)
                .param("decision", decision).query((row, n) -> attempt(row)).optional().orElse(null);
    }

    /** The case's latest {@code limit} decisions, newest first. */
    List<DecisionRow> decisionsOfCase(UUID institution, UUID caseId, int limit) {
        return jdbc.sql(DECISION_COLUMNS + " and d.account_id = :case order by d.evaluated_at desc, d.id desc limit :limit")
                .param("institution", institution).param("case", caseId).param("limit", limit)
                .query((row, n) -> decision(row)).list();
    }

    /** The case's latest {@code limit} attempts, inbound and outbound, newest first. */
    List<AttemptRow> attemptsOfCase(UUID institution, UUID caseId, int limit) {
        return jdbc.sql(ATTEMPT_COLUMNS + " and a.account_id = :case order by a.occurred_at desc, a.id desc limit :limit")
                .param("institution", institution).param("case", caseId).param("limit", limit)
                .query((row, n) -> attempt(row)).list();
    }

    private static DecisionRow decision(ResultSet row) throws SQLException {
        String[] failed = (String[]) row.getArray("failed").getArray();
        return new DecisionRow(row.getObject("id", UUID.class), row.getTimestamp("evaluated_at").toInstant(),
                row.getObject("borrower_local_time", LocalDateTime.class), row.getString("borrower_zone"),
                row.getObject("account_id", UUID.class), row.getString("channel"), row.getString("purpose"),
                row.getString("outcome"), row.getString("pack"), row.getObject("actor_organisation_id", UUID.class),
                row.getObject("actor_user_id", UUID.class), List.copyOf(Arrays.asList(failed)));
    }

    private static AttemptRow attempt(ResultSet row) throws SQLException {
        return new AttemptRow(row.getObject("id", UUID.class), row.getString("direction"),
                row.getObject("decision_id", UUID.class), row.getString("channel"), row.getString("result"),
                row.getObject("duration_seconds", Integer.class), row.getTimestamp("occurred_at").toInstant(),
                row.getObject("actor_organisation_id", UUID.class), row.getObject("actor_user_id", UUID.class));
    }
}
