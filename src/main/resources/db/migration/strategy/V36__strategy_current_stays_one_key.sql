-- The current stays keep one key, one stay per case (case_segment_current_idx), which makes (institution, case, first
-- day) unique there too: the primary key V33 gave the partition was a second index to write for every stay a night
-- starts (an eighth of the cases on an ordinary night, every case on a strategy's first) and read by no statement.
-- The ended stays keep theirs.
alter table strategy.case_segment_current drop constraint case_segment_current_pkey;
