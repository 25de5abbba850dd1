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

-- Keep-previous reads a case's earlier assignments by institution and case (assignment_case_idx has both first)
-- and the night now joins them for all agencies at once; the index by institution, agency and case (V18) was for
-- one agency's statement at a time.
drop index allocation.assignment_agency_case_idx;
