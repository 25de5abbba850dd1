-- Grants (issue 6: "a collector reads only the cases assigned to them, plus what their admin grants"): an agency's
-- administrator lets one of its collectors read and work cases placed with the agency that are not assigned to
-- that collector (a colleague on leave, a complaint to call back), with a reason and an optional last day. A grant
-- is one request: the collector, the reason, the last day, and its cases (collector_grant_case, one row per
-- placement). It holds while it is not revoked, its last day has not passed and the placement is live (not recalled,
-- within its own last day): a recall ends it with the placement, and a case placed again is a new placement the
-- grant does not name. Rows are history: a grant changes only by its revocation, once; nothing is deleted.
create table allocation.collector_grant (
    id              uuid        primary key,
    agency_id       uuid        not null,
    collector_id    uuid        not null,
    reason          text        not null check (char_length(reason) between 1 and 500),
    -- The last day the grant holds (inclusive, in the calendar of each case's institution); null: until revoked.
    until           date,
    granted_at      timestamptz not null,
    granted_by      uuid        not null,
    revoked_at      timestamptz,
    revoked_by      uuid,
    check ((revoked_at is null) = (revoked_by is null))
);

create table allocation.collector_grant_case (
    grant_id        uuid        not null references allocation.collector_grant (id),
    placement_id    uuid        not null references allocation.placement (id),
    institution_id  uuid        not null,
    account_id      uuid        not null,
    primary key (grant_id, placement_id)
);

-- A collector's grants in force (the case list and the task list join these), and an agency's grants (the list).
create index collector_grant_live_idx on allocation.collector_grant (collector_id, agency_id) where revoked_at is null;
create index collector_grant_agency_idx on allocation.collector_grant (agency_id, id);
-- Whether a placement is granted to someone (the case page, the compliance engine).
create index collector_grant_case_placement_idx on allocation.collector_grant_case (placement_id);

create function allocation.collector_grant_kept() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or tg_table_name <> 'collector_grant' then
        raise exception 'allocation.% keeps its history (% refused)', tg_table_name, tg_op using errcode = '42501';
    end if;
    if old.revoked_at is not null
            or (new.id, new.agency_id, new.collector_id, new.reason, new.until, new.granted_at, new.granted_by)
               is distinct from
               (old.id, old.agency_id, old.collector_id, old.reason, old.until, old.granted_at, old.granted_by) then
        raise exception 'a grant changes only by its revocation, once' using errcode = '42501';
    end if;
    return new;
end;
$$;

create trigger collector_grant_history_kept
    before update or delete on allocation.collector_grant
    for each row execute function allocation.collector_grant_kept();
create trigger collector_grant_no_truncate
    before truncate on allocation.collector_grant
    for each statement execute function allocation.collector_grant_kept();
create trigger collector_grant_case_kept
    before update or delete on allocation.collector_grant_case
    for each row execute function allocation.collector_grant_kept();
create trigger collector_grant_case_no_truncate
    before truncate on allocation.collector_grant_case
    for each statement execute function allocation.collector_grant_kept();
