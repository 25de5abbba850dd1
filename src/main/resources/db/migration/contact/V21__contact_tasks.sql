-- The contact plan (issue 6, "Nightly contact planning"): each night the day's tasks from each case's due steps,
-- each executed only through a compliance decision.
create schema if not exists contact;

-- One task per case, business date and step of its path. step_key names the step within the case's stay:
-- action, day offset, template, and the path adjustment that requested it (visits and reviews asked for) —
-- the unique key makes a second run of the same date write nothing.
create table contact.task (
    id                  uuid        primary key,
    institution_id      uuid        not null,
    case_id             uuid        not null,
    business_date       date        not null,
    step_key            text        not null,
    -- CONTACT: reach the borrower on a channel (executed through a decision); QUEUE: work of the institution's
    -- own people (INTERNAL_QUEUE, LEGAL_REVIEW steps), no contact and no decision.
    kind                text        not null check (kind in ('CONTACT', 'QUEUE')),
    action              text        not null check (action in ('SMS', 'VOICE', 'EMAIL', 'LETTER', 'FIELD_VISIT',
                                                               'INTERNAL_QUEUE', 'LEGAL_REVIEW')),
    channel             text        check (channel in ('VOICE', 'SMS', 'EMAIL', 'LETTER', 'VISIT')),
    contact_point_id    uuid,
    template_id         uuid,
    strategy_id         uuid        not null,
    version             integer     not null,
    segment_name        text        not null,
    variant_name        text,
    entered_on          date        not null,
    day_offset          integer     not null,
    -- Who holds it as planned: the assigned collector, the agency's queue (placed, unassigned), the institution's.
    holder              text        not null check (holder in ('COLLECTOR', 'AGENCY_QUEUE', 'INSTITUTION_QUEUE')),
    agency_id           uuid,
    collector_id        uuid,
    status              text        not null default 'OPEN' check (status in ('OPEN', 'DONE')),
    -- The latest decision asked for it (a DENY leaves the task open with its reasons and next allowed moment).
    decision_id         uuid,
    decision_outcome    text        check (decision_outcome in ('ALLOW', 'DENY')),
    decision_reasons    text[],
    next_allowed_at     timestamptz,
    decided_at          timestamptz,
    -- Done only by an attempt recorded against one of its ALLOW decisions.
    attempt_id          uuid,
    attempt_result      text,
    completed_at        timestamptz,
    planned_at          timestamptz not null,
    check ((kind = 'CONTACT') = (channel is not null and contact_point_id is not null)),
    check ((holder = 'COLLECTOR') = (collector_id is not null)),
    check ((holder = 'INSTITUTION_QUEUE') = (agency_id is null)),
    check ((status = 'DONE') = (attempt_id is not null and completed_at is not null)),
    check (status = 'OPEN' or decision_id is not null),
    constraint task_step_key unique (institution_id, case_id, business_date, step_key)
);

create index task_institution_day_idx on contact.task (institution_id, business_date, id);
create index task_agency_day_idx on contact.task (agency_id, business_date, id) where agency_id is not null;

-- Every decision asked for a task, in order; the attempt against one of them completes the task.
create table contact.task_decision (
    decision_id         uuid        primary key,
    task_id             uuid        not null references contact.task (id),
    institution_id      uuid        not null,
    outcome             text        not null check (outcome in ('ALLOW', 'DENY')),
    decided_by          uuid        not null,
    decided_at          timestamptz not null
);

create index task_decision_task_idx on contact.task_decision (task_id, decided_at);

-- The night's record per institution and business date: tasks planned, and the due steps passed over, by reason.
create table contact.plan_day (
    institution_id      uuid        not null,
    business_date       date        not null,
    due_steps           bigint      not null,
    planned             bigint      not null,
    skipped_no_mobile   bigint      not null,
    skipped_no_address  bigint      not null,
    skipped_no_email    bigint      not null,
    finished_at         timestamptz not null,
    primary key (institution_id, business_date)
);
