-- Strategies (策略): message templates, strategies as versioned data, their activation, and the segment and
-- variant each case was in, day by day (PRODUCT.md capabilities 5 and 6).
create schema if not exists strategy;

-- An institution's message templates. Only templates that screening did not block are stored, so every row
-- here is approved; the screening outcome (ALLOW or REVIEW) and its findings are kept with the term list's version.
create table strategy.template (
    id                  uuid primary key,
    institution_id      uuid        not null,
    name                text        not null check (char_length(name) between 1 and 100),
    channel             text        not null check (channel in ('SMS', 'EMAIL', 'LETTER')),
    recipient           text        not null check (recipient in ('BORROWER')),
    body                text        not null,
    screening_outcome   text        not null check (screening_outcome in ('ALLOW', 'REVIEW')),
    findings            jsonb       not null,
    terms_version       text        not null,
    created_at          timestamptz not null,
    created_by          uuid        not null,
    constraint template_name_key unique (institution_id, name)
);

create table strategy.strategy (
    id                  uuid primary key,
    institution_id      uuid        not null,
    created_at          timestamptz not null,
    created_by          uuid        not null
);

create index strategy_institution_idx on strategy.strategy (institution_id, created_at);

-- Every version as saved, never changed: the definition as JSON for reading back, and the same in the tables
-- below for the nightly step's SQL.
create table strategy.version (
    strategy_id         uuid        not null references strategy.strategy (id),
    version             integer     not null check (version >= 1),
    institution_id      uuid        not null,
    name                text        not null check (char_length(name) between 1 and 100),
    definition          jsonb       not null,
    created_at          timestamptz not null,
    created_by          uuid        not null,
    primary key (strategy_id, version)
);

-- A segment's conditions; null means any. The first segment (by position) whose conditions a case meets is its.
create table strategy.segment (
    strategy_id         uuid        not null,
    version             integer     not null,
    position            integer     not null,
    name                text        not null,
    buckets             text[],
    min_dpd             integer,
    max_dpd             integer,
    min_outstanding     numeric(19,4),
    max_outstanding     numeric(19,4),
    products            text[],
    provinces           text[],
    primary key (strategy_id, version, position),
    foreign key (strategy_id, version) references strategy.version (strategy_id, version)
);

-- Champion/challenger: a variant takes the cases whose hash slot (0–99) lies in [slot_from, slot_to).
create table strategy.variant (
    strategy_id         uuid        not null,
    version             integer     not null,
    segment_position    integer     not null,
    position            integer     not null,
    name                text        not null,
    percent             integer     not null check (percent between 1 and 100),
    slot_from           integer     not null check (slot_from between 0 and 99),
    slot_to             integer     not null check (slot_to between 1 and 100 and slot_to > slot_from),
    primary key (strategy_id, version, segment_position, position),
    foreign key (strategy_id, version, segment_position) references strategy.segment (strategy_id, version, position)
);

-- The treatment path: a segment's own steps (variant_position null) apply to all its cases, a variant's to its own.
create table strategy.step (
    id                  bigint generated always as identity primary key,
    strategy_id         uuid        not null,
    version             integer     not null,
    segment_position    integer     not null,
    variant_position    integer,
    position            integer     not null,
    day_offset          integer     not null check (day_offset between 0 and 3650),
    action              text        not null check (action in ('SMS', 'VOICE', 'EMAIL', 'LETTER', 'PLACE_WITH_AGENCY',
                                                               'INTERNAL_QUEUE', 'FIELD_VISIT', 'LEGAL_REVIEW')),
    template_id         uuid        references strategy.template (id),
    foreign key (strategy_id, version, segment_position) references strategy.segment (strategy_id, version, position)
);

create index step_segment_idx on strategy.step (strategy_id, version, segment_position);

-- Activations, kept all: on a date the institution's strategy is the one of the latest activation (by the moment
-- it was made) whose first day is on or before that date.
create table strategy.activation (
    id                  bigint generated always as identity primary key,
    institution_id      uuid        not null,
    strategy_id         uuid        not null,
    version             integer     not null,
    active_from         date        not null,
    activated_at        timestamptz not null,
    activated_by        uuid        not null,
    foreign key (strategy_id, version) references strategy.version (strategy_id, version)
);

create index activation_institution_idx on strategy.activation (institution_id, active_from);

-- Which strategy version, segment and variant applied to a case, a row only when that changes: from applies_from
-- up to (not including) until, null while it still applies. entered_on is the day the case entered the segment,
-- from which step day offsets count; a new version of the same strategy that keeps the segment's and variant's
-- names carries it (and the outstanding at entry) over, so an edit does not restart the path.
create table strategy.case_segment (
    institution_id      uuid          not null,
    case_id             uuid          not null,
    applies_from        date          not null,
    until               date,
    entered_on          date          not null,
    strategy_id         uuid          not null,
    version             integer       not null,
    segment_position    integer       not null,
    segment_name        text          not null,
    variant_position    integer,
    variant_name        text,
    outstanding_at_entry numeric(19,4) not null,
    outstanding_at_exit numeric(19,4),
    primary key (institution_id, case_id, applies_from),
    check (until is null or until >= applies_from),
    check (entered_on <= applies_from)
) with (fillfactor = 80);

create unique index case_segment_current_idx on strategy.case_segment (institution_id, case_id) where until is null;
create index case_segment_strategy_idx on strategy.case_segment (institution_id, strategy_id);

-- The nightly step's record: for each institution and business date, the version that applied and what changed.
-- A date once recorded is not segmented again after a later one (history is not rewritten).
create table strategy.run_day (
    institution_id      uuid        not null,
    business_date       date        not null,
    strategy_id         uuid,
    version             integer,
    open_cases          bigint      not null,
    entered             bigint      not null,
    left_segment        bigint      not null,
    finished_at         timestamptz not null,
    primary key (institution_id, business_date)
);

-- The steps of each case's path on the day they fall due: the entry day plus the day offset, within the period its
-- assignment applied. Read by institution and due_on (set-based: the contact plan and placement join it).
create view strategy.due_step as
select a.institution_id, a.case_id, a.entered_on + s.day_offset as due_on, a.strategy_id, a.version,
       a.segment_name, a.variant_name, a.entered_on, s.day_offset, s.action, s.template_id, t.channel as template_channel
  from strategy.case_segment a
  join strategy.step s on s.strategy_id = a.strategy_id and s.version = a.version
                      and s.segment_position = a.segment_position
                      and (s.variant_position is null or s.variant_position = a.variant_position)
  left join strategy.template t on t.id = s.template_id
 where a.entered_on + s.day_offset >= a.applies_from
   and (a.until is null or a.entered_on + s.day_offset < a.until);
