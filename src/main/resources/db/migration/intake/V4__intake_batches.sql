-- Upload batches of overdue accounts, their row-level errors, and the rejected rows for download.
create schema intake;

create table intake.batch (
    id               uuid primary key,
    institution_id   uuid        not null,
    status           text        not null check (status in ('RECEIVED', 'VALIDATING', 'LOADING', 'COMPLETED', 'FAILED')),
    source           text        not null check (source in ('FILE', 'API')),
    file_name        text        check (char_length(file_name) <= 255),
    content_sha256   text        not null,
    idempotency_key  text        check (char_length(idempotency_key) <= 255),
    total_rows       bigint      not null default 0,
    accepted_rows    bigint      not null default 0,
    rejected_rows    bigint      not null default 0,
    created_accounts bigint      not null default 0,
    updated_accounts bigint      not null default 0,
    unchanged_accounts bigint    not null default 0,
    processed_rows   bigint      not null default 0,
    -- For the progress bar while the file is read: a count of its lines (CSV) or unknown (XLSX).
    estimated_rows   bigint,
    file_format      text,
    file_encoding    text,
    warnings         jsonb       not null default '[]'::jsonb,
    failure_code     text,
    failure_detail   text,
    created_by       uuid,
    created_at       timestamptz not null,
    finished_at      timestamptz,
    check (status <> 'COMPLETED' or accepted_rows + rejected_rows = total_rows),
    constraint batch_idempotency_key unique (institution_id, idempotency_key)
);

create index batch_institution_idx on intake.batch (institution_id, created_at desc);
create index batch_unfinished_idx on intake.batch (created_at) where status in ('RECEIVED', 'VALIDATING', 'LOADING');

create table intake.batch_error (
    batch_id     uuid   not null references intake.batch (id),
    row_number   bigint not null,
    field        text   not null,
    code         text   not null,
    masked_value text,
    primary key (batch_id, row_number, field)
);

-- The rejected rows as sent (encrypted: they hold personal data), so the uploader can fix and resend them.
create table intake.rejected_row (
    batch_id    uuid   not null references intake.batch (id),
    row_number  bigint not null,
    cells_enc   text   not null,
    primary key (batch_id, row_number)
);
