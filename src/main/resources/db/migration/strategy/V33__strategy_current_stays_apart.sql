-- The current stays apart from the ended ones (issue 6, P6). The nightly strategy step joins every case to its
-- current stay and ends or confirms those rows; with the ended stays in the same table both read the whole history,
-- which grows by the cases that move every night (24 nights of it: the steady night's step 10-11 s -> 15-17 s).
-- Partitioned by whether the stay still applies, the night's "until is null" reads only the current partition; an
-- ending moves its row to the other (an update that sets until), as it was already a new row version.
--
-- PostgreSQL allows no primary key across partitions keyed by an expression, so each partition keeps the key
-- (institution, case, first day) on its own; a stay is in one partition at a time, and a case's first days are
-- distinct by the writers (a stay begins after the previous ended). The current partition keeps one stay per case.
drop view strategy.due_step;
alter table strategy.case_segment rename to case_segment_unpartitioned;

create table strategy.case_segment (
    institution_id      uuid          not null,
    case_id             uuid          not null,
    applies_from        date          not null,
    until               date,
    entered_on          date          not null,
    strategy_id         uuid          not null,
    version             integer       not null,
    segment_position    integer       not null,
    segment_name        text          not null,
    variant_position    integer,
    variant_name        text,
    outstanding_at_entry numeric(19,4) not null,
    outstanding_at_exit numeric(19,4),
    dpd_from            integer,
    dpd_to              integer,
    inputs_hash         bigint,
    check (until is null or until >= applies_from),
    check (entered_on <= applies_from)
) partition by list ((until is null));

-- Room on each page for the confirmations' updates in place (HOT), as before.
create table strategy.case_segment_current partition of strategy.case_segment for values in (true)
    with (fillfactor = 80);
create table strategy.case_segment_ended partition of strategy.case_segment for values in (false);

insert into strategy.case_segment
select institution_id, case_id, applies_from, until, entered_on, strategy_id, version, segment_position,
       segment_name, variant_position, variant_name, outstanding_at_entry, outstanding_at_exit, dpd_from, dpd_to,
       inputs_hash
  from strategy.case_segment_unpartitioned;
drop table strategy.case_segment_unpartitioned;

alter table strategy.case_segment_current add primary key (institution_id, case_id, applies_from);
alter table strategy.case_segment_ended add primary key (institution_id, case_id, applies_from);
create unique index case_segment_current_idx on strategy.case_segment_current (institution_id, case_id);
create index case_segment_entered_idx on strategy.case_segment (institution_id, strategy_id, entered_on);

-- strategy.due_step as V19 defined it, on the new table.
create view strategy.due_step as
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

comment on view strategy.due_step is
    'Every due step with its due day: the definition. Treatments.dueStepsSql reads one day''s by entry day, '
    'through case_segment_entered_idx; DueStepsByDayTests holds the two equal.';
