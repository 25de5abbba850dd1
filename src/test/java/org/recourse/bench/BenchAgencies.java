package org.recourse.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PERFORMANCE.md's allocation set-up, shared by P6 and P7: 50 approved agencies with 40 enabled collectors each
 * (2,000), an ACTIVE contract each covering everything (quotas proportional to 1 … 5 by agency, 90 % of the cases in
 * all), and the standing rule CAPACITY with keep-previous, each collector's maximum 95 % of an even share of the
 * agency's quota. Written in SQL straight into the tables: through the API it would take longer than what is measured.
 */
public final class BenchAgencies {

    public static final int AGENCIES = 50;
    public static final int COLLECTORS_PER_AGENCY = 40;

    private BenchAgencies() {
    }

    /**
     * Sets it up and answers each agency's quota, in agency order. Leaves the table {@code bench_agency (n, agency_id,
     * contract_id, quota, per_collector)} for the caller's own use (it drops it). Contract {@code n} starts on
     * {@code from} plus {@code n % stagger} days ({@code stagger} 1: all on {@code from}) and ends on {@code until}.
     */
    public static List<Long> create(JdbcClient jdbc, UUID institution, UUID admin, long cases, LocalDate from,
            int stagger, LocalDate until) {
        jdbc.sql("create table bench_agency (n integer primary key, agency_id uuid not null, contract_id uuid not null,"
                + " quota bigint not null, per_collector integer not null)").update();
        long shares = 0;
        for (int i = 0; i < AGENCIES; i++) {
            shares += i % 5 + 1;
        }
        List<Long> quotas = new ArrayList<>();
        for (int i = 0; i < AGENCIES; i++) {
            long quota = Math.max(1, cases * 9 / 10 * (i % 5 + 1) / shares);
            quotas.add(quota);
            int perCollector = (int) Math.max(1, quota * 95 / 100 / COLLECTORS_PER_AGENCY);
            jdbc.sql("insert into bench_agency values (:n, gen_random_uuid(), gen_random_uuid(), :quota, :per)")
                    .param("n", i).param("quota", quota).param("per", perCollector).update();
        }
        jdbc.sql("""
                insert into registry.organisation (id, kind, name, credit_code, status, registered_at)
                select agency_id, 'AGENCY', '基准催收 ' || n, 'BENCHAGENCY' || lpad(n::text, 7, '0'), 'APPROVED', now()
                  from bench_agency
                """).update();
        jdbc.sql("""
                insert into registry.user_account (id, organisation_id, username, display_name, password_hash, role,
                    enabled, created_at)
                select gen_random_uuid(), a.agency_id, 'bc' || a.n || '-' || lpad(c::text, 2, '0'), '催收员', 'none',
                       'COLLECTOR', true, now()
                  from bench_agency a cross join generate_series(1, :k) c
                """).param("k", COLLECTORS_PER_AGENCY).update();
        jdbc.sql("""
                insert into registry.contract (id, institution_id, agency_id, products, buckets, provinces,
                    max_open_placements, start_date, end_date, status, proposed_by, proposed_at)
                select contract_id, :i, agency_id, '{}', '{}', '{}', quota, cast(:from as date) + n % :stagger,
                       cast(:until as date), 'ACTIVE', :admin, now()
                  from bench_agency
                """).param("i", institution).param("from", from).param("stagger", stagger).param("until", until)
                .param("admin", admin).update();
        jdbc.sql("""
                insert into registry.contract_rate (contract_id, bucket, rate)
                select a.contract_id, b, 0.1 from bench_agency a
                 cross join unnest(array['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+']) b
                """).update();
        jdbc.sql("""
                insert into allocation.standing_rule (agency_id, mode, same_borrower, keep_previous,
                    max_open_per_collector, changed_by, changed_at)
                select agency_id, 'CAPACITY', false, true, per_collector, :admin, now() from bench_agency
                """).param("admin", admin).update();
        return quotas;
    }
}
