-- The points a contact plan reaches each borrower at (issue 6, P6): the ids of the borrower's mobiles, in order, and
-- of the address and the e-mail address. The ids are keyed hashes of values kept encrypted, so only the application can compute them; it
-- does so once per account and version of its contacts, instead of decrypting every planned case every night.
-- A row holds until the account changes: the load that changes an account deletes its row (StagingSql.KEEP_HISTORY),
-- and the next contact plan computes it again. Existing accounts are filled in lazily, the first night they are
-- planned after this migration.
create table cases.planned_point (
    institution_id  uuid    not null,
    account_id      uuid    not null,
    -- The borrower's mobile numbers (the mobile sent as such first, then the other phones that are mobiles).
    mobiles         uuid[]  not null,
    address         uuid,
    email           uuid,
    primary key (institution_id, account_id)
);
