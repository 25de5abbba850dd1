-- Keys for systems (dialers, core banking) that call the API many times a second: a password check costs
-- an Argon2 hash (tens of milliseconds by design), a key check one SHA-256 and one indexed read. A key
-- acts as the user it was issued to, with that user's role; only its hash is kept.
create table registry.api_key (
    id              uuid primary key,
    organisation_id uuid        not null references registry.organisation (id),
    user_id         uuid        not null references registry.user_account (id),
    name            text        not null check (char_length(name) between 1 and 100),
    key_hash        bytea       not null unique,
    -- The first characters of the key, so that people can tell their keys apart.
    hint            text        not null,
    created_by      uuid        not null,
    created_at      timestamptz not null,
    revoked_by      uuid,
    revoked_at      timestamptz,
    check ((revoked_at is null) = (revoked_by is null))
);

create index api_key_organisation_idx on registry.api_key (organisation_id, created_at);
