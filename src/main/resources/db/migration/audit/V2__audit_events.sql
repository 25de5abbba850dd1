-- The audit trail: append-only. The trigger refuses UPDATE and DELETE, whoever asks.
create schema audit;

create table audit.audit_event (
    id              bigint generated always as identity primary key,
    occurred_at     timestamptz not null,
    action          text        not null,
    organisation_id uuid,
    actor_user_id   uuid,
    actor_username  text,
    actor_org_id    uuid,
    subject         text        not null,
    details         jsonb       not null default '{}'::jsonb
);

create index audit_event_organisation_idx on audit.audit_event (organisation_id, occurred_at desc);
create index audit_event_occurred_idx on audit.audit_event (occurred_at desc);

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit.audit_event is append-only (% refused)', tg_op using errcode = '42501';
end;
$$;

create trigger audit_event_append_only
    before update or delete on audit.audit_event
    for each row execute function audit.refuse_change();

create trigger audit_event_no_truncate
    before truncate on audit.audit_event
    for each statement execute function audit.refuse_change();
