-- The compliance engine's ledger (PRODUCT.md capability 8, COMPLIANCE.md §B).
create schema if not exists compliance;

-- Every decision, allow or deny, as it was made: inputs, pack and version, each rule's outcome with the
-- arguments of its message. Append-only: nothing here is ever updated; an attempt refers back to it.
create table compliance.decision (
    id                      uuid primary key,
    institution_id          uuid        not null,
    account_id              uuid        not null,
    borrower_id             uuid        not null,
    contact_point_id        uuid        not null,
    channel                 text        not null,
    purpose                 text        not null,
    actor_organisation_id   uuid        not null,
    actor_user_id           uuid        not null,
    outcome                 text        not null check (outcome in ('ALLOW', 'DENY')),
    pack                    text        not null,
    pack_version            text        not null,
    overlay_version         integer,
    evaluated_at            timestamptz not null,
    borrower_local_time     timestamp   not null,
    -- The borrower's local day the caps count in.
    local_day               date        not null,
    rules                   jsonb       not null,
    inputs                  jsonb       not null,
    next_allowed_at         timestamptz,
    -- Until when an ALLOW may be acted on; for a capped channel it holds the slot until then.
    valid_until             timestamptz,
    check ((outcome = 'ALLOW') = (valid_until is not null))
);

create index decision_log_idx on compliance.decision (institution_id, evaluated_at desc);
create index decision_case_idx on compliance.decision (institution_id, account_id, evaluated_at);
-- Live reservations are ALLOWs of today not yet acted on: found by borrower and day.
create index decision_reservation_idx on compliance.decision (institution_id, borrower_id, local_day)
    where outcome = 'ALLOW';

-- What happened on each contact: outbound ones against the decision that allowed them (at most one each),
-- inbound ones (the borrower called in) without.
create table compliance.contact_attempt (
    id                      uuid primary key,
    institution_id          uuid        not null,
    account_id              uuid        not null,
    borrower_id             uuid        not null,
    contact_point_id        uuid        not null,
    decision_id             uuid        unique references compliance.decision (id),
    direction               text        not null check (direction in ('OUTBOUND', 'INBOUND')),
    channel                 text        not null,
    result                  text        not null,
    duration_seconds        integer     check (duration_seconds between 0 and 86400),
    -- Collectors' notes may name people and numbers: encrypted like all personal data.
    note_enc                text,
    actor_organisation_id   uuid        not null,
    actor_user_id           uuid        not null,
    occurred_at             timestamptz not null,
    local_day               date        not null,
    check ((direction = 'OUTBOUND') = (decision_id is not null))
);

create index attempt_borrower_day_idx on compliance.contact_attempt (institution_id, borrower_id, local_day);

-- What attempts taught about a contact point: a wrong number, a third party who asked not to be called.
create table compliance.contact_point_state (
    institution_id          uuid        not null,
    contact_point_id        uuid        not null,
    invalid_since           timestamptz,
    refused_since           timestamptz,
    primary key (institution_id, contact_point_id)
);

-- An institution's stricter values over its pack; each change a new version, the old ones kept.
create table compliance.policy_overlay (
    institution_id          uuid        not null,
    version                 integer     not null check (version > 0),
    pack                    text        not null,
    overrides               jsonb       not null,
    reason                  text        not null check (char_length(reason) between 1 and 500),
    changed_by              uuid        not null,
    changed_at              timestamptz not null,
    primary key (institution_id, version)
);

-- Numbers an organisation calls and texts from (CN.OUTBOUND_NUMBER): calls only from registered numbers.
create table compliance.outbound_number (
    id                      uuid primary key,
    organisation_id         uuid        not null,
    number_hash             bytea       not null,
    number_enc              text        not null,
    label                   text        not null check (char_length(label) between 1 and 100),
    registered_by           uuid        not null,
    registered_at           timestamptz not null,
    unique (organisation_id, number_hash)
);

-- The borrower told of an entrustment to an agency (CN.OUTSOURCING_NOTICE): the placement step writes it.
create table compliance.entrustment_notice (
    institution_id          uuid        not null,
    account_id              uuid        not null,
    agency_id               uuid        not null,
    notified_at             timestamptz not null,
    primary key (institution_id, account_id, agency_id)
);
