-- The nightly strategy step reads only the cases that may have moved (issue 6, P6), instead of every case joined to
-- its current stay (6-7 s of a steady night's 13-15 s at a million cases, to find the eighth that moved):
--
-- * a current stay keeps the day its case leaves its window of days past due (leaves_on: the due date plus the
--   window's last day plus one; none for an open-ended window or a closed case), found by its index;
-- * an open case that matches no segment keeps the same in strategy.case_unmatched (it may match one when its days
--   past due reach another window);
-- * the cases whose profile changed since the last run come from cases (V34, CaseProfiles#changedSinceSql), from
--   run_day.changes_from: the oldest transaction still running when that run began;
-- * a run whose strategy, version or profile SQL (the institution's bucket bands) differ from the last run's, or the
--   first, reads every case as before (run_day.profile_sql_md5).
alter table strategy.case_segment add column leaves_on date;
create index case_segment_leaving_idx on strategy.case_segment_current (institution_id, leaves_on);

create table strategy.case_unmatched (
    institution_id  uuid not null,
    case_id         uuid not null,
    leaves_on       date,
    primary key (institution_id, case_id)
);
create index case_unmatched_leaving_idx on strategy.case_unmatched (institution_id, leaves_on);

alter table strategy.run_day add column changes_from xid8, add column profile_sql_md5 text;
