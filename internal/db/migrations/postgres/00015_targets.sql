-- +goose Up
-- Programme targets (package targets): the Đề án's 2025 and 2030 targets
-- with their baselines, every edit kept, and the observations that progress
-- is judged from. Values are DOUBLE PRECISION: rates in per cent, counts of
-- people, UN ranks.

-- targets: one row per target, naming its current version. An edit bumps
-- version with "UPDATE ... WHERE version = ?", so of two concurrent edits
-- from the same form only one succeeds (the other is a conflict), on both
-- dialects, without a lock held across the form.
CREATE TABLE targets (
    target_key TEXT PRIMARY KEY,
    version BIGINT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);

-- target_versions: every version of every target, never updated or
-- deleted; the one named by targets.version is current. A NULL value is
-- unknown (no baseline yet, no target for that year), never zero.
-- confirmed is false while a figure still needs checking against the
-- official text ("cần xác nhận").
CREATE TABLE target_versions (
    id BIGSERIAL PRIMARY KEY,
    target_key TEXT NOT NULL REFERENCES targets(target_key),
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    direction TEXT NOT NULL,
    baseline_value DOUBLE PRECISION,
    baseline_year INTEGER,
    target_2025 DOUBLE PRECISION,
    target_2030 DOUBLE PRECISION,
    source TEXT NOT NULL,
    confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    change_note TEXT NOT NULL DEFAULT '',
    created_by_id BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (target_key, version)
);

-- target_observations: observed values, append-only. period is 'YYYY' (a
-- year's figure) or 'YYYY-MM-DD' (a value at a date). A correction adds a
-- row for the same period; the newest row of a period is the current value
-- and the older ones stay as history. source_kind is 'manual' (typed in
-- the back office) or 'computed' (from an indicator of package measure).
CREATE TABLE target_observations (
    id BIGSERIAL PRIMARY KEY,
    target_key TEXT NOT NULL REFERENCES targets(target_key),
    period TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    source_kind TEXT NOT NULL,
    source TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by_id BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX target_observations_key ON target_observations(target_key, period);
