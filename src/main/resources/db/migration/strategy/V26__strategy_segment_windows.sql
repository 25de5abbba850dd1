-- The nightly strategy step looks only at cases whose segment may have changed (issue 6, P6). A current assignment
-- keeps what it was last confirmed on: the window of days past due within which no segment condition of its
-- version changes value (between two consecutive min_dpd / max_dpd + 1 bounds of its segments), and a hash of
-- the other inputs of the match (bucket, outstanding, product, province). A case whose days past due are still
-- inside the window and whose hash is the same would match the same segment and variant: it is not looked at.
-- Rows from before this migration have none and are looked at (and confirmed) on the next night.
alter table strategy.case_segment
    add column dpd_from    integer,
    add column dpd_to      integer,
    add column inputs_hash bigint;
