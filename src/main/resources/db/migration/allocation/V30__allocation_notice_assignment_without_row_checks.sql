-- The entrustment notice and the assignment lose their foreign key to the placement (PERFORMANCE.md P6/P7: the
-- night writes a placement, a notice and an assignment per case; the key's check is a query and a row lock on the
-- placement per inserted row — 3.4 s of 4.9 s for 700,000 notices, measured on this machine).
--
-- The reference still holds, by construction, as cases.account.borrower_id's does (docs/architecture.md):
-- * placements are never deleted or truncated (placement_history_kept, placement_no_truncate), so a notice or an
--   assignment can never be left pointing at nothing;
-- * a notice is inserted only from the rows its placement's insert returned, in the same statement
--   (PlacementStore.place, NightStore.placeDealt);
-- * an assignment is inserted only joined to its live placement (AssignmentStore: a request's rows join
--   allocation.placement; the night's come from the placements it inserted).
-- collector_grant_case keeps its key (a few rows a request).
alter table allocation.entrustment_notice drop constraint entrustment_notice_placement_id_fkey;
alter table allocation.assignment drop constraint assignment_placement_id_fkey;
