-- The nightly run: one run per business date, one row per step of it. Platform-wide, not tenant data,
-- so no institution_id: a run covers every institution.
create schema daily;

create table daily.run (
    id            uuid        primary key,
    business_date date        not null,
    status        text        not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    -- The platform administrator who asked for it; null when the nightly schedule started it.
    requested_by  uuid,
    created_at    timestamptz not null,
    started_at    timestamptz,
    finished_at   timestamptz,
    failure_code  text,
    -- Two nodes that create the night's run at once create one: insert … on conflict do nothing.
    constraint run_business_date unique (business_date),
    check ((status = 'FAILED') = (failure_code is not null))
);

create index run_unfinished_idx on daily.run (business_date) where status in ('QUEUED', 'RUNNING');

create table daily.run_step (
    run_id      uuid        not null references daily.run (id),
    name        text        not null,
    position    int         not null,
    status      text        not null check (status in ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
    processed   bigint      not null default 0 check (processed >= 0),
    changed     bigint      not null default 0 check (changed >= 0),
    started_at  timestamptz,
    finished_at timestamptz,
    primary key (run_id, name)
);
