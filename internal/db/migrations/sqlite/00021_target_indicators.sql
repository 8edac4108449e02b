-- +goose Up
-- Programme targets computed from Loa's own measurements (package targets,
-- compute.go).
--
-- target_versions.indicator binds a target to a rate indicator of package
-- measure ("online_rate", "fully_online_rate"); '' means none. It is part
-- of the version, so a change of binding is an audited edit like any other.
ALTER TABLE target_versions ADD COLUMN indicator TEXT NOT NULL DEFAULT '';

-- The observations the sweep computes are source_kind 'computed' written by
-- Loa itself (created_by_id 0): at most one per target and period, which
-- this index both enforces (two replicas sweeping at once cannot both add
-- one) and uses to find them. People's observations stay append-only.
CREATE UNIQUE INDEX target_observations_computed ON target_observations(target_key, period)
    WHERE source_kind = 'computed' AND created_by_id = 0;
