-- Borrowers and accounts, one partition per institution (PERFORMANCE.md §4.3, P1).
--
-- Why: an institution's first file is its big one (a whole book of overdue loans). Into a partition of its
-- own, that file is copied into bare tables and indexed afterwards, with one sorted build per index,
-- instead of a million random insertions into indexes shared with every other tenant (measured: 5× the
-- cost of the copy itself). Each tenant's rows also sit apart physically, and the nightly run works one
-- partition at a time. Every query names the institution, so the planner reads one partition.
--
-- Also: keyed hashes as 32 raw bytes instead of 64 hex characters (half the index, compared with memcmp
-- rather than the collation), and account references in byte order ("C"): they are identifiers, not words.

alter table cases.account_history drop constraint account_history_account_id_fkey;
alter table cases.borrower rename to borrower_v3;
alter table cases.account rename to account_v3;
alter index cases.borrower_pkey rename to borrower_v3_pkey;
alter table cases.borrower_v3 rename constraint borrower_id_number_key to borrower_v3_id_number_key;
alter index cases.account_pkey rename to account_v3_pkey;
alter table cases.account_v3 rename constraint account_ref_key to account_v3_ref_key;
alter index cases.account_borrower_idx rename to account_v3_borrower_idx;
alter index cases.account_mobile_idx rename to account_v3_mobile_idx;

create table cases.borrower (
    id              uuid        not null,
    institution_id  uuid        not null,
    id_number_hash  bytea       not null,
    -- The borrower's ID number and name, one ciphertext: {"idNumber":…,"name":…}
    identity_enc    text        not null,
    identity_hash   bytea       not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    constraint borrower_pkey primary key (institution_id, id),
    constraint borrower_id_number_key unique (institution_id, id_number_hash)
) partition by list (institution_id);

create table cases.account (
    id                  uuid          not null,
    institution_id      uuid          not null,
    account_ref         text collate "C" not null check (char_length(account_ref) between 1 and 64),
    -- No foreign key: the bulk load writes an account only with its borrower, and borrowers are never
    -- deleted. Checking it row by row cost 16 s of a 47 s merge of a million accounts (measured).
    borrower_id         uuid          not null,
    product             text          not null,
    -- Mobile, other phones, address and emergency contact, one ciphertext (JSON).
    contacts_enc        text          not null,
    mobile_hash         bytea         not null,
    province            text,
    city                text,
    emergency_relation  text,
    currency            char(3)       not null,
    loan_amount         numeric(19,4) not null check (loan_amount > 0),
    term_months         integer       not null check (term_months between 1 and 360),
    loan_date           date          not null,
    due_date            date          not null check (due_date >= loan_date),
    principal_outstanding numeric(19,4) not null check (principal_outstanding >= 0),
    interest_outstanding  numeric(19,4) not null check (interest_outstanding >= 0),
    fees_outstanding      numeric(19,4) not null check (fees_outstanding >= 0),
    penalty_outstanding   numeric(19,4) not null check (penalty_outstanding >= 0),
    -- Keyed hash over every loaded value: a re-sent, unchanged row is recognised and left alone.
    content_hash        bytea         not null,
    created_batch_id    uuid          not null,
    updated_batch_id    uuid          not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    constraint account_pkey primary key (institution_id, id),
    constraint account_ref_key unique (institution_id, account_ref)
) partition by list (institution_id);

create index account_borrower_idx on cases.account (borrower_id);
create index account_mobile_idx on cases.account (mobile_hash);

-- The two steps of giving an institution its partitions. Between them the bare tables take a bulk copy.
create function cases.partition_name(base text, institution uuid) returns text
    language sql immutable
    return base || '_' || replace(institution::text, '-', '');

-- Bare tables shaped like the parents (columns, defaults, checks), not yet attached, without indexes.
create function cases.prepare_partitions(institution uuid) returns void
    language plpgsql as $$
begin
    execute format('create table cases.%I (like cases.borrower including defaults including constraints)',
                   cases.partition_name('borrower', institution));
    execute format('create table cases.%I (like cases.account including defaults including constraints)',
                   cases.partition_name('account', institution));
end $$;

-- Indexes built in one sorted pass each, a check that lets the attachment skip its validating scan, then
-- attached: from here on the partitions take part in every query and constraint of the parents.
create function cases.attach_partitions(institution uuid) returns void
    language plpgsql as $$
declare
    borrower_table text := cases.partition_name('borrower', institution);
    account_table text := cases.partition_name('account', institution);
begin
    execute format('alter table cases.%I add primary key (institution_id, id), add unique (institution_id, id_number_hash),'
                   ' add check (institution_id = %L)', borrower_table, institution);
    execute format('alter table cases.%I add primary key (institution_id, id), add unique (institution_id, account_ref),'
                   ' add check (institution_id = %L)', account_table, institution);
    execute format('create index on cases.%I (borrower_id)', account_table);
    execute format('create index on cases.%I (mobile_hash)', account_table);
    execute format('alter table cases.borrower attach partition cases.%I for values in (%L)', borrower_table, institution);
    execute format('alter table cases.account attach partition cases.%I for values in (%L)', account_table, institution);
end $$;

-- Whatever was loaded before this version moves into partitions of its institution.
do $$
declare
    institution uuid;
begin
    for institution in select distinct institution_id from cases.borrower_v3
                       union select distinct institution_id from cases.account_v3 loop
        perform cases.prepare_partitions(institution);
        execute format('insert into cases.%I select id, institution_id, decode(id_number_hash, ''hex''), identity_enc,'
                       ' decode(identity_hash, ''hex''), created_at, updated_at from cases.borrower_v3 where institution_id = %L',
                       cases.partition_name('borrower', institution), institution);
        execute format('insert into cases.%I select id, institution_id, account_ref, borrower_id, product, contacts_enc,'
                       ' decode(mobile_hash, ''hex''), province, city, emergency_relation, currency, loan_amount, term_months,'
                       ' loan_date, due_date, principal_outstanding, interest_outstanding, fees_outstanding, penalty_outstanding,'
                       ' decode(content_hash, ''hex''), created_batch_id, updated_batch_id, created_at, updated_at'
                       ' from cases.account_v3 where institution_id = %L',
                       cases.partition_name('account', institution), institution);
        perform cases.attach_partitions(institution);
    end loop;
end $$;

drop table cases.account_v3;
drop table cases.borrower_v3;

alter table cases.account_history
    add constraint account_history_account_fkey foreign key (institution_id, account_id)
        references cases.account (institution_id, id);
