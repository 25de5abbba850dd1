-- Path adjustments (issue 6, Strategies): from the borrower's feedback a collector or the institution's people skip
-- a step of a case's path, delay it by some days (within the strategy's maxDelayDays), or request a field visit or a
-- legal review; each with a reason. Kept for good (the history of the case's path) and read by strategy.due_step, so
-- the nightly contact plan and placement see the adjusted path.
create table strategy.path_adjustment (
    id                      uuid        primary key,
    -- The order they were made in (moments may repeat, ids are random within a millisecond).
    seq                     bigint      generated always as identity,
    institution_id          uuid        not null,
    case_id                 uuid        not null,
    kind                    text        not null check (kind in ('SKIP', 'DELAY', 'REQUEST_VISIT', 'REQUEST_LEGAL_REVIEW')),
    -- The stay in the segment the adjustment belongs to (its entry day): a new stay starts the path afresh.
    entered_on              date        not null,
    -- SKIP and DELAY: the steps of the path at this day offset.
    day_offset              integer     check (day_offset between 0 and 3650),
    days                    integer     check (days between 1 and 30),
    -- REQUEST_*: the day the visit or review falls due.
    due_on                  date,
    reason                  text        not null check (char_length(reason) between 1 and 500),
    actor_organisation_id   uuid        not null,
    actor_user_id           uuid        not null,
    created_at              timestamptz not null,
    check ((kind in ('SKIP', 'DELAY')) = (day_offset is not null)),
    check ((kind = 'DELAY') = (days is not null)),
    check ((kind in ('REQUEST_VISIT', 'REQUEST_LEGAL_REVIEW')) = (due_on is not null))
);

create index path_adjustment_case_idx on strategy.path_adjustment (institution_id, case_id, entered_on, seq);

create function strategy.path_adjustment_kept() returns trigger language plpgsql as $$
begin
    raise exception 'strategy.path_adjustment keeps its history (% refused)', tg_op using errcode = '42501';
end;
$$;

create trigger path_adjustment_kept before update or delete on strategy.path_adjustment
    for each row execute function strategy.path_adjustment_kept();
create trigger path_adjustment_not_truncated before truncate on strategy.path_adjustment
    for each statement execute function strategy.path_adjustment_kept();

-- The due steps, adjusted: a skipped step is gone, a delayed one falls due its days later (all delays of it added),
-- and a requested visit or review is a step of its own on its day — each still only within the period the stay's
-- row applied. The columns of V16 first, in their order; requested_by (the request's id) added at the end.
create or replace view strategy.due_step as
select a.institution_id, a.case_id, a.entered_on + s.day_offset + coalesce(d.days, 0) as due_on, a.strategy_id,
       a.version, a.segment_name, a.variant_name, a.entered_on, s.day_offset, s.action, s.template_id,
       t.channel as template_channel, null::uuid as requested_by
  from strategy.case_segment a
  join strategy.step s on s.strategy_id = a.strategy_id and s.version = a.version
                      and s.segment_position = a.segment_position
                      and (s.variant_position is null or s.variant_position = a.variant_position)
  left join strategy.template t on t.id = s.template_id
  left join (select institution_id, case_id, entered_on, day_offset, sum(days)::integer as days
               from strategy.path_adjustment where kind = 'DELAY'
              group by institution_id, case_id, entered_on, day_offset) d
         on d.institution_id = a.institution_id and d.case_id = a.case_id and d.entered_on = a.entered_on
        and d.day_offset = s.day_offset
 where a.entered_on + s.day_offset + coalesce(d.days, 0) >= a.applies_from
   and (a.until is null or a.entered_on + s.day_offset + coalesce(d.days, 0) < a.until)
   and not exists (select 1 from strategy.path_adjustment k
                    where k.kind = 'SKIP' and k.institution_id = a.institution_id and k.case_id = a.case_id
                      and k.entered_on = a.entered_on and k.day_offset = s.day_offset)
union all
select a.institution_id, a.case_id, r.due_on, a.strategy_id, a.version, a.segment_name, a.variant_name, a.entered_on,
       r.due_on - a.entered_on, case r.kind when 'REQUEST_VISIT' then 'FIELD_VISIT' else 'LEGAL_REVIEW' end,
       null::uuid, null::text, r.id
  from strategy.path_adjustment r
  join strategy.case_segment a on a.institution_id = r.institution_id and a.case_id = r.case_id
                              and a.entered_on = r.entered_on and a.applies_from <= r.due_on
                              and (a.until is null or r.due_on < a.until)
 where r.kind in ('REQUEST_VISIT', 'REQUEST_LEGAL_REVIEW');
