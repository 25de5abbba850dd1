package org.recourse.allocation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.Entrustments;
import org.recourse.shared.ContactChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads placements: lists for either party (newest first; ids are time-ordered, so the id is the cursor), one
 * placement, and what cases and the compliance engine ask about an agency's placements.
 */
@Repository
class PlacementQueries {

    /**
     * The ids of the institution's cases an agency may read on a day; the case list runs it inside its own
     * statement (PlacedCases#caseIdsSql), with its parameters institution, agency and today.
     */
    static final String CASE_IDS = """
            select p.account_id from allocation.placement p
             where p.agency_id = :agency and p.institution_id = :institution and p.recalled_at is null
               and p.placed_until >= cast(:today as date)""";

    /**
     * The ids of the institution's cases a collector may read on a day: placed with the agency, readable, and
     * assigned to the collector now or granted to them by the agency's administrator (not revoked, its last day not
     * passed); parameters institution, agency, today and collector.
     */
    static final String ASSIGNED_CASE_IDS = """
            select s.account_id from allocation.assignment s
              join allocation.placement p on p.id = s.placement_id
             where s.collector_id = :collector and s.institution_id = :institution and s.ended_at is null
               and p.agency_id = :agency and p.recalled_at is null and p.placed_until >= cast(:today as date)
            union
            select gc.account_id from allocation.collector_grant g
              join allocation.collector_grant_case gc on gc.grant_id = g.id
              join allocation.placement p on p.id = gc.placement_id
             where g.collector_id = :collector and g.agency_id = :agency and g.revoked_at is null
               and (g.until is null or g.until >= cast(:today as date)) and gc.institution_id = :institution
               and p.agency_id = :agency and p.recalled_at is null and p.placed_until >= cast(:today as date)""";

    private static final String COLUMNS = """
            select p.id, p.account_id, p.account_ref, p.institution_id, p.agency_id, p.contract_id, p.placed_at,
                   p.placed_by, p.placed_until, p.recalled_at, p.recall_kind, p.recall_reason, p.recalled_by,
                   n.status as notice_status, n.sent_at, n.channel, s.collector_id
              from allocation.placement p
              join allocation.entrustment_notice n on n.placement_id = p.id
              left join lateral (select x.collector_id from allocation.assignment x where x.placement_id = p.id
                                  order by x.ended_at is null desc, x.id desc limit 1) s on true
            """;

    private final JdbcClient jdbc;

    PlacementQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A placement as stored; names of organisations and people are added by the desk. */
    record Row(UUID id, UUID caseId, String accountRef, UUID institution, UUID agency, UUID contract, Instant placedAt,
            UUID placedBy, LocalDate placedUntil, @Nullable Instant recalledAt, @Nullable RecallKind recallKind,
            @Nullable String recallReason, @Nullable UUID recalledBy, NoticeStatus noticeStatus,
            @Nullable Instant noticeSentAt, @Nullable ContactChannel noticeChannel, @Nullable UUID collector) {

        PlacementStatus status() {
            return recalledAt == null ? PlacementStatus.LIVE : PlacementStatus.RECALLED;
        }
    }

    /** Whose placements a list shows: those the institution made, or those made with the agency. */
    enum Side { INSTITUTION, AGENCY }

    /** Filters of a list; nulls mean any. */
    record Filter(@Nullable UUID agency, @Nullable PlacementStatus status, @Nullable UUID caseId,
            @Nullable UUID collector) {
    }

    List<Row> list(Side side, UUID organisation, Filter filter, @Nullable UUID after, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS)
                .append(side == Side.INSTITUTION ? " where p.institution_id = :organisation"
                        : " where p.agency_id = :organisation");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organisation", organisation);
        if (filter.agency() != null) {
            sql.append(" and p.agency_id = :agency");
            params.put("agency", filter.agency());
        }
        if (filter.status() != null) {
            sql.append(filter.status() == PlacementStatus.LIVE ? " and p.recalled_at is null"
                    : " and p.recalled_at is not null");
        }
        if (filter.caseId() != null) {
            sql.append(" and p.account_id = :case");
            params.put("case", filter.caseId());
        }
        if (filter.collector() != null) {
            sql.append(" and exists (select 1 from allocation.assignment c where c.placement_id = p.id"
                    + " and c.collector_id = :collector and c.ended_at is null)");
            params.put("collector", filter.collector());
        }
        if (after != null) {
            sql.append(" and p.id < :after");
            params.put("after", after);
        }
        sql.append(" order by p.id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query((row, n) -> row(row)).list();
    }

    /** One placement, if the organisation is a party to it (the institution that made it or the agency). */
    Optional<Row> find(UUID organisation, UUID placement) {
        return jdbc.sql(COLUMNS + " where p.id = :id and (p.institution_id = :organisation or p.agency_id = :organisation)")
                .param("id", placement).param("organisation", organisation)
                .query((row, n) -> row(row)).optional();
    }

    /**
     * The institutions with live placements with the agency, each once: a loose index scan (one index probe per
     * institution), so that it costs the same for ten placements as for a million.
     */
    List<UUID> institutionsPlacingWith(UUID agency, @Nullable UUID collector) {
        if (collector != null) {
            // Granted cases count while the grant is not revoked and their placement is live; a grant past its last
            // day may still name an institution here, whose list is then empty (the day is the institution's).
            return jdbc.sql("""
                    select institution_id from allocation.assignment
                     where collector_id = :collector and agency_id = :agency and ended_at is null
                    union
                    select gc.institution_id from allocation.collector_grant g
                      join allocation.collector_grant_case gc on gc.grant_id = g.id
                      join allocation.placement p on p.id = gc.placement_id
                     where g.collector_id = :collector and g.agency_id = :agency and g.revoked_at is null
                       and p.recalled_at is null
                    """).param("collector", collector).param("agency", agency).query(UUID.class).list();
        }
        return jdbc.sql("""
                with recursive placers (institution_id) as (
                    (select institution_id from allocation.placement
                      where agency_id = :agency and recalled_at is null order by institution_id limit 1)
                    union all
                    select (select p.institution_id from allocation.placement p
                             where p.agency_id = :agency and p.recalled_at is null
                               and p.institution_id > placers.institution_id
                             order by p.institution_id limit 1)
                      from placers where placers.institution_id is not null
                )
                select institution_id from placers where institution_id is not null
                """).param("agency", agency).query(UUID.class).list();
    }

    /** The case's live placement with the agency, if it has one, and the collector it is assigned to now. */
    record Live(UUID placement, UUID institution, LocalDate until, @Nullable Instant noticeSentAt,
            @Nullable UUID collector) {

        /** Whether whoever reads for {@code collector} (null: the whole agency) may read the case. */
        boolean readableBy(@Nullable UUID reader) {
            return reader == null || reader.equals(collector);
        }
    }

    /** The agency holding the case at {@code at}: placed at or before it, not recalled by then (the latest such). */
    Optional<Entrustments.Holding> heldAt(UUID institution, UUID caseId, Instant at) {
        return jdbc.sql("""
                select p.agency_id, p.id from allocation.placement p
                 where p.institution_id = :institution and p.account_id = :case and p.placed_at <= :at
                   and (p.recalled_at is null or p.recalled_at > :at)
                 order by p.placed_at desc limit 1
                """).param("institution", institution).param("case", caseId).param("at", PlacementStore.timestamp(at))
                .query((row, n) -> new Entrustments.Holding(row.getObject("agency_id", UUID.class),
                        row.getObject("id", UUID.class)))
                .optional();
    }

    Optional<Live> live(UUID agency, UUID caseId) {
        return jdbc.sql("""
                select p.id, p.institution_id, p.placed_until, n.sent_at, s.collector_id
                  from allocation.placement p
                  join allocation.entrustment_notice n on n.placement_id = p.id
                  left join allocation.assignment s on s.placement_id = p.id and s.ended_at is null
                 where p.account_id = :case and p.agency_id = :agency and p.recalled_at is null
                """).param("case", caseId).param("agency", agency)
                .query((row, n) -> new Live(row.getObject("id", UUID.class), row.getObject("institution_id", UUID.class),
                        row.getObject("placed_until", LocalDate.class), instant(row.getTimestamp("sent_at")),
                        row.getObject("collector_id", UUID.class)))
                .optional();
    }

    /**
     * Whether the placement is granted to the collector by a grant not revoked; if so, the last day it is granted
     * for (empty inside: no last day). Empty outside when no grant holds.
     */
    Optional<Optional<LocalDate>> grantedUntil(UUID agency, UUID collector, UUID placement) {
        List<Optional<LocalDate>> untils = jdbc.sql("""
                select g.until from allocation.collector_grant g
                  join allocation.collector_grant_case gc on gc.grant_id = g.id
                 where gc.placement_id = :placement and g.collector_id = :collector and g.agency_id = :agency
                   and g.revoked_at is null
                """).param("placement", placement).param("collector", collector).param("agency", agency)
                .query((row, n) -> Optional.ofNullable(row.getObject("until", LocalDate.class))).list();
        if (untils.isEmpty()) {
            return Optional.empty();
        }
        if (untils.stream().anyMatch(Optional::isEmpty)) {
            return Optional.of(Optional.empty());
        }
        return Optional.of(untils.stream().map(Optional::get).max(LocalDate::compareTo));
    }

    /**
     * The last day whoever reads for {@code reader} (null: the whole agency) may read the live placement: its own
     * last day for the agency's administrator and the collector it is assigned to; for another collector, the
     * earlier of that and the last day of a grant to them; empty when the reader may not read it at all.
     */
    Optional<LocalDate> readableUntil(UUID agency, @Nullable UUID reader, Live live) {
        if (live.readableBy(reader)) {
            return Optional.of(live.until());
        }
        return grantedUntil(agency, reader, live.placement())
                .map(granted -> granted.filter(day -> day.isBefore(live.until())).orElse(live.until()));
    }

    private static Row row(ResultSet row) throws SQLException {
        String kind = row.getString("recall_kind");
        String channel = row.getString("channel");
        return new Row(row.getObject("id", UUID.class), row.getObject("account_id", UUID.class),
                row.getString("account_ref"), row.getObject("institution_id", UUID.class),
                row.getObject("agency_id", UUID.class), row.getObject("contract_id", UUID.class),
                row.getTimestamp("placed_at").toInstant(), row.getObject("placed_by", UUID.class),
                row.getObject("placed_until", LocalDate.class), instant(row.getTimestamp("recalled_at")),
                kind == null ? null : RecallKind.valueOf(kind), row.getString("recall_reason"),
                row.getObject("recalled_by", UUID.class), NoticeStatus.valueOf(row.getString("notice_status")),
                instant(row.getTimestamp("sent_at")), channel == null ? null : ContactChannel.valueOf(channel),
                row.getObject("collector_id", UUID.class));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
