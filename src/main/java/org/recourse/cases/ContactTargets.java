package org.recourse.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseViews.ContactKind;
import org.recourse.cases.CaseViews.ContactOwner;
import org.recourse.cases.CaseViews.ContactPoint;
import org.recourse.cases.CaseViews.Hold;
import org.recourse.shared.ContactChannel;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the compliance engine must know about a case before anyone contacts someone about it: whose debt it
 * is, whether it is still worked, the holds in force and the contact point asked about. No personal data
 * leaves here: contact points are masked and identified by id.
 */
@Service
public class ContactTargets {

    private final ContactPoints contactPoints;
    private final SettingsStore settings;
    private final JdbcClient jdbc;

    ContactTargets(ContactPoints contactPoints, SettingsStore settings, JdbcClient jdbc) {
        this.contactPoints = contactPoints;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    /** The zone the institution counts its calendar days in; compliance reports date their periods in it. */
    public ZoneId zoneOf(UUID institution) {
        return settings.of(institution).zone();
    }

    /** The account references of the institution's cases among {@code caseIds}; others' cases are left out. */
    public Map<UUID, String> accountRefs(UUID institution, Collection<UUID> caseIds) {
        Map<UUID, String> refs = new HashMap<>();
        if (caseIds.isEmpty()) {
            return refs;
        }
        jdbc.sql("select id, account_ref from cases.account where institution_id = :institution and id in (:ids)")
                .param("institution", institution).param("ids", caseIds)
                .query(row -> {
                    refs.put(row.getObject("id", UUID.class), row.getString("account_ref"));
                });
        return refs;
    }

    /**
     * A case and one of its contact points.
     *
     * @param point the contact point asked about, null when it is not one of this case's
     * @param borrowerPhones the ids of every phone number of the borrower (to tell whether the borrower can
     *        still be reached at all before a third party is called)
     * @param activeHolds the holds in force on the institution's current day
     */
    public record ContactTarget(UUID caseId, UUID borrowerId, CaseStatus status, @Nullable ContactPoint point,
            List<UUID> borrowerPhones, List<Hold> activeHolds) {
    }

    /**
     * SQL of the borrower of the institution's case (a scalar subquery, null when the institution has no such case),
     * for statements that must find the borrower before anything else is read: the compliance engine takes the
     * borrower's lock with it. Named parameters {@code institution} and {@code caseId}.
     */
    public static final String BORROWER_OF_CASE =
            "(select borrower_id from cases.account where institution_id = :institution and id = :caseId)";

    /**
     * The statement {@link #find} runs (the case, its holds not lifted, the institution's zone), for a caller that sends
     * it in a batch of its own and hands its rows to {@link #target}. Named parameters {@code institution} and
     * {@code caseId}.
     */
    public static final String TARGET_SQL = """
            select a.borrower_id, coalesce(s.status, 'NEW') as status, a.contacts_enc, a.emergency_relation,
                   coalesce(z.zone_id, '%s') as zone_id, h.id as hold_id, h.kind, h.reason, h.starts_on,
                   h.ends_on, h.set_at, h.channel
              from cases.account a
              left join cases.case_state s on s.institution_id = :institution and s.account_id = a.id
              left join cases.institution_settings z on z.institution_id = :institution
              left join cases.hold h on h.institution_id = :institution and h.account_id = a.id and h.lifted_at is null
             where a.institution_id = :institution and a.id = :caseId
             order by h.set_at, h.id
            """.formatted(DelinquencySettings.DEFAULT_ZONE.getId());

    /**
     * The case of the institution, as at {@code at}; empty when the institution has no such case. One statement
     * (the case, its holds not lifted, the institution's zone): a decision before every contact reads it, so its
     * round trips are the decision's latency. Which holds are in force is judged here, on the institution's day.
     */
    @Transactional(readOnly = true)
    public Optional<ContactTarget> find(UUID institution, UUID caseId, UUID contactPointId, Instant at) {
        return jdbc.sql(TARGET_SQL).param("institution", institution).param("caseId", caseId)
                .query((ResultSetExtractor<Optional<ContactTarget>>) rows -> target(rows, caseId, contactPointId, at));
    }

    /**
     * The case read from the rows of {@link #TARGET_SQL} (the result set positioned before its first row), with the
     * contact point asked about; empty when there are none (no such case of the institution).
     */
    public Optional<ContactTarget> target(ResultSet rows, UUID caseId, UUID contactPointId, Instant at)
            throws SQLException {
        if (!rows.next()) {
            return Optional.empty();
        }
        UUID borrowerId = rows.getObject("borrower_id", UUID.class);
        CaseStatus status = CaseStatus.valueOf(rows.getString("status"));
        String contactsEnc = rows.getString("contacts_enc");
        String relation = rows.getString("emergency_relation");
        LocalDate today = at.atZone(ZoneId.of(rows.getString("zone_id"))).toLocalDate();
        List<Hold> holds = new ArrayList<>();
        do {
            Hold hold = hold(rows);
            if (hold != null && inForce(hold, today)) {
                holds.add(hold);
            }
        } while (rows.next());
        List<ContactPoint> points = contactPoints.of(borrowerId, contactsEnc, relation, false);
        ContactPoint point = points.stream().filter(candidate -> candidate.id().equals(contactPointId)).findFirst()
                .orElse(null);
        List<UUID> phones = points.stream()
                .filter(candidate -> candidate.owner() == ContactOwner.BORROWER && candidate.kind() != ContactKind.ADDRESS
                        && candidate.kind() != ContactKind.EMAIL)
                .map(ContactPoint::id).toList();
        return Optional.of(new ContactTarget(caseId, borrowerId, status, point, phones, List.copyOf(holds)));
    }

    private static @Nullable Hold hold(ResultSet row) throws SQLException {
        UUID id = row.getObject("hold_id", UUID.class);
        if (id == null) {
            return null;
        }
        String channel = row.getString("channel");
        return new Hold(id, HoldKind.valueOf(row.getString("kind")), row.getString("reason"),
                row.getObject("starts_on", LocalDate.class), row.getObject("ends_on", LocalDate.class), true,
                row.getTimestamp("set_at").toInstant(), null, null, channel == null ? null : ContactChannel.valueOf(channel));
    }

    /** The same test as the case pages' (a hold not lifted, begun, not ended), on the institution's day. */
    private static boolean inForce(Hold hold, LocalDate today) {
        return !hold.startsOn().isAfter(today) && (hold.endsOn() == null || !hold.endsOn().isBefore(today));
    }

    /**
     * The points a contact plan reaches the borrower of a case at, identified by id only: the borrower's mobile
     * numbers, the mobile sent as such first (then the other phones that are mobiles, in the order sent), and the
     * borrower's address and e-mail address. Whether a number is still valid is the compliance ledger's to say.
     */
    record PlannedPoints(UUID caseId, List<UUID> mobiles, @Nullable UUID address, @Nullable UUID email) {
    }

    /**
     * SQL selecting the {@link PlannedPoints} of the institution's cases that are known and current, for set-based
     * nightly planning: {@code case_id, mobiles} (uuid[], in order; empty when the borrower has none) and
     * {@code address} and {@code email} (null when none). Named parameter {@code institution}. A case never planned, or loaded again with
     * other contents since (the load forgets its points), is missing: {@link #refreshPlannedPoints} computes it.
     */
    public String plannedPointsSql() {
        return """
                select p.account_id as case_id, p.mobiles, p.address, p.email
                  from cases.planned_point p
                 where p.institution_id = :institution
                """;
    }

    /**
     * Computes the {@link PlannedPoints} of the institution's cases among {@code caseIds} (others' are left out) and
     * keeps them, for {@link #plannedPointsSql}, until the account is loaded again with other contents; in the caller's
     * transaction. Decrypts each account once: planners call it for the cases {@link #plannedPointsSql} misses, in
     * chunks of a few thousand. Answers how many cases it kept.
     */
    @Transactional
    public int refreshPlannedPoints(UUID institution, Collection<UUID> caseIds) {
        List<PlannedPoints> planned = plannedPoints(institution, caseIds);
        if (planned.isEmpty()) {
            return 0;
        }
        // Mobiles as one text literal per case ("{id,id}"): JDBC sends no array of arrays.
        String[] mobiles = planned.stream()
                .map(p -> p.mobiles().stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")))
                .toArray(String[]::new);
        jdbc.sql("""
                insert into cases.planned_point (institution_id, account_id, mobiles, address, email)
                select :institution, r.id, cast(r.mobiles as uuid[]), r.address, r.email
                  from unnest(cast(:ids as uuid[]), cast(:mobiles as text[]), cast(:addresses as uuid[]),
                              cast(:emails as uuid[])) r(id, mobiles, address, email)
                on conflict (institution_id, account_id) do update
                   set mobiles = excluded.mobiles, address = excluded.address, email = excluded.email
                """)
                .param("institution", institution)
                .param("ids", planned.stream().map(PlannedPoints::caseId).toArray(UUID[]::new))
                .param("mobiles", mobiles)
                .param("addresses", planned.stream().map(PlannedPoints::address).toArray(UUID[]::new))
                .param("emails", planned.stream().map(PlannedPoints::email).toArray(UUID[]::new))
                .update();
        return planned.size();
    }

    /**
     * {@link PlannedPoints} of the institution's cases among {@code caseIds} (others' are left out), read in one query
     * and decrypted here: the ids are keyed hashes of the values, which only this module can compute. Nightly planners
     * read the kept ones ({@link #plannedPointsSql}) and have the rest computed by {@link #refreshPlannedPoints}.
     */
    private List<PlannedPoints> plannedPoints(UUID institution, Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        record Row(UUID caseId, UUID borrower, String contactsEnc) {
        }
        List<Row> rows = jdbc.sql("""
                select a.id, a.borrower_id, a.contacts_enc from cases.account a
                 where a.institution_id = :institution and a.id = any(:ids)
                """)
                .param("institution", institution).param("ids", caseIds.toArray(UUID[]::new))
                .query((row, n) -> new Row(row.getObject("id", UUID.class), row.getObject("borrower_id", UUID.class),
                        row.getString("contacts_enc")))
                .list();
        // Decrypting and hashing is the work here, and each row's its own: spread over the cores.
        return rows.parallelStream().map(row -> contactPoints.planned(row.caseId(), row.borrower(), row.contactsEnc()))
                .toList();
    }
}
