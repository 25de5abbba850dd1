package org.recourse.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.ContactChannel;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The writes people make to cases: status changes and holds, each with its history row. */
@Repository
class CaseWork {

    private final JdbcClient jdbc;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    CaseWork(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Moves a case from the status it was read in to another; false when it changed meanwhile. A NEW case
     * has no state row yet: this writes its first one, with the bucket it is in today.
     */
    boolean changeStatus(UUID institution, UUID caseId, CaseStatus from, CaseStatus to, String bucket, LocalDate today,
            String reason, UUID actor, Instant at) {
        var now = at.atOffset(ZoneOffset.UTC);
        LocalDate closedOn = to.closed() ? today : null;
        int changed = from == CaseStatus.NEW
                ? jdbc.sql("""
                        insert into cases.case_state (institution_id, account_id, status, status_since, closed_on, bucket,
                            bucket_since)
                        values (:institution, :id, :to, :now, :closedOn, :bucket, :today)
                        on conflict do nothing
                        """).param("institution", institution).param("id", caseId).param("to", to.name())
                        .param("now", now).param("closedOn", closedOn, java.sql.Types.DATE).param("bucket", bucket)
                        .param("today", today).update()
                : jdbc.sql("""
                        update cases.case_state set status = :to, status_since = :now, closed_on = :closedOn
                         where institution_id = :institution and account_id = :id and status = :from
                        """).param("institution", institution).param("id", caseId).param("to", to.name())
                        .param("from", from.name()).param("now", now)
                        .param("closedOn", closedOn, java.sql.Types.DATE).update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("""
                insert into cases.status_change (institution_id, account_id, from_status, to_status, reason, actor_id,
                    actor_kind, changed_at)
                values (:institution, :id, :from, :to, :reason, :actor, 'user', :now)
                """).param("institution", institution).param("id", caseId).param("from", from.name())
                .param("to", to.name()).param("reason", reason).param("actor", actor).param("now", now).update();
        return true;
    }

    UUID setHold(UUID institution, UUID caseId, HoldKind kind, @Nullable ContactChannel channel, String reason,
            LocalDate startsOn, @Nullable LocalDate endsOn, UUID actor, Instant at) {
        UUID id = ids.next(at.toEpochMilli());
        jdbc.sql("""
                insert into cases.hold (id, institution_id, account_id, kind, channel, reason, starts_on, ends_on,
                                        set_by, set_at)
                values (:id, :institution, :case, :kind, :channel, :reason, :startsOn, :endsOn, :actor, :at)
                """).param("id", id).param("institution", institution).param("case", caseId).param("kind", kind.name())
                .param("channel", channel == null ? null : channel.name(), java.sql.Types.VARCHAR)
                .param("reason", reason).param("startsOn", startsOn).param("endsOn", endsOn, java.sql.Types.DATE)
                .param("actor", actor).param("at", at.atOffset(ZoneOffset.UTC)).update();
        return id;
    }

    /** Lifts a hold that is not lifted yet; false when there is no such hold, or it was lifted already. */
    boolean liftHold(UUID institution, UUID caseId, UUID hold, String reason, UUID actor, Instant at) {
        return jdbc.sql("""
                update cases.hold set lifted_by = :actor, lifted_at = :at, lift_reason = :reason
                 where institution_id = :institution and account_id = :case and id = :hold and lifted_at is null
                """).param("institution", institution).param("case", caseId).param("hold", hold).param("actor", actor)
                .param("at", at.atOffset(ZoneOffset.UTC)).param("reason", reason).update() == 1;
    }

    boolean holdExists(UUID institution, UUID caseId, UUID hold) {
        return jdbc.sql("select count(*) from cases.hold where institution_id = :institution and account_id = :case and id = :hold")
                .param("institution", institution).param("case", caseId).param("hold", hold)
                .query(Long.class).single() == 1;
    }
}
