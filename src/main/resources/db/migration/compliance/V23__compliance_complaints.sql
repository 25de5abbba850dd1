-- Complaints (投诉) an institution, or its compliance officer, receives about a case: from the borrower, the
-- regulator's hotline (12378), the police, … A complaint is attributed to the agency that held the case when it was
-- received (null: the institution itself held it), and allocation weighs agencies by their complaints (with their
-- denials). The summary is free text that may hold personal data: encrypted like every note (PersonalDataCipher,
-- "<keyId>:<base64>"), never logged, never in the audit trail. Complaints are kept: no update, no delete.
create table compliance.complaint (
    id              uuid        primary key,
    institution_id  uuid        not null,
    account_id      uuid        not null,
    -- The agency whose placement of the case was live at received_at; null when the institution held it.
    agency_id       uuid,
    placement_id    uuid,
    source          text        not null check (source in ('BORROWER', 'REGULATOR_HOTLINE', 'REGULATOR',
                                                         'POLICE', 'THIRD_PARTY', 'OTHER')),
    category        text        not null check (category in ('HARASSMENT', 'THIRD_PARTY_DISCLOSURE',
                                                           'THREAT_OR_ABUSE', 'EXCESSIVE_CONTACT', 'QUIET_HOURS',
                                                           'FALSE_IDENTITY', 'DEBT_DISPUTE', 'PRIVACY', 'OTHER')),
    received_at     timestamptz not null,
    summary         text        not null,
    recorded_at     timestamptz not null,
    recorded_by     uuid        not null,
    check ((agency_id is null) = (placement_id is null))
);

-- The institution's complaints, newest first; an agency's complaints with an institution over a time (the weight).
create index complaint_institution_idx on compliance.complaint (institution_id, received_at desc, id);
create index complaint_agency_idx on compliance.complaint (institution_id, agency_id, received_at);

create function compliance.complaint_kept() returns trigger language plpgsql as $$
begin
    raise exception 'compliance.complaint is kept as received (% refused)', tg_op using errcode = '42501';
end;
$$;

create trigger complaint_kept
    before update or delete on compliance.complaint
    for each row execute function compliance.complaint_kept();
create trigger complaint_no_truncate
    before truncate on compliance.complaint
    for each statement execute function compliance.complaint_kept();
