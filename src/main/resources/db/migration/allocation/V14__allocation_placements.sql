-- Placements (委外): an institution's case entrusted to an agency under an entrustment contract, for the
-- contract's period, until recalled. Rows are history: a recall fills in when, why and by whom, and nothing
-- else about a placement ever changes; nothing is deleted.
create schema allocation;

create table allocation.placement (
    id              uuid        primary key,
    institution_id  uuid        not null,
    -- The case: cases.account (id) of the institution. Its reference is copied because it never changes and
    -- the lists show it without reading the institution's cases.
    account_id      uuid        not null,
    account_ref     text        not null,
    agency_id       uuid        not null,
    contract_id     uuid        not null,
    placed_at       timestamptz not null,
    placed_by       uuid        not null,
    -- The contract's last day, in the institution's calendar. The agency reads the case no longer than this
    -- even before the nightly step records the recall.
    placed_until    date        not null,
    recalled_at     timestamptz,
    -- REQUEST: the institution asked; the others the platform did when the period or the contract ended.
    recall_kind     text        check (recall_kind in ('REQUEST', 'PERIOD_ENDED', 'CONTRACT_SUSPENDED', 'CONTRACT_ENDED')),
    recall_reason   text        check (char_length(recall_reason) between 1 and 500),
    -- Null when the platform recalled it (the nightly step).
    recalled_by     uuid,
    check ((recalled_at is null) = (recall_kind is null) and (recalled_at is null) = (recall_reason is null)),
    check (recalled_by is null or recalled_at is not null)
);

-- The rule itself: a case is never placed with two agencies at once. A partial unique index rather than a
-- check in the application, so that two requests racing for one case cannot both win (ON CONFLICT decides).
create unique index placement_one_live_per_case on allocation.placement (institution_id, account_id)
    where recalled_at is null;
-- What an agency may read: the case list joins the first (index only), one case is found by the second (case
-- ids are UUIDs, unique across institutions in practice; the institution is checked with it).
create index placement_live_agency_idx on allocation.placement (agency_id, institution_id)
    include (account_id, placed_until) where recalled_at is null;
create index placement_live_account_idx on allocation.placement (account_id) where recalled_at is null;
-- What a contract has open (its capacity), and what the nightly step finds ended.
create index placement_live_contract_idx on allocation.placement (contract_id) where recalled_at is null;
create index placement_live_until_idx on allocation.placement (placed_until) where recalled_at is null;
-- Lists, newest first (ids are time-ordered), and one case's history.
create index placement_institution_idx on allocation.placement (institution_id, id);
create index placement_agency_idx on allocation.placement (agency_id, id);
create index placement_case_idx on allocation.placement (institution_id, account_id, id);

-- The borrower must have been told of the entrustment before the agency's first contact (CN-25,
-- CN.OUTSOURCING_NOTICE). Placing creates the task; the institution records when and how it was sent.
create table allocation.entrustment_notice (
    placement_id    uuid        primary key references allocation.placement (id),
    institution_id  uuid        not null,
    account_id      uuid        not null,
    agency_id       uuid        not null,
    status          text        not null check (status in ('PENDING', 'SENT')),
    created_at      timestamptz not null,
    sent_at         timestamptz,
    channel         text        check (channel in ('VOICE', 'AI_VOICE', 'SMS', 'EMAIL', 'IM', 'LETTER', 'VISIT')),
    marked_by       uuid,
    marked_at       timestamptz,
    check ((status = 'SENT') = (sent_at is not null)
        and (sent_at is null) = (channel is null)
        and (sent_at is null) = (marked_by is null)
        and (sent_at is null) = (marked_at is null))
);

create index entrustment_notice_pending_idx on allocation.entrustment_notice (institution_id, created_at)
    where status = 'PENDING';

-- History is kept: a placement may be recalled once, and that is the only change it ever takes; neither
-- table loses a row. Enforced here so that no path around the application can rewrite the record.
create function allocation.placement_kept() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'allocation.placement keeps its history (% refused)', tg_op using errcode = '42501';
    end if;
    if old.recalled_at is not null
            or (new.id, new.institution_id, new.account_id, new.account_ref, new.agency_id, new.contract_id,
                new.placed_at, new.placed_by, new.placed_until)
               is distinct from
               (old.id, old.institution_id, old.account_id, old.account_ref, old.agency_id, old.contract_id,
                old.placed_at, old.placed_by, old.placed_until) then
        raise exception 'a placement changes only by its recall, once' using errcode = '42501';
    end if;
    return new;
end;
$$;

create trigger placement_history_kept
    before update or delete on allocation.placement
    for each row execute function allocation.placement_kept();

create trigger placement_no_truncate
    before truncate on allocation.placement
    for each statement execute function allocation.placement_kept();

create function allocation.notice_kept() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'allocation.entrustment_notice keeps its history (% refused)', tg_op using errcode = '42501';
    end if;
    if old.status <> 'PENDING' or (new.placement_id, new.institution_id, new.account_id, new.agency_id, new.created_at)
            is distinct from (old.placement_id, old.institution_id, old.account_id, old.agency_id, old.created_at) then
        raise exception 'a notice changes only when it is marked sent, once' using errcode = '42501';
    end if;
    return new;
end;
$$;

create trigger entrustment_notice_kept
    before update or delete on allocation.entrustment_notice
    for each row execute function allocation.notice_kept();

create trigger entrustment_notice_no_truncate
    before truncate on allocation.entrustment_notice
    for each statement execute function allocation.notice_kept();
