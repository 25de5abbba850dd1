-- The night places and assigns in two phases (PERFORMANCE.md P6: the assignment of a launch's 700,000 placements
-- is 7 s of computing and 6 s of writing in one backend, while the second core waits): the placements commit first,
-- then the agencies are assigned in parts at once, each part in a transaction of its own (PlacementStep).
--
-- placement_night is written when the placements commit; finished_at stays null until every agency is assigned
-- (a rerun of an unfinished night assigns what is left and places nothing).
alter table allocation.placement_night alter column finished_at drop not null;

-- The night's placements waiting for their assignment: written by the placing statement from the rows its insert
-- returned (with the borrower, the amount and the reference the assignment needs), read by the assignment's parts,
-- deleted when the night finishes. Logged, so that a night cut off by a crash of the database finds them again.
-- An assignment is still inserted only for a live placement: the night's placements cannot be recalled before the
-- night ends (a recall takes the institution's placing lock, which the night holds), and no request assigns one
-- (a request's assignment takes its agency's lock, which the night holds for the agencies it places with).
create table allocation.night_placement (
    institution_id  uuid          not null,
    business_date   date          not null,
    placement_id    uuid          not null,
    case_id         uuid          not null,
    agency_id       uuid          not null,
    borrower_id     uuid          not null,
    outstanding     numeric(19,4),
    account_ref     text          collate "C" not null
);
