-- Organisations (the platform operator, institutions, agencies) and the people who sign in for them.
-- Versions are numbered across all module folders, because one Flyway history covers them all.
create schema registry;

create table registry.organisation (
    id                uuid primary key,
    kind              text        not null check (kind in ('PLATFORM', 'INSTITUTION', 'AGENCY')),
    name              text        not null check (char_length(name) between 2 and 100),
    -- GB 32100-2015; checked in the application, kept unique here so two registrations cannot race.
    credit_code       char(18)    constraint organisation_credit_code_key unique,
    licence_number    text        check (char_length(licence_number) <= 64),
    -- The contact person's name and phone are personal data: encrypted, "<keyId>:<base64>".
    contact_name_enc  text,
    contact_phone_enc text,
    status            text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    decision_reason   text        check (char_length(decision_reason) <= 500),
    decided_at        timestamptz,
    decided_by        uuid,
    registered_at     timestamptz not null,
    version           bigint      not null default 0,
    check (kind = 'PLATFORM' or credit_code is not null),
    check (status <> 'REJECTED' or decision_reason is not null)
);

create index organisation_pending_idx on registry.organisation (registered_at) where status = 'PENDING';

create table registry.user_account (
    id              uuid primary key,
    organisation_id uuid        not null references registry.organisation (id),
    username        text        not null check (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$'),
    display_name    text        check (char_length(display_name) <= 50),
    password_hash   text        not null,
    role            text        not null check (role in ('PLATFORM_ADMIN', 'INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR',
                                                         'AGENCY_ADMIN', 'COLLECTOR', 'COMPLIANCE_OFFICER')),
    enabled         boolean     not null,
    failed_sign_ins integer     not null default 0 check (failed_sign_ins >= 0),
    locked_until    timestamptz,
    created_at      timestamptz not null
);

-- Usernames are unique platform-wide, whatever their case.
create unique index user_account_username_key on registry.user_account (lower(username));
create index user_account_organisation_idx on registry.user_account (organisation_id);
