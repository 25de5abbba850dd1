-- Borrowers and their overdue accounts, as institutions send them. Personal data is encrypted
-- ("<keyId>:<base64>") and found again through keyed hashes (blind indexes, hex HMAC-SHA256).
create schema cases;

create table cases.borrower (
    id              uuid primary key,
    institution_id  uuid        not null,
    id_number_hash  text        not null,
    -- The borrower's ID number and name, one ciphertext: {"idNumber":…,"name":…}
    identity_enc    text        not null,
    identity_hash   text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    constraint borrower_id_number_key unique (institution_id, id_number_hash)
);

create table cases.account (
    id                  uuid primary key,
    institution_id      uuid          not null,
    account_ref         text          not null check (char_length(account_ref) between 1 and 64),
    -- No foreign key: the bulk merge inserts an account only by joining its borrower, and borrowers are
    -- never deleted. Checking it row by row cost 16 s of a 47 s merge of a million accounts (measured).
    borrower_id         uuid          not null,
    product             text          not null,
    -- Mobile, other phones, address and emergency contact, one ciphertext (JSON); see AccountContacts.
    contacts_enc        text          not null,
    mobile_hash         text          not null,
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
    content_hash        text          not null,
    created_batch_id    uuid          not null,
    updated_batch_id    uuid          not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    constraint account_ref_key unique (institution_id, account_ref)
);

create index account_borrower_idx on cases.account (borrower_id);
create index account_mobile_idx on cases.account (institution_id, mobile_hash);

-- What an account looked like before a later file changed it; never updated.
create table cases.account_history (
    id              bigint generated always as identity primary key,
    account_id      uuid        not null references cases.account (id),
    institution_id  uuid        not null,
    batch_id        uuid        not null,
    replaced_at     timestamptz not null,
    previous        jsonb       not null
);

create index account_history_account_idx on cases.account_history (account_id, replaced_at);
