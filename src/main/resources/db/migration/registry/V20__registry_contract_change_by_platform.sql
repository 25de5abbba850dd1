-- A contract whose last day has passed is ended by the nightly step: the platform, not a person, so the change
-- names no actor (null), as a recall by the platform names none.
alter table registry.contract_change alter column actor_id drop not null;
