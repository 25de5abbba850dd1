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
                row_number bigint, account_id uuid, borrower_id uuid, account_ref text, product text, id_number_hash text, identity_enc text,
                identity_hash text, contacts_enc text, mobile_hash text, province text, city text,
                emergency_relation text, currency text, loan_amount numeric, term_months integer, loan_date date,
                due_date date, principal_outstanding numeric, interest_outstanding numeric,
                fees_outstanding numeric, penalty_outstanding numeric, content_hash text
            ) on commit drop
            """;

    static final String COPY_STAGE = "copy account_stage from stdin (format csv)";

    /** One borrower per ID number and institution; a later file with another name updates the name. */
    static final String MERGE_BORROWERS = """
            insert into cases.borrower (id, institution_id, id_number_hash, identity_enc, identity_hash, created_at,
                updated_at)
            select s.borrower_id, :institution, s.id_number_hash, s.identity_enc, s.identity_hash, :now, :now
              from (select distinct on (id_number_hash) borrower_id, id_number_hash, identity_enc, identity_hash
                      from account_stage order by id_number_hash, row_number desc) s
            on conflict (institution_id, id_number_hash) do update
               set identity_enc = excluded.identity_enc, identity_hash = excluded.identity_hash,
                   updated_at = excluded.updated_at
             where cases.borrower.identity_hash <> excluded.identity_hash
            """;

    /** Keeps what a changed account looked like before this batch, before the upsert overwrites it. */
    static final String KEEP_HISTORY = """
            insert into cases.account_history (account_id, institution_id, batch_id, replaced_at, previous)
            select a.id, a.institution_id, :batch, :now, jsonb_build_object(
                       'batchId', a.updated_batch_id, 'borrowerId', a.borrower_id, 'product', a.product,
                       'contactsEnc', a.contacts_enc, 'province', a.province, 'city', a.city,
                       'emergencyRelation', a.emergency_relation, 'currency', a.currency,
                       'loanAmount', a.loan_amount, 'termMonths', a.term_months, 'loanDate', a.loan_date,
                       'dueDate', a.due_date, 'principalOutstanding', a.principal_outstanding,
                       'interestOutstanding', a.interest_outstanding, 'feesOutstanding', a.fees_outstanding,
                       'penaltyOutstanding', a.penalty_outstanding)
              from account_stage s
              join cases.account a on a.institution_id = :institution and a.account_ref = s.account_ref
             where a.content_hash <> s.content_hash
            """;

    /** Inserts new accounts and updates changed ones; an unchanged row is not touched at all. */
    static final String MERGE_ACCOUNTS = """
            with merged as (
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
                on conflict (institution_id, account_ref) do update
                   set borrower_id = excluded.borrower_id, product = excluded.product,
                       contacts_enc = excluded.contacts_enc, mobile_hash = excluded.mobile_hash,
                       province = excluded.province, city = excluded.city,
                       emergency_relation = excluded.emergency_relation, currency = excluded.currency,
                       loan_amount = excluded.loan_amount, term_months = excluded.term_months,
                       loan_date = excluded.loan_date, due_date = excluded.due_date,
                       principal_outstanding = excluded.principal_outstanding,
                       interest_outstanding = excluded.interest_outstanding,
                       fees_outstanding = excluded.fees_outstanding,
                       penalty_outstanding = excluded.penalty_outstanding, content_hash = excluded.content_hash,
                       updated_batch_id = excluded.updated_batch_id, updated_at = excluded.updated_at
                 where cases.account.content_hash <> excluded.content_hash
                returning (xmax = 0) as inserted)
            select count(*) filter (where inserted) as created, count(*) filter (where not inserted) as updated
              from merged
            """;
}
