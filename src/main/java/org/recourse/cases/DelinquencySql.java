package org.recourse.cases;

/**
 * The set-based statements of the nightly delinquency step, for one institution and business date. Each
 * writes only what changes (PERFORMANCE.md B4), and each is safe to repeat for the same date.
 * {@code %1$s} stands for the bucket of {@code :date - a.due_date}, from the institution's bands.
 */
final class DelinquencySql {

    private DelinquencySql() {
    }

    /** Institutions that have accounts: one partition each (migration V5); the name carries the id. */
    static final String INSTITUTIONS = """
            select cast(substr(c.relname, 9) as uuid)
              from pg_inherits i join pg_class c on c.oid = i.inhrelid
             where i.inhparent = 'cases.account'::regclass
             order by 1
            """;

    /**
     * Takes up the cases the institution sent since the last run: ACTIVE (or PAID, when nothing is owed),
     * with their first bucket and both facts recorded as history.
     */
    static final String TAKE_UP = """
            with taken as (
                select a.id as account_id,
                       case when paid then 'PAID' else 'ACTIVE' end as status,
                       case when paid then cast(:date as date) end as closed_on,
                       %1$s as bucket, cast(:date as date) - a.due_date as days_past_due
                  from cases.account a,
                       lateral (select a.principal_outstanding + a.interest_outstanding + a.fees_outstanding
                                       + a.penalty_outstanding = 0 as paid) owed
                 where a.institution_id = :institution
                   and not exists (select 1 from cases.case_state s
                                    where s.institution_id = :institution and s.account_id = a.id)),
            states as (
                insert into cases.case_state (institution_id, account_id, status, status_since, closed_on, bucket,
                    bucket_since)
                select :institution, account_id, status, :now, closed_on, bucket, :date from taken),
            statuses as (
                insert into cases.status_change (institution_id, account_id, from_status, to_status, reason, actor_kind,
                    changed_at)
                select :institution, account_id, 'NEW', status, 'daily_run.take_up', 'daily-run', :now from taken)
            insert into cases.bucket_change (institution_id, account_id, business_date, from_bucket, to_bucket,
                days_past_due)
            select :institution, account_id, :date, null, bucket, days_past_due from taken
            on conflict do nothing
            """;

    /**
     * Moves open cases whose days past due crossed into another band, in one pass over the institution's
     * cases (the B4 pattern), and records each move; closed cases keep their bucket.
     */
    static final String MOVE_BUCKETS = """
            with moved as (
                update cases.case_state s
                   set previous_bucket = s.bucket, bucket = %1$s, bucket_since = :date
                  from cases.account a
                 where s.institution_id = :institution and s.closed_on is null
                   and a.institution_id = :institution and a.id = s.account_id
                   and s.bucket <> %1$s
                returning s.account_id, s.previous_bucket, s.bucket, cast(:date as date) - a.due_date as days_past_due)
            insert into cases.bucket_change (institution_id, account_id, business_date, from_bucket, to_bucket,
                days_past_due)
            select :institution, account_id, :date, previous_bucket, bucket, days_past_due from moved
            on conflict do nothing
            """;

    /**
     * The institution's accounts and cases taken up: accounts are never deleted and a state row exists only
     * for an account, so equal counts mean nothing is new. Two index-only counts cost a
     * fraction of the anti-join of {@link #TAKE_UP}, which most nights would find nothing.
     */
    static final String COUNTS = """
            select (select count(*) from cases.account where institution_id = :institution) as accounts,
                   (select count(*) from cases.case_state where institution_id = :institution) as cases
            """;

    /** The portfolio as of the date: open cases and what they owe, per bucket; replaces an earlier pass. */
    static final String CLEAR_PORTFOLIO_DAY = """
            delete from cases.portfolio_day where institution_id = :institution and business_date = :date
            """;

    static final String PORTFOLIO_DAY = """
            insert into cases.portfolio_day (institution_id, business_date, bucket, cases, outstanding)
            select :institution, :date, s.bucket, count(*),
                   sum(a.principal_outstanding + a.interest_outstanding + a.fees_outstanding + a.penalty_outstanding)
              from cases.case_state s
              join cases.account a on a.institution_id = :institution and a.id = s.account_id
             where s.institution_id = :institution and s.closed_on is null
             group by s.bucket
            """;
}
