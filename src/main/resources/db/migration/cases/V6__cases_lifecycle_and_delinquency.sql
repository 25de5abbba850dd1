-- Cases: the collection work on each account. The account row stays as the institution sent it; what
-- changes day by day lives in narrow tables written only at a transition (PERFORMANCE.md B3/B4: rewriting
-- the wide, indexed account row every night costs ten times more). Days past due are derived when read.

-- Per-institution settings of delinquency: the zone its calendar days are counted in, and its bucket bands
-- ([{"name":"M1","minDpd":1,"maxDpd":30}, …, {"name":"M6+","minDpd":181,"maxDpd":null}]). No row = defaults.
create table cases.institution_settings (
    institution_id  uuid primary key,
    zone_id         text        not null,
    bands           jsonb       not null,
    updated_at      timestamptz not null,
    updated_by      uuid        not null
);

-- One row per case once the nightly run has taken it up (a case without a row is NEW). Narrow, with room
-- on each page so that the few rows changed each night are updated in place (HOT).
create table cases.case_state (
    institution_id  uuid        not null,
    account_id      uuid        not null,
    status          text        not null check (status in ('NEW', 'ACTIVE', 'PAID', 'SETTLED', 'WRITTEN_OFF',
                                                           'RECALLED', 'CLOSED')),
    status_since    timestamptz not null,
    -- The day a case closed: its days past due stop counting there.
    closed_on       date,
    bucket          text        not null,
    bucket_since    date        not null,
    -- The bucket before the last move: lets the nightly update return what it moved from (PostgreSQL 15's
    -- RETURNING sees only new values) without a second join of the whole table.
    previous_bucket text,
    primary key (institution_id, account_id)
) with (fillfactor = 70);

-- Every change of status, with who and why; never updated.
create table cases.status_change (
    id              bigint generated always as identity primary key,
    institution_id  uuid        not null,
    account_id      uuid        not null,
    from_status     text        not null,
    to_status       text        not null,
    reason          text        not null check (char_length(reason) between 1 and 500),
    actor_id        uuid,
    -- 'user', or 'daily-run' / 'intake' when the platform itself moved the case.
    actor_kind      text        not null,
    changed_at      timestamptz not null
);

create index status_change_case_idx on cases.status_change (institution_id, account_id, changed_at);

-- Every bucket a case entered, on the business date it entered it; one per case and day, so that a run
-- repeated for the same day writes nothing twice.
create table cases.bucket_change (
    institution_id  uuid        not null,
    account_id      uuid        not null,
    business_date   date        not null,
    from_bucket     text,
    to_bucket       text        not null,
    days_past_due   integer     not null,
    primary key (institution_id, account_id, business_date)
);

create index bucket_change_roll_idx on cases.bucket_change (institution_id, business_date);

-- Holds stop collection on a case; the row is its own history (set, and later lifted, each with who and why).
create table cases.hold (
    id              uuid primary key,
    institution_id  uuid        not null,
    account_id      uuid        not null,
    kind            text        not null check (kind in ('DISPUTED', 'CEASE_CONTACT', 'DECEASED', 'LEGAL',
                                                         'VULNERABLE', 'INSTITUTION_PAUSE')),
    reason          text        not null check (char_length(reason) between 1 and 500),
    -- May lie in the past: an institution can record a hold from the day it really began.
    starts_on       date        not null,
    ends_on         date,
    set_by          uuid        not null,
    set_at          timestamptz not null,
    lifted_by       uuid,
    lifted_at       timestamptz,
    lift_reason     text        check (char_length(lift_reason) between 1 and 500),
    check (ends_on is null or ends_on >= starts_on),
    check ((lifted_at is null) = (lifted_by is null) and (lifted_at is null) = (lift_reason is null))
);

create index hold_case_idx on cases.hold (institution_id, account_id);

-- The portfolio as the nightly run left it: cases and outstanding per bucket and day, so that the
-- portfolio page reads a handful of rows instead of aggregating every account (PERFORMANCE.md P11).
create table cases.portfolio_day (
    institution_id  uuid          not null,
    business_date   date          not null,
    bucket          text          not null,
    cases           bigint        not null,
    outstanding     numeric(21,4) not null,
    primary key (institution_id, business_date, bucket)
);

-- Lists filter and sort by the due date (days past due = business date - due date). Partitions are per
-- institution already, so the institution need not lead the key; a first load builds it when it attaches.
create index account_due_idx on cases.account (due_date, id);
