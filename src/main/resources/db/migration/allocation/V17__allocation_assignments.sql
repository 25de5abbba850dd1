-- Assignment (分案): an agency's administrator gives a case placed with the agency to one of its collectors. A
-- row is one period of one collector holding one placement: from its assignment until it is reassigned or the
-- placement is recalled. Rows are history: the end (when, why, by whom) is filled in once; nothing is deleted.
create table allocation.assignment (
    id                  uuid        primary key,
    placement_id        uuid        not null references allocation.placement (id),
    institution_id      uuid        not null,
    account_id          uuid        not null,
    agency_id           uuid        not null,
    -- The borrower (cases.borrower of the institution), kept so that "same borrower, same collector" is decided
    -- from this table alone. Not personal data: an opaque id.
    borrower_id         uuid        not null,
    collector_id        uuid        not null,
    -- Who held it before this row (null for a first assignment): the "from" of a reassignment.
    previous_collector_id uuid,
    assigned_at         timestamptz not null,
    assigned_by         uuid        not null,
    -- Required when the case moves from one collector to another (the application refuses without it).
    reason              text        check (char_length(reason) between 1 and 500),
    ended_at            timestamptz,
    -- REASSIGNED: another collector took it over; RECALLED: the placement ended.
    end_kind            text        check (end_kind in ('REASSIGNED', 'RECALLED')),
    -- Null when the platform ended it (a recall by the nightly step).
    ended_by            uuid,
    check ((ended_at is null) = (end_kind is null)),
    check (ended_by is null or ended_at is not null),
    check (previous_collector_id is null or reason is not null)
);

-- The rule itself: a placement has at most one collector at a time. Two bulk assignments racing for one case both
-- try the insert; the second waits for the first and skips the row (ON CONFLICT DO NOTHING).
create unique index assignment_one_live_per_placement on allocation.assignment (placement_id) where ended_at is null;
-- What a collector reads (the case list joins this, index only), and what a collector holds (capacity).
create index assignment_live_collector_idx on allocation.assignment (collector_id, institution_id)
    include (account_id, placement_id) where ended_at is null;
-- A borrower's live cases with the agency (same borrower, same collector).
create index assignment_live_borrower_idx on allocation.assignment (agency_id, institution_id, borrower_id)
    where ended_at is null;
-- One case's history.
create index assignment_case_idx on allocation.assignment (institution_id, account_id, assigned_at);
-- A placement's collectors over time (the last one shows with the placement).
create index assignment_placement_idx on allocation.assignment (placement_id, id);

-- A recall ends the placement's assignment with it, whichever path recalled it (a request, the nightly step, a
-- contract leaving force): one statement per recalling statement, from its transition table.
create function allocation.assignment_ends_with_placement() returns trigger language plpgsql as $$
begin
    update allocation.assignment a
       set ended_at = r.recalled_at, end_kind = 'RECALLED', ended_by = r.recalled_by
      from recalled r
     where a.placement_id = r.id and a.ended_at is null and r.recalled_at is not null;
    return null;
end;
$$;

create trigger placement_recall_ends_assignment
    after update on allocation.placement
    referencing new table as recalled
    for each statement execute function allocation.assignment_ends_with_placement();

-- History is kept: an assignment ends once, and that is the only change it ever takes.
create function allocation.assignment_kept() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'allocation.assignment keeps its history (% refused)', tg_op using errcode = '42501';
    end if;
    if old.ended_at is not null
            or (new.id, new.placement_id, new.institution_id, new.account_id, new.agency_id, new.borrower_id,
                new.collector_id, new.previous_collector_id, new.assigned_at, new.assigned_by, new.reason)
               is distinct from
               (old.id, old.placement_id, old.institution_id, old.account_id, old.agency_id, old.borrower_id,
                old.collector_id, old.previous_collector_id, old.assigned_at, old.assigned_by, old.reason) then
        raise exception 'an assignment changes only by its end, once' using errcode = '42501';
    end if;
    return new;
end;
$$;

create trigger assignment_history_kept
    before update or delete on allocation.assignment
    for each row execute function allocation.assignment_kept();

create trigger assignment_no_truncate
    before truncate on allocation.assignment
    for each statement execute function allocation.assignment_kept();
