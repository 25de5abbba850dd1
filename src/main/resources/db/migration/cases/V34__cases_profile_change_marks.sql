-- Which transaction last changed what a case's profile is made of (CaseProfiles#casesSql: the account's reference,
-- borrower, product, province, due date and amounts owed; the case's closing day), so that a nightly step can ask for
-- the cases changed since its last run (CaseProfiles#changedSinceSql) instead of reading every case again (issue 6,
-- P6: the strategy step read a million cases a night to find the ones that moved).
--
-- The mark is the writing transaction's id (xid8: 64 bits, no wraparound), not a timestamp or a sequence number:
-- those are taken before commit, so a transaction committing after a reader's run could carry a mark below what that
-- reader saw and be missed for good. A reader keeps the oldest transaction still running when it began
-- (pg_snapshot_xmin) and next time asks for every mark from there: a change is seen at least once, sometimes twice.
--
-- New rows take the mark by default (the bulk load's COPY too); an update takes it by trigger, only when one of those
-- columns changes (the trigger's WHEN is evaluated without calling the function, so the nightly bucket moves, which
-- change none of them, cost nothing more and stay HOT updates).
alter table cases.account add column profile_changed_xid xid8 not null default pg_current_xact_id();
alter table cases.case_state add column profile_changed_xid xid8 not null default pg_current_xact_id();

create function cases.mark_profile_changed() returns trigger
    language plpgsql as $$
begin
    new.profile_changed_xid := pg_current_xact_id();
    return new;
end $$;

create trigger account_profile_changed before update on cases.account for each row
    when ((old.account_ref, old.borrower_id, old.product, old.province, old.due_date, old.principal_outstanding,
           old.interest_outstanding, old.fees_outstanding, old.penalty_outstanding)
          is distinct from
          (new.account_ref, new.borrower_id, new.product, new.province, new.due_date, new.principal_outstanding,
           new.interest_outstanding, new.fees_outstanding, new.penalty_outstanding))
    execute function cases.mark_profile_changed();

create trigger case_state_profile_changed before update on cases.case_state for each row
    when (old.closed_on is distinct from new.closed_on)
    execute function cases.mark_profile_changed();

-- A new institution's account partition gets its index when it is attached (cases.attach_partitions), built then
-- in one pass like the others.
create index account_profile_changed_idx on cases.account (institution_id, profile_changed_xid);
create index case_state_profile_changed_idx on cases.case_state (institution_id, profile_changed_xid);
