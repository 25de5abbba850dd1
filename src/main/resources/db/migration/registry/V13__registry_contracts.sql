-- Entrustment contracts (委托协议): the terms under which an institution places accounts with an agency.
-- The application checks every field and answers per field; these constraints are the last line, so that no
-- path around the application can store a contract that breaks them.

create table registry.contract (
    id                  uuid        primary key,
    institution_id      uuid        not null references registry.organisation (id),
    agency_id           uuid        not null references registry.organisation (id),
    -- Scope; an empty array means "any". Bucket names are the default bands' (ContractScope says why).
    products            text[]      not null check (cardinality(products) <= 50),
    buckets             text[]      not null
                                    check (buckets <@ array['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+']),
    provinces           text[]      not null check (cardinality(provinces) <= 50),
    max_open_placements integer     not null check (max_open_placements > 0),
    start_date          date        not null,
    end_date            date        not null,
    status              text        not null check (status in ('DRAFT', 'ACTIVE', 'SUSPENDED', 'ENDED')),
    proposed_by         uuid        not null references registry.user_account (id),
    proposed_at         timestamptz not null,
    check (end_date >= start_date),
    check (institution_id <> agency_id)
);

create index contract_institution_idx on registry.contract (institution_id, status);
create index contract_agency_idx on registry.contract (agency_id, status);

-- Rates in a child table rather than a jsonb column: the database then checks each rate (range and, through
-- the type, at most four decimals) and allocation can join a placement's bucket to its rate. numeric(5,4)
-- holds exactly the values a Rate may take, 0.0000 to 1.0000.
create table registry.contract_rate (
    contract_id uuid         not null references registry.contract (id),
    bucket      text         not null check (bucket in ('M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+')),
    rate        numeric(5,4) not null check (rate >= 0 and rate <= 1),
    primary key (contract_id, bucket)
);

-- Every change of status with who and why, the proposal first; never updated. The pairs allowed are
-- ContractStatus's table, repeated here.
create table registry.contract_change (
    id          bigint      generated always as identity primary key,
    contract_id uuid        not null references registry.contract (id),
    action      text        not null check (action in ('PROPOSE', 'ACCEPT', 'DECLINE', 'SUSPEND', 'RESUME', 'END')),
    from_status text,
    to_status   text        not null,
    reason      text        check (char_length(reason) between 1 and 500),
    actor_id    uuid        not null references registry.user_account (id),
    changed_at  timestamptz not null,
    check ((action = 'PROPOSE') = (from_status is null)),
    -- '>DRAFT' is the proposal; a missing from_status must not make the check unknown (and so pass).
    check ((coalesce(from_status, '') || '>' || to_status) in ('>DRAFT', 'DRAFT>ACTIVE', 'DRAFT>ENDED',
        'ACTIVE>SUSPENDED', 'ACTIVE>ENDED', 'SUSPENDED>ACTIVE', 'SUSPENDED>ENDED'))
);

create index contract_change_contract_idx on registry.contract_change (contract_id, id);
