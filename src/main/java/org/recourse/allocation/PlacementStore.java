package org.recourse.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseProfiles;
import org.recourse.shared.ContactChannel;
import org.recourse.shared.db.TransactionLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes placements and their notices ({@code allocation.placement}, {@code allocation.entrustment_notice}):
 * a batch is placed in one statement, a recall is one update. Rows are history; the database refuses any
 * other change (V14).
 */
@Repository
class PlacementStore {

    private final JdbcClient jdbc;
    private final CaseProfiles profiles;

    PlacementStore(JdbcClient jdbc, CaseProfiles profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    /**
     * SQL of what the institution's case {@code <alias>.account_id} owes now (principal, interest, fees and penalty),
     * from the cases module's SQL: kept with a placement when it begins and ends, for the agency's recovery rate.
     * Named parameters {@code institution} and {@code today}.
     */
    private String owedNow(UUID institution, String alias) {
        return "(select k.outstanding from (" + profiles.casesSql(institution) + ") k where k.case_id = " + alias
                + ".account_id)";
    }

    /** A case about to be placed, with the id its placement will have. */
    record Candidate(UUID placementId, UUID caseId, String accountRef) {
    }

    /** A placement a recall ended. */
    record Ended(UUID placementId, UUID institution, UUID caseId, UUID agency, UUID contract) {
    }

    /**
     * The institution's placing lock: every placement and recall takes it, a request's shared (requests do not wait
     * for each other), the night's exclusive ({@link NightStore#lockPlacing}). So no case is placed by anyone between
     * the night's read of what is live and its insert, and the night's insert needs no conflict check per row; and
     * none of the night's placements is recalled before the night has assigned it.
     */
    void lockPlacingShared(UUID institution) {
        TransactionLocks.shared(jdbc, PLACING_LOCK + institution);
    }

    static final String PLACING_LOCK = "allocation.placing/";

    /**
     * Serialises placing under one contract until the transaction ends, so that its capacity is counted once
     * for everyone. Two contracts never wait for each other; a case wanted by both is decided by the index.
     */
    void lockContract(UUID contract) {
        TransactionLocks.exclusive(jdbc, "allocation.contract/" + contract);
    }

    int openUnder(UUID contract) {
        return jdbc.sql("select count(*) from allocation.placement where contract_id = :contract and recalled_at is null")
                .param("contract", contract).query(Integer.class).single();
    }

    /** Those of the institution's cases that are placed now, with any agency. */
    Set<UUID> live(UUID institution, Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                select account_id from allocation.placement
                 where institution_id = :institution and account_id = any(:cases) and recalled_at is null
                """).param("institution", institution).param("cases", caseIds.toArray(UUID[]::new))
                .query(UUID.class).list());
    }

    /**
     * Places every candidate and creates its notice, in one statement. A case that another request placed
     * meanwhile is skipped by the index ({@code on conflict do nothing}), so it is missing from the answer.
     *
     * @return the placement id of each case placed, by case id
     */
    Map<UUID, UUID> place(UUID institution, UUID agency, UUID contract, LocalDate until, List<Candidate> candidates,
            @Nullable UUID by, Instant at) {
        Map<UUID, UUID> placed = new HashMap<>();
        if (candidates.isEmpty()) {
            return placed;
        }
        jdbc.sql("""
                with placed as (
                    insert into allocation.placement (id, institution_id, account_id, account_ref, agency_id,
                        contract_id, placed_at, placed_by, placed_until, placed_outstanding)
                    select c.id, :institution, c.account_id, c.account_ref, :agency, :contract, :at, :by, :until, %s
                      from unnest(:ids, :cases, :refs) as c (id, account_id, account_ref)
                    on conflict (institution_id, account_id) where recalled_at is null do nothing
                    returning id, account_id
                ), notices as (
                    insert into allocation.entrustment_notice (placement_id, institution_id, account_id, agency_id,
                        status, created_at)
                    select p.id, :institution, p.account_id, :agency, 'PENDING', :at from placed p
                )
                select id, account_id from placed
                """.formatted(owedNow(institution, "c")))
                .param("institution", institution).param("today", utcDay(at)).param("agency", agency).param("contract", contract)
                .param("at", timestamp(at)).param("by", by).param("until", until)
                .param("ids", candidates.stream().map(Candidate::placementId).toArray(UUID[]::new))
                .param("cases", candidates.stream().map(Candidate::caseId).toArray(UUID[]::new))
                .param("refs", candidates.stream().map(Candidate::accountRef).toArray(String[]::new))
                .query(row -> {
                    placed.put(row.getObject("account_id", UUID.class), row.getObject("id", UUID.class));
                });
        return placed;
    }

    /** Recalls the case's live placement at the institution's request; empty when it has none. */
    Optional<Ended> recall(UUID institution, UUID caseId, String reason, UUID by, Instant at) {
        // Not while a night places the institution's cases: its placements wait for their assignment.
        lockPlacingShared(institution);
        return jdbc.sql("""
                update allocation.placement
                   set recalled_at = :at, recall_kind = 'REQUEST', recall_reason = :reason, recalled_by = :by,
                       recalled_outstanding = %s
                 where institution_id = :institution and account_id = :case and recalled_at is null
                returning id, institution_id, account_id, agency_id, contract_id
                """.formatted(owedNow(institution, "placement")))
                .param("institution", institution).param("today", utcDay(at)).param("case", caseId).param("reason", reason).param("by", by)
                .param("at", timestamp(at))
                .query((row, n) -> ended(row)).optional();
    }

    /** The institutions with live placements whose last day is {@code day} or earlier. */
    List<UUID> institutionsEndingBy(LocalDate day) {
        return jdbc.sql("""
                select distinct institution_id from allocation.placement
                 where recalled_at is null and placed_until <= :day
                """).param("day", day).query(UUID.class).list();
    }

    /** Recalls the institution's live placements whose last day is {@code day} or earlier: their period ended. */
    List<Ended> recallEndedBy(UUID institution, LocalDate day, String reason, Instant at) {
        return jdbc.sql("""
                update allocation.placement
                   set recalled_at = :at, recall_kind = 'PERIOD_ENDED', recall_reason = :reason,
                       recalled_outstanding = %s
                 where institution_id = :institution and recalled_at is null and placed_until <= :day
                returning id, institution_id, account_id, agency_id, contract_id
                """.formatted(owedNow(institution, "placement")))
                .param("institution", institution).param("today", utcDay(at)).param("day", day).param("reason", reason)
                .param("at", timestamp(at))
                .query((row, n) -> ended(row)).list();
    }

    /** Recalls every live placement under the contract, which left force. */
    List<Ended> recallContract(UUID institution, UUID contract, RecallKind kind, String reason, @Nullable UUID by,
            Instant at) {
        // Not while a night places the institution's cases: its placements wait for their assignment.
        lockPlacingShared(institution);
        return jdbc.sql("""
                update allocation.placement
                   set recalled_at = :at, recall_kind = :kind, recall_reason = :reason, recalled_by = :by,
                       recalled_outstanding = %s
                 where contract_id = :contract and institution_id = :institution and recalled_at is null
                returning id, institution_id, account_id, agency_id, contract_id
                """.formatted(owedNow(institution, "placement")))
                .param("contract", contract).param("institution", institution).param("today", utcDay(at)).param("kind", kind.name()).param("reason", reason).param("by", by)
                .param("at", timestamp(at))
                .query((row, n) -> ended(row)).list();
    }

    /** Records that the borrower was told; false when the notice is not the institution's or not pending. */
    /** The case of the placement whose pending notice was marked sent; empty when there is none to mark. */
    Optional<UUID> markNoticeSent(UUID institution, UUID placement, Instant sentAt, ContactChannel channel, UUID by,
            Instant at) {
        return jdbc.sql("""
                update allocation.entrustment_notice
                   set status = 'SENT', sent_at = :sentAt, channel = :channel, marked_by = :by, marked_at = :at
                 where placement_id = :placement and institution_id = :institution and status = 'PENDING'
                returning account_id
                """)
                .param("institution", institution).param("placement", placement).param("sentAt", timestamp(sentAt))
                .param("channel", channel.name()).param("by", by).param("at", timestamp(at))
                .query((row, n) -> row.getObject("account_id", UUID.class)).optional();
    }

    private static Ended ended(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Ended(row.getObject("id", UUID.class), row.getObject("institution_id", UUID.class),
                row.getObject("account_id", UUID.class), row.getObject("agency_id", UUID.class),
                row.getObject("contract_id", UUID.class));
    }

    /** A day for the cases SQL's days past due, which the amounts owed do not depend on. */
    private static LocalDate utcDay(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    static java.time.OffsetDateTime timestamp(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
