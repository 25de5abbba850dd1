package org.recourse.compliance;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseViews.ContactOwner;
import org.recourse.cases.ContactTargets;
import org.recourse.cases.ContactTargets.ContactTarget;
import org.recourse.compliance.LedgerFacts.Entry;
import org.recourse.shared.ContactChannel;
import org.recourse.shared.db.PositionalStatement;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The contact ledger: attempts and live reservations, counted per borrower across the institution and all
 * its agencies (they all write here, under the institution's id). Decisions about one borrower take the
 * borrower's transaction lock first, so two racing for the last slot are served one after the other and the
 * second sees the first one's reservation.
 */
@Repository
class ContactLedger {

    /** Attempts that did not reach the borrower (a rejected call did reach them: they hung up). */
    private static final Set<String> FAILED_CALLS = Set.of("NO_ANSWER", "BUSY", "FAILED", "WRONG_NUMBER");

    /**
     * The borrower's lock, held until the transaction ends; the key from the case's borrower (none is taken when the
     * institution has no such case). The same key as {@link #lockedDecision}'s: institution/borrower.
     */
    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended(:prefix || "
            + ContactTargets.BORROWER_OF_CASE + "::text, 7));\n";

    /** The borrower's outbound attempts of the local day and the live reservations. */
    private static final String TODAY = """
            select channel, result, contact_point_id, null::timestamptz as reserved_until
              from compliance.contact_attempt
             where institution_id = :institution and borrower_id = %1$s and local_day = :day
               and direction = 'OUTBOUND'
            union all
            select d.channel, null, d.contact_point_id, d.valid_until
              from compliance.decision d
             where d.institution_id = :institution and d.borrower_id = %1$s and d.local_day = :day
               and d.outcome = 'ALLOW' and d.valid_until > :now
               and not exists (select 1 from compliance.contact_attempt a where a.decision_id = d.id);
            """;

    /** What earlier attempts taught about the borrower's points (wrong numbers, refusals). */
    private static final String POINT_STATES = """
            select contact_point_id, invalid_since is not null as invalid, refused_since is not null as refused
              from compliance.contact_point_state
             where institution_id = :institution and borrower_id = %1$s;
            """;

    /** The overlay version in force now and whether the caller's number is registered (null hash: not given). */
    private static final String CONTEXT = """
            select coalesce((select max(version) from compliance.policy_overlay where institution_id = :institution), 0)
                       as overlay_version,
                   exists (select 1 from compliance.outbound_number
                            where organisation_id = :organisation and number_hash = :numberHash) as registered
            """;

    /** The batch of a decision: the lock, the case, the ledger, the states and the context, the borrower by case. */
    private static final PositionalStatement DECISION_BATCH = PositionalStatement.of(LOCK + ContactTargets.TARGET_SQL
            + ";\n" + TODAY.formatted(ContactTargets.BORROWER_OF_CASE)
            + POINT_STATES.formatted(ContactTargets.BORROWER_OF_CASE) + CONTEXT);

    /** The ledger, states and context again, under the lock already held, the borrower known. */
    private static final PositionalStatement LEDGER_BATCH = PositionalStatement.of(TODAY.formatted(":borrower")
            + POINT_STATES.formatted(":borrower") + CONTEXT);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ContactTargets targets;

    ContactLedger(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ContactTargets targets) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.targets = targets;
    }

    /**
     * What a decision reads under the borrower's lock: the case (empty when the institution has no such case), the
     * day's ledger and the states of the borrower's points, the institution's overlay version (to tell whether the
     * policy it holds is still the one in force) and whether the caller's number is registered.
     */
    record DecisionReading(Optional<ContactTarget> target, List<Entry> today, PointStates states, int overlayVersion,
            boolean numberRegistered) {
    }

    /**
     * Takes the borrower's lock and reads the case and the ledger in one round trip: the statements travel together,
     * the lock's key is taken from the case's borrower by subquery, and each statement after the lock takes its
     * snapshot only once the lock is held, so it sees every decision committed before. The contacts are decrypted
     * afterwards; the states of all the borrower's points are read, so which of them are phones need not be known yet.
     */
    DecisionReading lockAndRead(UUID institution, UUID caseId, UUID point, LocalDate day, Instant now,
            UUID organisation, byte @Nullable [] numberHash) {
        PositionalStatement.Values values = parameters(DECISION_BATCH, institution, day, now, organisation, numberHash)
                .set("prefix", institution + "/").set("caseId", caseId);
        return batch.getJdbcTemplate().execute(values, statement -> {
            statement.execute();
            statement.getMoreResults();
            Optional<ContactTarget> target;
            try (ResultSet rows = statement.getResultSet()) {
                target = targets.target(rows, caseId, point, now);
            }
            statement.getMoreResults();
            return reading(statement, target);
        });
    }

    /** The day's ledger, the states and the context again (another day), under the borrower's lock already held. */
    DecisionReading reread(UUID institution, ContactTarget target, LocalDate day, Instant now, UUID organisation,
            byte @Nullable [] numberHash) {
        PositionalStatement.Values values = parameters(LEDGER_BATCH, institution, day, now, organisation, numberHash)
                .set("borrower", target.borrowerId());
        return batch.getJdbcTemplate().execute(values, statement -> {
            statement.execute();
            return reading(statement, Optional.of(target));
        });
    }

    private static PositionalStatement.Values parameters(PositionalStatement statement, UUID institution,
            LocalDate day, Instant now, UUID organisation, byte @Nullable [] numberHash) {
        return statement.values().set("institution", institution).set("day", day).set("now", now.atOffset(ZoneOffset.UTC))
                .set("organisation", organisation).set("numberHash", numberHash, Types.BINARY);
    }

    /** Reads the ledger's, the states' and the context's results, the statement positioned at the ledger's. */
    private static DecisionReading reading(PreparedStatement statement, Optional<ContactTarget> target)
            throws SQLException {
        List<Entry> today = new ArrayList<>();
        try (ResultSet row = statement.getResultSet()) {
            while (row.next()) {
                today.add(entry(row));
            }
        }
        statement.getMoreResults();
        PointStates states = new PointStates();
        try (ResultSet row = statement.getResultSet()) {
            while (row.next()) {
                states.add(row);
            }
        }
        statement.getMoreResults();
        try (ResultSet row = statement.getResultSet()) {
            row.next();
            return new DecisionReading(target, today, states, row.getInt("overlay_version"), row.getBoolean("registered"));
        }
    }

    /**
     * The facts of a reading about the point asked about. Only a call to a third party asks how the borrower's own
     * calls went: read then, under the same lock (one round trip more).
     */
    LedgerFacts facts(UUID institution, DecisionReading reading, ContactTarget target, UUID point, ContactOwner owner,
            LocalDate day) {
        List<PastCall> past = owner == ContactOwner.THIRD_PARTY ? pastCalls(institution, target, day) : List.of();
        return facts(reading.today(), reading.states(), target, point, past, day);
    }

    private static Entry entry(ResultSet row) throws SQLException {
        Timestamp reserved = row.getTimestamp("reserved_until");
        return new Entry(ContactChannel.valueOf(row.getString("channel")),
                row.getString("result") == null ? null : AttemptResult.valueOf(row.getString("result")),
                row.getObject("contact_point_id", UUID.class), reserved == null ? null : reserved.toInstant());
    }

    /** Which of the points read are known wrong numbers, which known refusals. */
    static final class PointStates {

        private final Set<UUID> invalid = new HashSet<>();
        private final Set<UUID> refused = new HashSet<>();

        void add(ResultSet row) throws SQLException {
            UUID id = row.getObject("contact_point_id", UUID.class);
            if (row.getBoolean("invalid")) {
                invalid.add(id);
            }
            if (row.getBoolean("refused")) {
                refused.add(id);
            }
        }
    }

    private static LedgerFacts facts(List<Entry> today, PointStates states, ContactTarget target, UUID point,
            List<PastCall> past, LocalDate day) {
        return new LedgerFacts(today, states.invalid.contains(point), states.refused.contains(point),
                !target.borrowerPhones().isEmpty() && states.invalid.containsAll(target.borrowerPhones()),
                threeFailedInARow(past), threeDaysUnreachable(past, day));
    }

    private record PastCall(LocalDate day, String result) {
    }

    /** The borrower's calls of the last weeks before today, latest first (CN-21 looks back three days or calls). */
    private List<PastCall> pastCalls(UUID institution, ContactTarget target, LocalDate day) {
        if (target.borrowerPhones().isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select local_day, result from compliance.contact_attempt
                 where institution_id = :institution and borrower_id = :borrower and direction = 'OUTBOUND'
                   and channel in ('VOICE', 'AI_VOICE') and contact_point_id in (:phones)
                   and local_day < :day and local_day >= :since
                 order by occurred_at desc limit 200
                """).param("institution", institution).param("borrower", target.borrowerId())
                .param("phones", target.borrowerPhones()).param("day", day).param("since", day.minusDays(30))
                .query((row, n) -> new PastCall(row.getObject("local_day", LocalDate.class), row.getString("result")))
                .list();
    }

    /** The last three calls to the borrower, all before today, all failed (effective the next day, CN-21). */
    static boolean threeFailedInARow(List<PastCall> latestFirst) {
        return latestFirst.size() >= 3 && latestFirst.subList(0, 3).stream().allMatch(call -> FAILED_CALLS.contains(call.result()));
    }

    /** Each of the three days before today saw calls to the borrower, and none of them reached the borrower. */
    static boolean threeDaysUnreachable(List<PastCall> latestFirst, LocalDate today) {
        for (int back = 1; back <= 3; back++) {
            LocalDate day = today.minusDays(back);
            List<PastCall> calls = latestFirst.stream().filter(call -> call.day().equals(day)).toList();
            if (calls.isEmpty() || !calls.stream().allMatch(call -> FAILED_CALLS.contains(call.result()))) {
                return false;
            }
        }
        return true;
    }

    /** An ALLOW of this institution that has not lapsed and has not been acted on. */
    record LiveDecision(UUID id, UUID accountId, UUID borrowerId, UUID contactPointId, ContactChannel channel,
            UUID actorOrganisation, @Nullable Instant validUntil, String outcome, boolean used, String pointOwner,
            ZoneId zone) {
    }

    private static final String DECISION = """
            select d.id, d.account_id, d.borrower_id, d.contact_point_id, d.channel, d.actor_organisation_id,
                   d.valid_until, d.outcome, d.inputs ->> 'pointOwner' as point_owner,
                   d.inputs ->> 'borrowerZone' as zone,
                   exists (select 1 from compliance.contact_attempt a where a.decision_id = d.id) as used
              from compliance.decision d where d.institution_id = :institution and d.id = :id
            """;

    /**
     * The decision, read under its borrower's lock, in one round trip: the lock's key comes from the decision
     * itself (a decision's borrower never changes), and the read after it sees whatever a racing record of the
     * same decision committed. No lock is taken when there is no such decision.
     */
    @Nullable
    LiveDecision lockedDecision(UUID institution, UUID decision) {
        MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("institution", institution)
                .addValue("prefix", institution + "/").addValue("id", decision);
        return batch.execute("""
                select pg_advisory_xact_lock(hashtextextended(:prefix || (select borrower_id::text from compliance.decision
                        where institution_id = :institution and id = :id), 7));
                """ + DECISION, parameters, statement -> {
                    statement.execute();
                    statement.getMoreResults();
                    try (ResultSet row = statement.getResultSet()) {
                        return row.next() ? liveDecision(row) : null;
                    }
                });
    }

    private static LiveDecision liveDecision(ResultSet row) throws SQLException {
        Timestamp validUntil = row.getTimestamp("valid_until");
        return new LiveDecision(row.getObject("id", UUID.class), row.getObject("account_id", UUID.class),
                row.getObject("borrower_id", UUID.class), row.getObject("contact_point_id", UUID.class),
                ContactChannel.valueOf(row.getString("channel")), row.getObject("actor_organisation_id", UUID.class),
                validUntil == null ? null : validUntil.toInstant(), row.getString("outcome"), row.getBoolean("used"),
                row.getString("point_owner"), ZoneId.of(row.getString("zone")));
    }

    /** What happened, for the ledger. */
    record Attempt(UUID id, UUID institution, UUID accountId, UUID borrowerId, UUID contactPointId,
            @Nullable UUID decisionId, String direction, ContactChannel channel, AttemptResult result,
            @Nullable Integer durationSeconds, @Nullable String noteEnc, UUID actorOrganisation, UUID actorUser,
            Instant occurredAt, LocalDate localDay) {
    }

    void record(Attempt attempt) {
        jdbc.sql("""
                insert into compliance.contact_attempt (id, institution_id, account_id, borrower_id, contact_point_id,
                    decision_id, direction, channel, result, duration_seconds, note_enc, actor_organisation_id,
                    actor_user_id, occurred_at, local_day)
                values (:id, :institution, :account, :borrower, :point, cast(:decision as uuid), :direction, :channel,
                    :result, :duration, :note, :organisation, :user, :at, :day)
                """).param("id", attempt.id()).param("institution", attempt.institution())
                .param("account", attempt.accountId()).param("borrower", attempt.borrowerId())
                .param("point", attempt.contactPointId())
                // As text, null (inbound) or not: one parameter type, so the prepared insert is never re-prepared.
                .param("decision", attempt.decisionId() == null ? null : attempt.decisionId().toString(), Types.VARCHAR)
                .param("direction", attempt.direction()).param("channel", attempt.channel().name())
                .param("result", attempt.result().name())
                .param("duration", attempt.durationSeconds(), Types.INTEGER)
                .param("note", attempt.noteEnc(), Types.VARCHAR)
                .param("organisation", attempt.actorOrganisation()).param("user", attempt.actorUser())
                .param("at", attempt.occurredAt().atOffset(ZoneOffset.UTC)).param("day", attempt.localDay()).update();
    }

    /** A wrong number: no decision allows dialling it again. */
    void markInvalid(UUID institution, UUID borrower, UUID point, Instant at) {
        mark("invalid_since", institution, borrower, point, at);
    }

    /** A third party who asked not to be contacted again (CN-13: stop on refusal). */
    void markRefused(UUID institution, UUID borrower, UUID point, Instant at) {
        mark("refused_since", institution, borrower, point, at);
    }

    /** Sets the state's column once: the first time it was learnt is the one kept. */
    private void mark(String column, UUID institution, UUID borrower, UUID point, Instant at) {
        jdbc.sql("""
                insert into compliance.contact_point_state (institution_id, contact_point_id, borrower_id, %1$s)
                values (:institution, :point, :borrower, :at)
                on conflict (institution_id, contact_point_id)
                do update set %1$s = coalesce(compliance.contact_point_state.%1$s, excluded.%1$s)
                """.formatted(column)).param("institution", institution).param("point", point)
                .param("borrower", borrower).param("at", at.atOffset(ZoneOffset.UTC)).update();
    }
}
