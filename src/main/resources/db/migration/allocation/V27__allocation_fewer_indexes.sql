-- Fewer indexes to write per placement and per assignment (PERFORMANCE.md P7: the nightly placement writes a
-- row of each per case). Each index dropped here was checked against every query of the module.

-- The rule "a case is never placed with two agencies at once" stays a partial unique index, on the same columns
-- in the other order: the same constraint (ON CONFLICT (institution_id, account_id) WHERE recalled_at IS NULL
-- still names it: inference compares the set of columns), and with the case first it also finds one case's live
-- placement by the case id alone — what placement_live_account_idx was for, so that one goes.
create unique index placement_one_live_per_case_v27 on allocation.placement (account_id, institution_id)
    where recalled_at is null;
drop index allocation.placement_one_live_per_case;
alter index allocation.placement_one_live_per_case_v27 rename to placement_one_live_per_case;
drop index allocation.placement_live_account_idx;

-- Assignments by case: no query reads them so but keep-previous at night, which now joins the night's cases to the
-- earlier assignments for all agencies at once (a hash join over the table, not a probe per case); requests never
-- ask for keep-previous. Both indexes for it go: by institution, agency and case (V18, for one agency's statement
-- at a time) and by institution, case and time (V17, "one case's history", which no page or API reads).
drop index allocation.assignment_agency_case_idx;
drop index allocation.assignment_case_idx;
