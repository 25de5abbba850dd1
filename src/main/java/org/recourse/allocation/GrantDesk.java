package org.recourse.allocation;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseProfiles;
import org.recourse.registry.Colleagues;
import org.recourse.registry.Directory;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where an agency's administrator lets one of its collectors read and work cases placed with the agency beyond those
 * assigned to the collector ("plus what their admin grants"): a colleague's cases while they are on leave, a case
 * whose complaint must be called back. A grant names the collector, its cases, a reason and optionally a last day;
 * it holds while it is not revoked, its last day has not passed (the case's institution's calendar, by the platform
 * clock) and each case is still placed with the agency — a recall ends it for that case, and a case placed again is
 * a new placement the grant does not name. The case list and page ({@code cases.PlacedCases}), the compliance
 * engine ({@code compliance.Entrustments}) and the task list read grants; every grant and revocation is audited.
 * Everything is confined to the caller's agency: another agency's case or grant is not found.
 */
@Service
public class GrantDesk {

    /** Most cases one grant names. */
    public static final int MAX_CASES = 5_000;
    private static final int MAX_REASON = 500;
    private static final int MAX_LIST = 200;

    private final JdbcClient jdbc;
    private final CaseProfiles profiles;
    private final Colleagues colleagues;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    GrantDesk(JdbcClient jdbc, CaseProfiles profiles, Colleagues colleagues, Directory directory,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.colleagues = colleagues;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    private record Placement(UUID id, UUID institution, UUID caseId, LocalDate until) {
    }

    /** Grants the cases to the collector; answers the grant. */
    @Transactional
    @PreAuthorize("hasRole('AGENCY_ADMIN')")
    public GrantView grant(SignedInUser admin, GrantCases request) {
        UUID agency = admin.organisationId();
        FieldChecks checks = new FieldChecks();
        checks.check("collectorId", request.collectorId() != null, "required");
        List<UUID> caseIds = request.caseIds() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(request.caseIds().stream().filter(Objects::nonNull).toList()));
        if (checks.check("caseIds", !caseIds.isEmpty(), "required")) {
            checks.check("caseIds", caseIds.size() <= MAX_CASES, "too_many");
        }
        String reason = checks.text("reason", request.reason(), 1, MAX_REASON);
        LocalDate until = checks.optionalDate("until", request.until());
        if (checks.hasErrors()) {
            throw GrantProblem.refused(checks.errors());
        }
        if (colleagues.enabledWithRole(agency, Role.COLLECTOR).stream()
                .noneMatch(c -> c.id().equals(request.collectorId()))) {
            throw GrantProblem.refused("collectorId", "grant.collector_unknown");
        }
        Instant now = clock.instant();
        List<Placement> placements = jdbc.sql("""
                select p.id, p.institution_id, p.account_id, p.placed_until from allocation.placement p
                 where p.agency_id = :agency and p.recalled_at is null and p.account_id = any(:cases)
                 order by p.id
                """).param("agency", agency).param("cases", caseIds.toArray(UUID[]::new))
                .query((row, n) -> new Placement(row.getObject("id", UUID.class),
                        row.getObject("institution_id", UUID.class), row.getObject("account_id", UUID.class),
                        row.getObject("placed_until", LocalDate.class)))
                .list();
        Map<UUID, LocalDate> todays = new HashMap<>();
        placements.forEach(p -> todays.computeIfAbsent(p.institution(), institution -> profiles.today(institution, now)));
        List<Placement> readable = placements.stream().filter(p -> !todays.get(p.institution()).isAfter(p.until()))
                .toList();
        if (readable.size() != caseIds.size()) {
            // A named case is not placed with the agency now (recalled, its last day over, or another tenant's).
            throw GrantProblem.caseNotFound();
        }
        if (until != null && todays.values().stream().anyMatch(until::isBefore)) {
            throw GrantProblem.refused("until", "grant.until_past");
        }
        UUID id = ids.sequence(now.toEpochMilli()).next();
        jdbc.sql("""
                insert into allocation.collector_grant (id, agency_id, collector_id, reason, until, granted_at, granted_by)
                values (:id, :agency, :collector, :reason, :until, :at, :by)
                """).param("id", id).param("agency", agency).param("collector", request.collectorId())
                .param("reason", reason).param("until", until).param("at", Timestamp.from(now))
                .param("by", admin.userId()).update();
        jdbc.sql("""
                insert into allocation.collector_grant_case (grant_id, placement_id, institution_id, account_id)
                select :grant, * from unnest(:placements, :institutions, :cases)
                """).param("grant", id)
                .param("placements", readable.stream().map(Placement::id).toArray(UUID[]::new))
                .param("institutions", readable.stream().map(Placement::institution).toArray(UUID[]::new))
                .param("cases", readable.stream().map(Placement::caseId).toArray(UUID[]::new)).update();
        events.publishEvent(new GrantEvent.CasesGranted(agency, id, request.collectorId(), readable.size(),
                Objects.requireNonNull(reason), until == null ? null : until.toString(), admin.actor()));
        return find(agency, id, now).orElseThrow();
    }

    /**
     * The cases assigned now to one of the agency's collectors (placed with the agency, not recalled): what a colleague
     * covering for them is granted, by the page's "cover for a colleague".
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('AGENCY_ADMIN')")
    public List<UUID> assignedTo(SignedInUser admin, UUID collector) {
        return jdbc.sql("""
                select s.account_id from allocation.assignment s
                  join allocation.placement p on p.id = s.placement_id
                 where s.collector_id = :collector and s.agency_id = :agency and s.ended_at is null
                   and p.recalled_at is null
                 order by s.account_id limit :limit
                """).param("collector", collector).param("agency", admin.organisationId())
                .param("limit", MAX_CASES + 1).query(UUID.class).list();
    }

    /** Revokes the agency's grant: from now on its collector reads its cases only if they are assigned to them. */
    @Transactional
    @PreAuthorize("hasRole('AGENCY_ADMIN')")
    public GrantView revoke(SignedInUser admin, UUID grant) {
        UUID agency = admin.organisationId();
        Instant now = clock.instant();
        List<UUID> revoked = jdbc.sql("""
                update allocation.collector_grant set revoked_at = :at, revoked_by = :by
                 where id = :id and agency_id = :agency and revoked_at is null
                returning collector_id
                """).param("at", Timestamp.from(now)).param("by", admin.userId()).param("id", grant)
                .param("agency", agency).query(UUID.class).list();
        if (revoked.isEmpty()) {
            find(agency, grant, now).orElseThrow(GrantProblem::notFound);
            throw GrantProblem.alreadyRevoked();
        }
        events.publishEvent(new GrantEvent.GrantRevoked(agency, grant, revoked.get(0), admin.actor()));
        return find(agency, grant, now).orElseThrow();
    }

    /**
     * The agency's grants, newest first (at most {@value #MAX_LIST}): all of them for its administrator (or one
     * collector's, with {@code collectorId}); a collector reads only their own. {@code status} LIVE narrows to those
     * neither revoked nor past their last day.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('AGENCY_ADMIN', 'COLLECTOR')")
    public List<GrantView> list(SignedInUser user, @Nullable UUID collectorId, @Nullable String status) {
        FieldChecks checks = new FieldChecks();
        checks.check("status", status == null || Set.of("LIVE", "EXPIRED", "REVOKED").contains(status),
                "grant.status_unknown");
        if (checks.hasErrors()) {
            throw GrantProblem.refused(checks.errors());
        }
        UUID collector = user.role() == Role.AGENCY_ADMIN ? collectorId : user.userId();
        List<GrantView> grants = query(user.organisationId(), null, collector, clock.instant());
        return status == null ? grants : grants.stream().filter(g -> g.status().equals(status)).toList();
    }

    private java.util.Optional<GrantView> find(UUID agency, UUID grant, Instant now) {
        return query(agency, grant, null, now).stream().findFirst();
    }

    private record Row(UUID id, UUID collector, String reason, @Nullable LocalDate until, Instant grantedAt,
            UUID grantedBy, @Nullable Instant revokedAt, @Nullable UUID revokedBy, List<UUID> cases,
            @Nullable UUID institution, int liveCases) {
    }

    private List<GrantView> query(UUID agency, @Nullable UUID grant, @Nullable UUID collector, Instant now) {
        StringBuilder sql = new StringBuilder("""
                select g.id, g.collector_id, g.reason, g.until, g.granted_at, g.granted_by, g.revoked_at, g.revoked_by,
                       c.cases, c.institution_id, c.live
                  from allocation.collector_grant g
                  cross join lateral (
                      select array_agg(gc.account_id order by gc.account_id) as cases,
                             min(gc.institution_id::text)::uuid as institution_id,
                             count(*) filter (where p.recalled_at is null) as live
                        from allocation.collector_grant_case gc
                        join allocation.placement p on p.id = gc.placement_id
                       where gc.grant_id = g.id) c
                 where g.agency_id = :agency""");
        Map<String, Object> params = new HashMap<>();
        params.put("agency", agency);
        if (grant != null) {
            sql.append(" and g.id = :grant");
            params.put("grant", grant);
        }
        if (collector != null) {
            sql.append(" and g.collector_id = :collector");
            params.put("collector", collector);
        }
        sql.append(" order by g.id desc limit ").append(MAX_LIST);
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query((row, n) -> new Row(
                row.getObject("id", UUID.class), row.getObject("collector_id", UUID.class), row.getString("reason"),
                row.getObject("until", LocalDate.class), row.getTimestamp("granted_at").toInstant(),
                row.getObject("granted_by", UUID.class), instant(row.getTimestamp("revoked_at")),
                row.getObject("revoked_by", UUID.class), uuids(row.getArray("cases")),
                row.getObject("institution_id", UUID.class), row.getInt("live"))).list();
        Set<UUID> people = new HashSet<>();
        rows.forEach(row -> {
            people.add(row.collector());
            people.add(row.grantedBy());
        });
        Map<UUID, String> names = people.isEmpty() ? Map.of() : directory.usernames(people);
        Map<UUID, LocalDate> todays = new HashMap<>();
        List<GrantView> views = new ArrayList<>();
        for (Row row : rows) {
            String status;
            if (row.revokedAt() != null) {
                status = "REVOKED";
            } else if (row.until() != null && row.institution() != null && row.until().isBefore(
                    todays.computeIfAbsent(row.institution(), institution -> profiles.today(institution, now)))) {
                status = "EXPIRED";
            } else {
                status = "LIVE";
            }
            views.add(new GrantView(row.id(), row.collector(), names.get(row.collector()), row.reason(), row.until(),
                    row.grantedAt(), row.grantedBy(), names.get(row.grantedBy()), row.revokedAt(), row.revokedBy(),
                    status, row.cases(), row.liveCases()));
        }
        return views;
    }

    private static List<UUID> uuids(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<UUID> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add((UUID) value);
        }
        return list;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
