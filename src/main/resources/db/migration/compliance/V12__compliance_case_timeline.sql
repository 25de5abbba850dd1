-- A case's compliance timeline reads its attempts by case; the ledger's own index is by borrower and day.
create index attempt_case_idx on compliance.contact_attempt (institution_id, account_id, occurred_at);
