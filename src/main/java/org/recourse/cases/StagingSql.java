package org.recourse.cases;

/** The SQL of a bulk load: the staging table, and the set-based merge out of it. */
final class StagingSql {

    private StagingSql() {
    }

    /**
     * Dropped at commit; unlogged by nature (temporary), with no index to maintain while rows stream in.
     * Ids are made in Java, time-ordered, so the merge appends to the primary keys instead of scattering.
     */
    static final String CREATE_STAGE = """
            create temp table account_stage (
                row_number bigint, account_id uuid, borrower_id uuid, account_ref text collate "C", product text,
                id_number_hash bytea, identity_enc text, identity_hash bytea, contacts_enc text, mobile_hash bytea,
                province text, city text, emergency_relation text, currency text, loan_amount numeric,
                term_months integer, loan_date date, due_date date, principal_outstanding numeric,
                interest_outstanding numeric, fees_outstanding numeric, penalty_outstanding numeric,
                content_hash bytea
            ) on commit drop
            """;

    static final String COPY_STAGE = "copy account_stage from stdin (format binary)";

    /**
     * Loads of one institution run one after the other (on any node), so that the merge below can insert
     * what it did not find without racing another load for the same keys; other institutions load freely.
     */
    static final String LOCK_INSTITUTION = "select pg_advisory_xact_lock(hashtextextended('intake:' || :institution, 0))";

    /** Whether the institution has no partitions yet, so that a load can skip staging ({@link DirectLoad}). */
    static final String FIRST_LOAD =
            "select to_regclass(format('cases.%I', cases.partition_name('account', :institution))) is null";

    static final String PREPARE_PARTITIONS = "select cases.prepare_partitions(:institution)";

    static final String ATTACH_PARTITIONS = "select cases.attach_partitions(:institution)";

    /** What every row of a first load shares, as defaults of its bare tables (see {@link CopyRows#ACCOUNT_COLUMNS}). */
    static final String LOAD_DEFAULTS_ACCOUNTS = """
            alter table cases.account_%s alter column institution_id set default '%s',
                alter column created_batch_id set default '%s', alter column updated_batch_id set default '%s',
                alter column created_at set default '%s', alter column updated_at set default '%s'""";

    static final String LOAD_DEFAULTS_BORROWERS = """
            alter table cases.borrower_%s alter column institution_id set default '%s',
                alter column created_at set default '%s', alter column updated_at set default '%s'""";

    /** Once loaded, the partitions take their values from the rows that come, as the parents do. */
    static final String DROP_LOAD_DEFAULTS_ACCOUNTS = """
            alter table cases.account_%s alter column institution_id drop default,
                alter column created_batch_id drop default, alter column updated_batch_id drop default,
                alter column created_at drop default, alter column updated_at drop default""";

    static final String DROP_LOAD_DEFAULTS_BORROWERS = """
            alter table cases.borrower_%s alter column institution_id drop default,
                alter column created_at drop default, alter column updated_at drop default""";

    /** The last row of the batch for each ID number speaks for its borrower. */
    private static final String BATCH_BORROWERS = """
            (select distinct on (id_number_hash) borrower_id, id_number_hash, identity_enc, identity_hash
               from account_stage order by id_number_hash, row_number desc)""";

    /** A borrower sent again under another name (or a corrected ID number spelling) takes the new identity. */
    static final String UPDATE_BORROWERS = """
            update cases.borrower b
               set identity_enc = s.identity_enc, identity_hash = s.identity_hash, updated_at = :now
              from %s s
             where b.institution_id = :institution and b.id_number_hash = s.id_number_hash
               and b.identity_hash <> s.identity_hash
            """.formatted(BATCH_BORROWERS);

    /**
     * One borrower per ID number and institution. A plain insert of what is not there yet, not an upsert:
     * the institution lock rules out a concurrent insert, and speculative insertion costs on every row.
     */
    static final String INSERT_BORROWERS = """
            insert into cases.borrower (id, institution_id, id_number_hash, identity_enc, identity_hash, created_at,
                updated_at)
            select s.borrower_id, :institution, s.id_number_hash, s.identity_enc, s.identity_hash, :now, :now
              from %s s
             where not exists (select 1 from cases.borrower b
                                where b.institution_id = :institution and b.id_number_hash = s.id_number_hash)
            """.formatted(BATCH_BORROWERS);

    /** A borrower met again later in a first load under another spelling of their identity. */
    static final String CHANGE_IDENTITY = """
            update cases.borrower set identity_enc = :enc, identity_hash = :hash, updated_at = :now
             where institution_id = :institution and id = :id
            """;

    /**
     * Keeps what a changed account looked like before this batch, before the update overwrites it; and forgets the
     * contact points planned from its old contents ({@code cases.planned_point}, see {@link ContactTargets}), which
     * the next contact plan computes again. Every statement that changes an account's contacts or borrower must
     * forget them so.
     */
    static final String KEEP_HISTORY = """
            with changed as (
                select a.* from account_stage s
                  join cases.account a on a.institution_id = :institution and a.account_ref = s.account_ref
                 where a.content_hash <> s.content_hash),
            forgotten as (
                delete from cases.planned_point p using changed c
                 where p.institution_id = :institution and p.account_id = c.id)
            insert into cases.account_history (account_id, institution_id, batch_id, replaced_at, previous)
            select a.id, a.institution_id, :batch, :now, jsonb_build_object(
                       'batchId', a.updated_batch_id, 'borrowerId', a.borrower_id, 'product', a.product,
                       'contactsEnc', a.contacts_enc, 'province', a.province, 'city', a.city,
                       'emergencyRelation', a.emergency_relation, 'currency', a.currency,
                       'loanAmount', a.loan_amount, 'termMonths', a.term_months, 'loanDate', a.loan_date,
                       'dueDate', a.due_date, 'principalOutstanding', a.principal_outstanding,
                       'interestOutstanding', a.interest_outstanding, 'feesOutstanding', a.fees_outstanding,
                       'penaltyOutstanding', a.penalty_outstanding)
              from changed a
            """;

    /** Changed accounts take the batch's values; an unchanged row is not touched at all. */
    static final String UPDATE_ACCOUNTS = """
            update cases.account a
               set borrower_id = b.id, product = s.product, contacts_enc = s.contacts_enc,
                   mobile_hash = s.mobile_hash, province = s.province, city = s.city,
                   emergency_relation = s.emergency_relation, currency = s.currency, loan_amount = s.loan_amount,
                   term_months = s.term_months, loan_date = s.loan_date, due_date = s.due_date,
                   principal_outstanding = s.principal_outstanding, interest_outstanding = s.interest_outstanding,
                   fees_outstanding = s.fees_outstanding, penalty_outstanding = s.penalty_outstanding,
                   content_hash = s.content_hash, updated_batch_id = :batch, updated_at = :now
              from account_stage s
              join cases.borrower b on b.institution_id = :institution and b.id_number_hash = s.id_number_hash
             where a.institution_id = :institution and a.account_ref = s.account_ref
               and a.content_hash <> s.content_hash
            """;

    /** New accounts, each joined to its borrower (the staged borrower id holds only for a borrower's last row). */
    static final String INSERT_ACCOUNTS = """
            insert into cases.account (id, institution_id, account_ref, borrower_id, product, contacts_enc,
                mobile_hash, province, city, emergency_relation, currency, loan_amount, term_months, loan_date,
                due_date, principal_outstanding, interest_outstanding, fees_outstanding, penalty_outstanding,
                content_hash, created_batch_id, updated_batch_id, created_at, updated_at)
            select s.account_id, :institution, s.account_ref, b.id, s.product, s.contacts_enc, s.mobile_hash,
                   s.province, s.city, s.emergency_relation, s.currency, s.loan_amount, s.term_months,
                   s.loan_date, s.due_date, s.principal_outstanding, s.interest_outstanding,
                   s.fees_outstanding, s.penalty_outstanding, s.content_hash, :batch, :batch, :now, :now
              from account_stage s
              join cases.borrower b on b.institution_id = :institution and b.id_number_hash = s.id_number_hash
             where not exists (select 1 from cases.account a
                                where a.institution_id = :institution and a.account_ref = s.account_ref)
            """;

    /**
     * An open case whose account this batch brought down to nothing owed is PAID (and stops counting days
     * past due). A case the nightly run has not taken up yet gets its first state row here. {@code %1$s}
     * stands for the bucket of {@code :today - a.due_date}.
     */
    static final String SETTLE_PAID = """
            with paid as (
                select a.id as account_id, coalesce(c.status, 'NEW') as from_status, %1$s as bucket
                  from account_stage st
                  join cases.account a on a.institution_id = :institution and a.account_ref = st.account_ref
                  left join cases.case_state c on c.institution_id = :institution and c.account_id = a.id
                 where st.principal_outstanding + st.interest_outstanding + st.fees_outstanding
                       + st.penalty_outstanding = 0
                   and a.updated_batch_id = :batch and a.created_batch_id <> :batch
                   and coalesce(c.status, 'NEW') in ('NEW', 'ACTIVE')),
            states as (
                insert into cases.case_state (institution_id, account_id, status, status_since, closed_on, bucket,
                    bucket_since)
                select :institution, account_id, 'PAID', :now, :today, bucket, :today from paid
                on conflict (institution_id, account_id) do update
                   set status = 'PAID', status_since = excluded.status_since, closed_on = excluded.closed_on)
            insert into cases.status_change (institution_id, account_id, from_status, to_status, reason, actor_kind,
                changed_at)
            select :institution, account_id, from_status, 'PAID', 'intake.paid_in_full', 'intake', :now from paid
            """;
}
