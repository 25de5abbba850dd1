-- The source each rule of a policy cites, stored once per policy in force (the institution's pack, its version and
-- the institution's overlay version, 0 without one) instead of in every decision: a decision names its policy, and
-- is explained with these. Decisions stored before keep the source inside each rule.
create table compliance.policy_source (
    institution_id          uuid        not null,
    pack                    text        not null,
    pack_version            text        not null,
    overlay_version         integer     not null check (overlay_version >= 0),
    -- {rule name: source}, e.g. {"QUIET_HOURS": "CN-11, CN-14, CN-18 (GB/T 45251-2025; CBA 2026)"}
    sources                 jsonb       not null,
    primary key (institution_id, pack, pack_version, overlay_version)
);
