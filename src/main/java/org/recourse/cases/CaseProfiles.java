package org.recourse.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may know of an institution's cases to decide about many at once (allocation places them
 * by product, bucket and province): no personal data, one query for the lot. Answers for any institution,
 * without a signed-in user; callers acting for a person pass that person's institution.
 */
@Service
public class CaseProfiles {

    private final JdbcClient jdbc;
    private final SettingsStore settings;

    CaseProfiles(JdbcClient jdbc, SettingsStore settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * A case as a placement sees it; the bucket is the institution's current one by its own bands, as the case
     * list shows it.
     */
    public record CaseProfile(UUID id, String accountRef, CaseStatus status, String product, @Nullable String province,
            long dpd, String bucket) {
    }

    /**
     * A case as an agency's assignment weighs it: whose borrower (an opaque id), the amount outstanding, and its
     * bucket today by the institution's bands.
     */
    public record CaseWeight(UUID id, UUID borrowerId, BigDecimal outstanding, String bucket) {
    }

    /** The zone the institution counts its calendar days in. */
    @Transactional(readOnly = true)
    public ZoneId zoneOf(UUID institution) {
        return settings.of(institution).zone();
    }

    /** The institution's calendar day at {@code at}, in the zone it counts its days in. */
    @Transactional(readOnly = true)
    public LocalDate today(UUID institution, Instant at) {
        return at.atZone(zoneOf(institution)).toLocalDate();
    }

    /** The institution's bucket bands, for rules other modules keep by bucket name (strategy segments). */
    @Transactional(readOnly = true)
    public BucketBands bandsOf(UUID institution) {
        return settings.of(institution).bands();
    }

    /**
     * SQL selecting every case of the institution as of its day {@code :today} (a date), for other modules' set-based
     * nightly work, which joins it into its own statements (the strategy step segments every open case with it):
     * {@code case_id, account_ref, borrower_id} (an opaque id), {@code product, province, bucket} (by the institution's
     * bands, as {@link #of} reads it), {@code dpd},
     * {@code outstanding} (principal, interest, fees and penalty together), {@code open} (not closed). Named
     * parameters {@code institution} and {@code today}. No personal data. The bands are read now and written into
     * the text, so call it once per institution and statement.
     */
    @Transactional(readOnly = true)
    public String casesSql(UUID institution) {
        String dpd = "(coalesce(s.closed_on, cast(:today as date)) - a.due_date)";
        return """
                select a.id as case_id, a.account_ref, a.borrower_id, a.product, a.province, %1$s as bucket, %2$s as dpd,
                       a.principal_outstanding + a.interest_outstanding + a.fees_outstanding
                           + a.penalty_outstanding as outstanding,
                       s.closed_on is null as open
                  from cases.account a
                  left join cases.case_state s on s.institution_id = :institution and s.account_id = a.id
                 where a.institution_id = :institution
                """.formatted(settings.of(institution).bands().sqlCase(dpd), dpd);
    }

    /**
     * SQL selecting the ids ({@code case_id}) of the institution's cases whose profile ({@link #casesSql}: the
     * account's reference, borrower, product, province, due date and amounts owed, the case's closing day) was
     * written by a transaction from {@code :since} on (an {@code xid8} as text), new cases included — each once. A
     * nightly step keeps {@link #changesFrom} from when its run began and passes it next time, so that it sees every
     * change at least once (migration V34). Named parameters {@code institution} and {@code since}. The days past
     * due growing with the date is not a change.
     */
    public String changedSinceSql() {
        return """
                select a.id as case_id from cases.account a
                 where a.institution_id = :institution and a.profile_changed_xid >= cast(:since as xid8)
                union
                select s.account_id from cases.case_state s
                 where s.institution_id = :institution and s.profile_changed_xid >= cast(:since as xid8)
                """;
    }

    /**
     * Where {@link #changedSinceSql} should start next time for a reader that begins now: the oldest transaction
     * still running (every older one is visible to the reader's next statement, every one from here on is seen
     * again next time), as text.
     */
    public String changesFrom() {
        return jdbc.sql("select cast(pg_snapshot_xmin(pg_current_snapshot()) as text)").query(String.class).single();
    }

    /**
     * How many of the institution's cases are open (not closed): its accounts less its closed cases, two counts rather
     * than a join of every account to its state (an account never leaves; a state row without its account, which no
     * writer leaves behind, is not counted).
     */
    @Transactional(readOnly = true)
    public long openCount(UUID institution) {
        return jdbc.sql("""
                select (select count(*) from cases.account where institution_id = :institution)
                     - (select count(*) from cases.case_state s
                         where s.institution_id = :institution and s.closed_on is not null
                           and exists (select 1 from cases.account a
                                        where a.institution_id = s.institution_id and a.id = s.account_id))
                """).param("institution", institution).query(Long.class).single();
    }

    /** The institution's cases among {@code caseIds} as of its day {@code today}; others' cases are left out. */
    @Transactional(readOnly = true)
    public List<CaseProfile> of(UUID institution, Collection<UUID> caseIds, LocalDate today) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        BucketBands bands = settings.of(institution).bands();
        return jdbc.sql("""
                select a.id, a.account_ref, a.product, a.province, coalesce(s.status, 'NEW') as status,
                       coalesce(s.closed_on, cast(:today as date)) - a.due_date as dpd
                  from cases.account a
                  left join cases.case_state s on s.institution_id = :institution and s.account_id = a.id
                 where a.institution_id = :institution and a.id = any(:ids)
                """)
                .param("institution", institution).param("today", today)
                .param("ids", caseIds.toArray(UUID[]::new))
                .query((row, n) -> {
                    long dpd = row.getLong("dpd");
                    return new CaseProfile(row.getObject("id", UUID.class), row.getString("account_ref"),
                            CaseStatus.valueOf(row.getString("status")), row.getString("product"),
                            row.getString("province"), dpd, bands.bucketOf(dpd));
                })
                .list();
    }

    /** The weights of the institution's cases among {@code caseIds} as of its day {@code today}, in one query. */
    @Transactional(readOnly = true)
    public List<CaseWeight> weights(UUID institution, Collection<UUID> caseIds, LocalDate today) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        BucketBands bands = settings.of(institution).bands();
        return jdbc.sql("""
                select a.id, a.borrower_id, %s as outstanding,
                       coalesce(s.closed_on, cast(:today as date)) - a.due_date as dpd
                  from cases.account a
                  left join cases.case_state s on s.institution_id = :institution and s.account_id = a.id
                 where a.institution_id = :institution and a.id = any(:ids)
                """.formatted(CaseQueries.TOTAL))
                .param("institution", institution).param("today", today)
                .param("ids", caseIds.toArray(UUID[]::new))
                .query((row, n) -> new CaseWeight(row.getObject("id", UUID.class),
                        row.getObject("borrower_id", UUID.class), row.getBigDecimal("outstanding"),
                        bands.bucketOf(row.getLong("dpd"))))
                .list();
    }
}
