package org.recourse.cases;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.ContactChannel;
import org.recourse.cases.CaseViews.Borrower;
import org.recourse.cases.CaseViews.BucketChange;
import org.recourse.cases.CaseViews.CaseFilter;
import org.recourse.cases.CaseViews.CaseSort;
import org.recourse.cases.CaseViews.CaseSummary;
import org.recourse.cases.CaseViews.Hold;
import org.recourse.cases.CaseViews.Loan;
import org.recourse.cases.CaseViews.Outstanding;
import org.recourse.cases.CaseViews.StatusChange;
import org.recourse.shared.Masking;
import org.recourse.shared.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads cases for one institution at a time (every query names it, so one partition is read). Days past
 * due are derived here, from the institution's today (or the day a case closed) and the due date.
 */
@Repository
class CaseQueries {

    static final String TOTAL = "(a.principal_outstanding + a.interest_outstanding + a.fees_outstanding"
            + " + a.penalty_outstanding)";
    static final String DPD = "(coalesce(s.closed_on, cast(:today as date)) - a.due_date)";
    private static final String ACTIVE_HOLD = """
            h.institution_id = :institution and h.account_id = a.id and h.lifted_at is null
            and h.starts_on <= :today and (h.ends_on is null or h.ends_on >= :today)""";

    private static final String CASE_COLUMNS = """
            select a.id, a.account_ref, a.product, coalesce(s.status, 'NEW') as status, s.closed_on, a.due_date,
                   a.loan_amount, a.term_months, a.loan_date, a.principal_outstanding, a.interest_outstanding,
                   a.fees_outstanding, a.penalty_outstanding, a.currency, a.province, a.city, a.emergency_relation,
                   a.contacts_enc, a.borrower_id, b.identity_enc, %s as total,
                   array(select h.kind from cases.hold h where %s order by h.kind) as holds
              from cases.account a
              left join cases.case_state s on s.institution_id = :institution and s.account_id = a.id
              join cases.borrower b on b.institution_id = :institution and b.id = a.borrower_id
             where a.institution_id = :institution
            """.formatted(TOTAL, ACTIVE_HOLD);

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();

    CaseQueries(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** A row of a case, as read, before it becomes a view. */
    record CaseRow(UUID id, String accountRef, String product, CaseStatus status, @Nullable LocalDate closedOn,
            LocalDate dueDate, BigDecimal loanAmount, int termMonths, LocalDate loanDate, Outstanding outstanding,
            @Nullable String province, @Nullable String city, @Nullable String relation, String contactsEnc,
            UUID borrowerId, String identityEnc, List<HoldKind> holds) {

        long dpd(LocalDate today) {
            return (closedOn == null ? today : closedOn).toEpochDay() - dueDate.toEpochDay();
        }

        Loan loan() {
            return new Loan(loanAmount, termMonths, loanDate, dueDate);
        }
    }

    /**
     * Limits a list to the cases placed with an agency: {@code caseIdsSql} selects their ids (allocation's SQL,
     * see {@link PlacedCases#caseIdsSql(boolean)}; with {@code collector}, only the cases assigned to it).
     */
    record Placed(UUID agency, @Nullable UUID collector, String caseIdsSql) {
    }

    /**
     * The institution's cases matching the filter, in the sort's order, after the cursor's row; only those placed
     * with an agency when {@code placed} says so.
     */
    List<CaseRow> list(UUID institution, @Nullable Placed placed, LocalDate today, BucketBands bands,
            CaseFilter filter, CaseSort sort, @Nullable String cursor, long offset, int limit) {
        StringBuilder sql = new StringBuilder(CASE_COLUMNS);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("institution", institution);
        params.put("today", today);
        if (placed != null) {
            sql.append(" and a.id in (").append(placed.caseIdsSql()).append(")");
            params.put("agency", placed.agency());
            if (placed.collector() != null) {
                params.put("collector", placed.collector());
            }
        }
        where(sql, params, filter, bands);
        if (cursor != null) {
            after(sql, params, sort, cursor);
        }
        sql.append(switch (sort) {
            case DPD_DESC -> " order by a.due_date, a.id";
            case OUTSTANDING_DESC -> " order by " + TOTAL + " desc, a.id";
            case ACCOUNT_REF -> " order by a.account_ref, a.id";
        }).append(" limit :limit offset :offset");
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(sql.toString()).params(params).query((row, n) -> caseRow(row)).list();
    }

    /** Where the next page starts: the sort key of the last row shown, and its id. */
    static String cursorAfter(CaseRow row, CaseSort sort) {
        String key = switch (sort) {
            case DPD_DESC -> row.dueDate().toString();
            case OUTSTANDING_DESC -> row.outstanding().total().toPlainString();
            case ACCOUNT_REF -> row.accountRef();
        };
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key + "\n" + row.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static void after(StringBuilder sql, Map<String, Object> params, CaseSort sort, String cursor) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
            params.put("afterId", UUID.fromString(parts[1]));
            switch (sort) {
                case DPD_DESC -> {
                    params.put("afterKey", LocalDate.parse(parts[0]));
                    sql.append(" and (a.due_date, a.id) > (cast(:afterKey as date), :afterId)");
                }
                case OUTSTANDING_DESC -> {
                    params.put("afterKey", new BigDecimal(parts[0]));
                    sql.append(" and (").append(TOTAL).append(" < :afterKey or (").append(TOTAL)
                            .append(" = :afterKey and a.id > :afterId))");
                }
                case ACCOUNT_REF -> {
                    params.put("afterKey", parts[0]);
                    sql.append(" and (a.account_ref, a.id) > (:afterKey, :afterId)");
                }
            }
        } catch (RuntimeException e) {
            throw CaseProblem.badCursor();
        }
    }

    private static void where(StringBuilder sql, Map<String, Object> params, CaseFilter filter, BucketBands bands) {
        Integer minDpd = filter.minDpd();
        Integer maxDpd = filter.maxDpd();
        if (filter.bucket() != null) {
            BucketBands.Band band = bands.band(filter.bucket());
            if (BucketBands.CURRENT.equals(filter.bucket())) {
                maxDpd = maxDpd == null ? 0 : Math.min(maxDpd, 0);
            } else if (band == null) {
                sql.append(" and false");
            } else {
                minDpd = minDpd == null ? band.minDpd() : Math.max(minDpd, band.minDpd());
                if (band.maxDpd() != null) {
                    maxDpd = maxDpd == null ? band.maxDpd() : Math.min(maxDpd, band.maxDpd());
                }
            }
        }
        if (minDpd != null) {
            // Closed cases stopped counting before today, so this bound on the due date holds for all cases
            // and lets the due-date index narrow the scan; the exact test follows.
            sql.append(" and a.due_date <= cast(:today as date) - :minDpd and ").append(DPD).append(" >= :minDpd");
            params.put("minDpd", minDpd);
        }
        if (maxDpd != null) {
            sql.append(" and ").append(DPD).append(" <= :maxDpd");
            params.put("maxDpd", maxDpd);
        }
        if (filter.status() != null) {
            sql.append(" and coalesce(s.status, 'NEW') = :status");
            params.put("status", filter.status().name());
        }
        if (filter.minOutstanding() != null) {
            sql.append(" and ").append(TOTAL).append(" >= :minOutstanding");
            params.put("minOutstanding", filter.minOutstanding());
        }
        if (filter.maxOutstanding() != null) {
            sql.append(" and ").append(TOTAL).append(" <= :maxOutstanding");
            params.put("maxOutstanding", filter.maxOutstanding());
        }
        if (filter.hold() != null) {
            sql.append(" and exists (select 1 from cases.hold h where ").append(ACTIVE_HOLD)
                    .append(" and h.kind = :hold)");
            params.put("hold", filter.hold().name());
        }
        equal(sql, params, "product", filter.product());
        equal(sql, params, "province", filter.province());
        equal(sql, params, "city", filter.city());
    }

    private static void equal(StringBuilder sql, Map<String, Object> params, String column, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and a.").append(column).append(" = :").append(column);
            params.put(column, value.strip());
        }
    }

    Optional<CaseRow> one(UUID institution, UUID caseId, LocalDate today) {
        return jdbc.sql(CASE_COLUMNS + " and a.id = :id")
                .param("institution", institution).param("today", today).param("id", caseId)
                .query((row, n) -> caseRow(row)).optional();
    }

    List<Hold> holds(UUID institution, UUID caseId, LocalDate today) {
        return jdbc.sql("""
                select id, kind, reason, starts_on, ends_on, set_at, lifted_at, lift_reason, channel,
                       (lifted_at is null and starts_on <= :today and (ends_on is null or ends_on >= :today)) as active
                  from cases.hold where institution_id = :institution and account_id = :id order by set_at, id
                """).param("institution", institution).param("id", caseId).param("today", today)
                .query((row, n) -> new Hold(row.getObject("id", UUID.class), HoldKind.valueOf(row.getString("kind")),
                        row.getString("reason"), row.getObject("starts_on", LocalDate.class),
                        row.getObject("ends_on", LocalDate.class), row.getBoolean("active"),
                        row.getTimestamp("set_at").toInstant(),
                        row.getTimestamp("lifted_at") == null ? null : row.getTimestamp("lifted_at").toInstant(),
                        row.getString("lift_reason"),
                        row.getString("channel") == null ? null : ContactChannel.valueOf(row.getString("channel"))))
                .list();
    }

    List<StatusChange> statusHistory(UUID institution, UUID caseId) {
        return jdbc.sql("""
                select from_status, to_status, reason, actor_kind, actor_id, changed_at from cases.status_change
                 where institution_id = :institution and account_id = :id order by changed_at, id
                """).param("institution", institution).param("id", caseId)
                .query((row, n) -> new StatusChange(CaseStatus.valueOf(row.getString("from_status")),
                        CaseStatus.valueOf(row.getString("to_status")), row.getString("reason"),
                        row.getString("actor_kind"), row.getObject("actor_id", UUID.class),
                        row.getTimestamp("changed_at").toInstant()))
                .list();
    }

    List<BucketChange> bucketHistory(UUID institution, UUID caseId) {
        return jdbc.sql("""
                select business_date, from_bucket, to_bucket, days_past_due from cases.bucket_change
                 where institution_id = :institution and account_id = :id order by business_date
                """).param("institution", institution).param("id", caseId)
                .query((row, n) -> new BucketChange(row.getObject("business_date", LocalDate.class),
                        row.getString("from_bucket"), row.getString("to_bucket"), row.getInt("days_past_due")))
                .list();
    }

    /**
     * The borrower, masked unless revealed; the mobile comes with the case's contact points, which have read
     * (and masked or not) the same contacts already.
     */
    Borrower borrower(CaseRow row, String mobile, boolean reveal) {
        var identity = json.readTree(cipher.decrypt(row.identityEnc()));
        String name = identity.path("name").asString();
        String idNumber = identity.path("idNumber").asString();
        return reveal ? new Borrower(row.borrowerId(), name, idNumber, mobile)
                : new Borrower(row.borrowerId(), Masking.personName(name), Masking.idNumber(idNumber), mobile);
    }

    String maskedName(CaseRow row) {
        return Masking.personName(json.readTree(cipher.decrypt(row.identityEnc())).path("name").asString());
    }

    private static CaseRow caseRow(ResultSet row) throws SQLException {
        String currency = row.getString("currency");
        Outstanding outstanding = new Outstanding(money(row, "principal_outstanding"), money(row, "interest_outstanding"),
                money(row, "fees_outstanding"), money(row, "penalty_outstanding"), money(row, "total"), currency);
        return new CaseRow(row.getObject("id", UUID.class), row.getString("account_ref"), row.getString("product"),
                CaseStatus.valueOf(row.getString("status")), row.getObject("closed_on", LocalDate.class),
                row.getObject("due_date", LocalDate.class), money(row, "loan_amount"), row.getInt("term_months"),
                row.getObject("loan_date", LocalDate.class), outstanding, row.getString("province"),
                row.getString("city"), row.getString("emergency_relation"), row.getString("contacts_enc"),
                row.getObject("borrower_id", UUID.class), row.getString("identity_enc"), holds(row.getArray("holds")));
    }

    private static List<HoldKind> holds(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((String[]) array.getArray()).map(HoldKind::valueOf).toList();
    }

    /** Amounts are stored at 4 decimals; shown at the currency's 2. */
    private static BigDecimal money(ResultSet row, String column) throws SQLException {
        return row.getBigDecimal(column).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** The latest portfolio the nightly run left for the institution, with that day's rolls. */
    CaseViews.Portfolio portfolio(UUID institution) {
        LocalDate day = jdbc.sql("select max(business_date) from cases.portfolio_day where institution_id = :institution")
                .param("institution", institution).query(LocalDate.class).optional().orElse(null);
        if (day == null) {
            return new CaseViews.Portfolio(null, List.of(), List.of());
        }
        List<CaseViews.BucketTotal> buckets = jdbc.sql("""
                select bucket, cases, outstanding from cases.portfolio_day
                 where institution_id = :institution and business_date = :day
                """).param("institution", institution).param("day", day)
                .query((row, n) -> new CaseViews.BucketTotal(row.getString("bucket"), row.getLong("cases"),
                        row.getBigDecimal("outstanding").setScale(2, java.math.RoundingMode.HALF_UP)))
                .list();
        List<CaseViews.Roll> rolls = jdbc.sql("""
                select from_bucket, to_bucket, count(*) as cases from cases.bucket_change
                 where institution_id = :institution and business_date = :day
                 group by from_bucket, to_bucket
                """).param("institution", institution).param("day", day)
                .query((row, n) -> new CaseViews.Roll(row.getString("from_bucket"), row.getString("to_bucket"),
                        row.getLong("cases")))
                .list();
        return new CaseViews.Portfolio(day, buckets, rolls);
    }

    static List<CaseSummary> summaries(List<CaseRow> rows, LocalDate today, BucketBands bands,
            java.util.function.Function<CaseRow, String> maskedName) {
        List<CaseSummary> summaries = new ArrayList<>(rows.size());
        for (CaseRow row : rows) {
            long dpd = row.dpd(today);
            summaries.add(new CaseSummary(row.id(), row.accountRef(), row.product(), row.status(), dpd,
                    bands.bucketOf(dpd), row.outstanding(), maskedName.apply(row), row.province(), row.city(),
                    row.dueDate(), row.holds()));
        }
        return summaries;
    }
}
