-- The nightly contact plan writes a business date's tasks in one insert, in case and step order (issue 6, P6).
--
-- Its unique key was (institution, case, date, step): each night's rows went between the case's rows of earlier
-- nights, into every leaf page of the index. With the date before the case, a night's rows follow the earlier nights'
-- and are appended at the right edge.
--
-- The institution's task list now reads that key (institution, date, then case and step: its keyset order), so the
-- index on (institution, date, id), which only that list used, is dropped: one index fewer to write per task. The
-- agency's list reads its tasks in the same order: its partial index gets case and step after the date instead of
-- the id. Every query on contact.task: the plan's "planned already" check (institution, date, case, step: the key);
-- the lists and counts of a date (institution or agency, date); a task by id and the decisions' foreign key (the
-- primary key); an agency's latest date (agency).
alter table contact.task drop constraint task_step_key;
alter table contact.task add constraint task_step_key unique (institution_id, business_date, case_id, step_key);
drop index contact.task_institution_day_idx;
drop index contact.task_agency_day_idx;
create index task_agency_day_idx on contact.task (agency_id, business_date, case_id, step_key) where agency_id is not null;
