-- Queue tasks (INTERNAL_QUEUE, LEGAL_REVIEW steps: the institution's own work, no contact, no decision) are closed by
-- the institution's people with an outcome and an optional note, through the tasks API. A contact task is still
-- done only by the attempt recorded under one of its ALLOW decisions.
alter table contact.task add column outcome text
    check (outcome in ('RESOLVED', 'ESCALATED', 'NO_ACTION_NEEDED', 'NOT_APPLICABLE'));
-- Free text that may hold personal data: encrypted (PersonalDataCipher, "<keyId>:<base64>"), never logged.
alter table contact.task add column outcome_note_enc text;
alter table contact.task add column closed_by uuid;

-- The rule "done = an attempt and a decision" now holds for contact tasks only: drop the two checks that said it for
-- every task (their names were generated, so they are found by what they check) and state the rules per kind.
do $$
declare
    c record;
begin
    for c in select conname from pg_constraint
              where conrelid = 'contact.task'::regclass and contype = 'c'
                and (pg_get_constraintdef(oid) like '%attempt_id IS NOT NULL%'
                     or pg_get_constraintdef(oid) like '%decision_id IS NOT NULL%')
    loop
        execute format('alter table contact.task drop constraint %I', c.conname);
    end loop;
end;
$$;

alter table contact.task add constraint task_done_completed check ((status = 'DONE') = (completed_at is not null));
alter table contact.task add constraint task_contact_done_by_attempt
    check (kind <> 'CONTACT' or status = 'OPEN' or (attempt_id is not null and decision_id is not null));
alter table contact.task add constraint task_contact_no_outcome
    check (kind <> 'CONTACT' or (outcome is null and outcome_note_enc is null and closed_by is null));
alter table contact.task add constraint task_queue_closed_with_outcome
    check (kind <> 'QUEUE' or ((status = 'DONE') = (outcome is not null and closed_by is not null)));
alter table contact.task add constraint task_queue_no_attempt
    check (kind <> 'QUEUE' or (attempt_id is null and decision_id is null));
