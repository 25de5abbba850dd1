-- The points a contact plan reaches each borrower at (issue 6, P6): the ids of the borrower's mobiles, in order, and
-- of the address. The ids are keyed hashes of values kept encrypted, so only the application can compute them; it
-- does so once per account and version of its contents, instead of decrypting every planned case every night.
-- A row holds while content_hash equals the account's (which covers the contacts and the identity, hence the
-- borrower): an account loaded again with other contents is simply computed again when next planned. Existing
-- accounts are filled in lazily, the first night they are planned after this migration.
create table cases.planned_point (
    institution_id  uuid    not null,
    account_id      uuid    not null,
    -- The account's content_hash when these ids were computed.
    content_hash    bytea   not null,
    -- The borrower's mobile numbers (the mobile sent as such first, then the other phones that are mobiles).
    mobiles         uuid[]  not null,
    address         uuid,
    primary key (institution_id, account_id)
);
