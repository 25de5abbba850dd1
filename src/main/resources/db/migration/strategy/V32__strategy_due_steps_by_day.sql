-- The steps due on a day are found from the day (issue 6, P6): a step of offset n is due on day D for the cases that
-- entered their segment on D - n, so the night reads the assignments that entered on the few days the steps'
-- offsets lead to, through this index — not every assignment the institution ever had. strategy.due_step
-- computes each row's due day and can only be filtered by it after a scan of the whole history, which grows by
-- the cases that move every night (a year of nights: tens of millions of rows, read twice a night).
-- It replaces the index by institution and strategy, which it serves as well (no query used that one alone).
create index case_segment_entered_idx on strategy.case_segment (institution_id, strategy_id, entered_on);
drop index strategy.case_segment_strategy_idx;

comment on view strategy.due_step is
    'Every due step with its due day: the definition. Treatments.dueStepsSql reads one day''s by entry day, '
    'through case_segment_entered_idx; DueStepsByDayTests holds the two equal.';
