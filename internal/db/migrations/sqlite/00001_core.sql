-- +goose Up
-- change_counters lets every replica notice that shared data changed
-- (a catalogue publication, say) by polling one small row.
CREATE TABLE change_counters (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0,
    changed_at TIMESTAMP NOT NULL
);

-- rate_limits holds fixed-window counters shared by all replicas.
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- meta holds facts about the installation itself, such as whether the
-- demo data has been loaded.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
