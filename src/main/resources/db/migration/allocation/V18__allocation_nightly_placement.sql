-- The nightly placement by rule (issue 6): each institution's rule, each agency's standing assignment rule, what
-- each night placed, and what agencies' records are weighed by (the amount owed when a placement began and ended).

-- The platform places and assigns at night: no person did it, so who placed or assigned may be null (the nightly
-- step), as who recalled already may.
alter table allocation.placement alter column placed_by drop not null;
alter table allocation.assignment alter column assigned_by drop not null;

-- What the case owed (principal, interest, fees, penalty) when it was placed and when it was recalled: an agency's
-- recovery rate is read from these two. Null for placements made before this version (they are left out).
alter table allocation.placement add column placed_outstanding numeric(19,4);
alter table allocation.placement add column recalled_outstanding numeric(19,4);
alter table allocation.placement add check (recalled_outstanding is null or recalled_at is not null);

-- The history rule again, now with the amount at placing among what never changes (the amount at recall is
-- written with the recall, the one change a placement takes).
create or replace function allocation.placement_kept() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'allocation.placement keeps its history (% refused)', tg_op using errcode = '42501';
    end if;
    if old.recalled_at is not null
            or (new.id, new.institution_id, new.account_id, new.account_ref, new.agency_id, new.contract_id,
                new.placed_at, new.placed_by, new.placed_until, new.placed_outstanding)
               is distinct from
               (old.id, old.institution_id, old.account_id, old.account_ref, old.agency_id, old.contract_id,
                old.placed_at, old.placed_by, old.placed_until, old.placed_outstanding) then
        raise exception 'a placement changes only by its recall, once' using errcode = '42501';
    end if;
    return new;
end;
$$;

-- Keep-previous: a returning case's earlier assignments with the agency (the night reads one agency's at a time).
create index assignment_agency_case_idx on allocation.assignment (institution_id, agency_id, account_id);

-- An agency's record: its placements with an institution over a time (recovery), by placing time.
create index placement_agency_record_idx on allocation.placement (institution_id, agency_id, placed_at);

-- How the nightly step shares an institution's cases among the contracts in force (PlacementRule). No row: the
-- default, ROUND_ROBIN. Each change is also in the audit trail.
create table allocation.placement_rule (
    institution_id  uuid        primary key,
    rule            text        not null check (rule in ('ROUND_ROBIN', 'CAPACITY', 'WEIGHTED')),
    changed_by      uuid        not null,
    changed_at      timestamptz not null
);

-- How an agency's newly placed cases reach its collectors at night (StandingRule). No row, or no mode and no
-- keep-previous: they stay unassigned for the administrator.
create table allocation.standing_rule (
    agency_id               uuid        primary key,
    mode                    text        check (mode in ('ROUND_ROBIN', 'CAPACITY')),
    same_borrower           boolean     not null,
    keep_previous           boolean     not null,
    -- Most open cases a collector holds with the agency: required for CAPACITY, the "room" of keep-previous.
    max_open_per_collector  integer     check (max_open_per_collector between 1 and 1000000),
    changed_by              uuid        not null,
    changed_at              timestamptz not null,
    check (mode is distinct from 'CAPACITY' or max_open_per_collector is not null)
);

-- One row per institution and business date the nightly placement finished, written in the transaction that
-- placed: a date repeated (or resumed after a crash) finds it and places nothing twice.
create table allocation.placement_night (
    institution_id  uuid        not null,
    business_date   date        not null,
    rule            text        not null,
    due             bigint      not null,
    placed          bigint      not null,
    unplaced        bigint      not null,
    assigned        bigint      not null,
    finished_at     timestamptz not null,
    primary key (institution_id, business_date)
);
