package org.recourse.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseProfiles;
import org.recourse.compliance.ContactHistory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each agency's record with an institution, and the weight the WEIGHTED placement rule gives it. Over the
 * {@link #WINDOW} before the night:
 * <ul>
 * <li><b>recovery rate</b> R = Σ max(0, owed at placing − owed at the end) / Σ owed at placing, over the agency's
 * placements with the institution made in the window with something owed at placing; "the end" is the recall
 * (the amount is kept with it), or now for a placement still live;</li>
 * <li><b>denial rate</b> D = DENY decisions / decisions of the compliance engine asked by the agency's people about
 * the institution's cases in the window;</li>
 * <li><b>complaint rate</b> C = complaints attributed to the agency (it held the case when the complaint was
 * received; {@code compliance.ComplaintDesk}) received in the window / the agency's placements with the institution
 * made in the window.</li>
 * </ul>
 * An agency without placements in the window (or without decisions) takes, for that part, the plain mean of the
 * agencies weighed with it that have one — a neutral value (C likewise, from the agencies with placements); when
 * none has one, R = 0.5, D = 0 and C = 0 for all, which weighs them alike. The weight is
 * {@code (0.1 + 0.9 × R) × (1 − D) / (1 + 100 × C)}, rounded to four decimals: a tenth of it
 * comes whatever the recovery, so that an agency that has recovered little yet still gets cases to prove itself;
 * compliance multiplies, so an agency with half its contacts denied gets half the cases, one with all denied none;
 * one complaint per hundred placements halves the weight, one per thousand takes a tenth off it.
 * Only the institution's own experience counts: what an agency did for other institutions is not theirs to read.
 */
@Component
public class AgencyRecords {

    /** How far back a record reaches. */
    static final Duration WINDOW = Duration.ofDays(180);
    private static final BigDecimal FLOOR = new BigDecimal("0.1");
    private static final BigDecimal SPAN = new BigDecimal("0.9");
    private static final BigDecimal NEUTRAL_RECOVERY = new BigDecimal("0.5");
    /** How much a complaint per placement weighs: 1 / (1 + 100 C). */
    private static final BigDecimal COMPLAINT_SENSITIVITY = BigDecimal.valueOf(100);

    private final JdbcClient jdbc;
    private final CaseProfiles profiles;
    private final ContactHistory contacts;

    AgencyRecords(JdbcClient jdbc, CaseProfiles profiles, ContactHistory contacts) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.contacts = contacts;
    }

    /**
     * One agency's record and weight; the rates are null when it has no history of that kind (the weight then used
     * the neutral value).
     */
    public record AgencyRecord(UUID agencyId, BigDecimal placedAmount, BigDecimal recovered,
            @Nullable BigDecimal recoveryRate, long decisions, long denials, @Nullable BigDecimal denialRate,
            long placements, long complaints, @Nullable BigDecimal complaintRate, BigDecimal weight) {
    }

    /** The records of the agencies, in the order given, as of the moment {@code at}. */
    List<AgencyRecord> of(UUID institution, List<UUID> agencies, LocalDate today, Instant at) {
        if (agencies.isEmpty()) {
            return List.of();
        }
        Map<UUID, Object[]> raw = new LinkedHashMap<>();
        jdbc.sql("""
                with owed as (%s),
                placements as (
                    select p.agency_id, count(*) as placements, sum(p.placed_outstanding) as placed,
                           sum(greatest(p.placed_outstanding - coalesce(p.recalled_outstanding, o.outstanding, 0), 0))
                               as recovered
                      from allocation.placement p
                      left join owed o on p.recalled_at is null and o.case_id = p.account_id
                     where p.institution_id = :institution and p.agency_id = any(:agencies) and p.placed_at >= :since
                     group by p.agency_id
                ), decisions as (%s), complaints as (%s)
                select a.id, coalesce(pl.placed, 0) as placed, coalesce(pl.recovered, 0) as recovered,
                       coalesce(d.decisions, 0) as decisions, coalesce(d.denials, 0) as denials,
                       coalesce(pl.placements, 0) as placements, coalesce(c.complaints, 0) as complaints
                  from unnest(:agencies) as a (id)
                  left join placements pl on pl.agency_id = a.id
                  left join decisions d on d.organisation_id = a.id
                  left join complaints c on c.organisation_id = a.id
                """.formatted(profiles.casesSql(institution), contacts.decisionsByActorSql(),
                        contacts.complaintsByAgencySql()))
                .param("institution", institution).param("agencies", agencies.toArray(UUID[]::new))
                .param("today", today).param("since", PlacementStore.timestamp(at.minus(WINDOW)))
                .query(row -> {
                    raw.put(row.getObject("id", UUID.class), new Object[] {row.getBigDecimal("placed"),
                            row.getBigDecimal("recovered"), row.getLong("decisions"), row.getLong("denials"),
                            row.getLong("placements"), row.getLong("complaints")});
                });
        Map<UUID, BigDecimal> recovery = new LinkedHashMap<>();
        Map<UUID, BigDecimal> denial = new LinkedHashMap<>();
        Map<UUID, BigDecimal> complaint = new LinkedHashMap<>();
        raw.forEach((agency, r) -> {
            BigDecimal placed = (BigDecimal) r[0];
            if (placed.signum() > 0) {
                recovery.put(agency, ((BigDecimal) r[1]).divide(placed, 6, RoundingMode.HALF_UP));
            }
            long decisions = (Long) r[2];
            if (decisions > 0) {
                denial.put(agency, BigDecimal.valueOf((Long) r[3]).divide(BigDecimal.valueOf(decisions), 6,
                        RoundingMode.HALF_UP));
            }
            long placements = (Long) r[4];
            if (placements > 0) {
                complaint.put(agency, BigDecimal.valueOf((Long) r[5]).divide(BigDecimal.valueOf(placements), 6,
                        RoundingMode.HALF_UP));
            }
        });
        BigDecimal neutralRecovery = mean(recovery.values(), NEUTRAL_RECOVERY);
        BigDecimal neutralDenial = mean(denial.values(), BigDecimal.ZERO);
        BigDecimal neutralComplaints = mean(complaint.values(), BigDecimal.ZERO);
        List<AgencyRecord> records = new ArrayList<>();
        for (UUID agency : agencies) {
            Object[] r = raw.get(agency);
            BigDecimal rate = recovery.get(agency);
            BigDecimal denied = denial.get(agency);
            BigDecimal complained = complaint.get(agency);
            records.add(new AgencyRecord(agency, ((BigDecimal) r[0]).setScale(2, RoundingMode.HALF_UP),
                    ((BigDecimal) r[1]).setScale(2, RoundingMode.HALF_UP), rate == null ? null : rate.setScale(4,
                            RoundingMode.HALF_UP), (Long) r[2], (Long) r[3],
                    denied == null ? null : denied.setScale(4, RoundingMode.HALF_UP), (Long) r[4], (Long) r[5],
                    complained == null ? null : complained.setScale(4, RoundingMode.HALF_UP),
                    weight(rate == null ? neutralRecovery : rate, denied == null ? neutralDenial : denied,
                            complained == null ? neutralComplaints : complained)));
        }
        return records;
    }

    /** {@code (0.1 + 0.9 × recovery) × (1 − denial) / (1 + 100 × complaints per placement)}, four decimals. */
    static BigDecimal weight(BigDecimal recovery, BigDecimal denial, BigDecimal complaints) {
        return FLOOR.add(SPAN.multiply(recovery)).multiply(BigDecimal.ONE.subtract(denial))
                .divide(BigDecimal.ONE.add(COMPLAINT_SENSITIVITY.multiply(complaints)), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal mean(java.util.Collection<BigDecimal> values, BigDecimal none) {
        if (values.isEmpty()) {
            return none;
        }
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), 6, RoundingMode.HALF_UP);
    }
}
