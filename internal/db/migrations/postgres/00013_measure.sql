-- +goose Up
-- Measuring (package measure): dossier events pushed by agencies' systems,
-- their day and month rollups, aggregates imported from systems that cannot
-- push events, the sources seen, and the versioned parameters of the
-- indicators. Days and months are Vietnam's calendar ('YYYY-MM-DD',
-- 'YYYY-MM' in Asia/Ho_Chi_Minh), stored as text so both dialects compare
-- them the same way.

-- measure_events: one row per event, kept so that rollups can be rebuilt
-- and checked. (source, event_id) is the idempotency key: a repeated event
-- is dropped by the primary key and counts once. source is namespaced by
-- the sending agency ("UBND-01:motcua"), so one agency cannot pre-empt
-- another's ids. procedure_code is the catalogue code when the procedure
-- is known, else the code as sent. province is the unit's province ('' for
-- a ministry), denormalised so a province's slice needs no join.
CREATE TABLE measure_events (
    source TEXT NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    day TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    known_procedure BOOLEAN NOT NULL,
    unit TEXT NOT NULL,
    province TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '',
    due_at TIMESTAMPTZ,
    resolved_at TIMESTAMPTZ,
    score INTEGER NOT NULL DEFAULT 0,
    ingested_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, event_id)
);

-- measure_daily and measure_monthly: counters summed from the events that
-- were new when they arrived (never from repeats), keyed by day or month ×
-- unit × procedure × channel × level × source. Every rate is a ratio of sums
-- of these numerators and denominators, never an average of rates. source
-- is in the key so that a source found faulty can be left out of the
-- indicators (measure_sources.quarantined) without touching the others.
CREATE TABLE measure_daily (
    day TEXT NOT NULL,
    unit TEXT NOT NULL,
    province TEXT NOT NULL DEFAULT '',
    procedure_code TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    resolved_due_known BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    ratings BIGINT NOT NULL DEFAULT 0,
    ratings_satisfied BIGINT NOT NULL DEFAULT 0,
    rating_points BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, unit, procedure_code, channel, level, source)
);
CREATE INDEX measure_daily_province ON measure_daily(province, day);
CREATE INDEX measure_daily_unit ON measure_daily(unit, day);

CREATE TABLE measure_monthly (
    month TEXT NOT NULL,
    unit TEXT NOT NULL,
    province TEXT NOT NULL DEFAULT '',
    procedure_code TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    resolved_due_known BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    ratings BIGINT NOT NULL DEFAULT 0,
    ratings_satisfied BIGINT NOT NULL DEFAULT 0,
    rating_points BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, unit, procedure_code, channel, level, source)
);
CREATE INDEX measure_monthly_province ON measure_monthly(province, month);
CREATE INDEX measure_monthly_unit ON measure_monthly(unit, month);

-- measure_aggregates: totals for a period, imported from CSV (the format of
-- ../shared/data/measure/seed-2023.csv). A NULL counter is unknown, never
-- zero. unit may be 'VN' (the whole country); procedure_code '*' means all
-- procedures. Importing a row for the same period, unit and procedure again
-- replaces it, so an import can be repeated. period_end is inclusive.
CREATE TABLE measure_aggregates (
    id BIGSERIAL PRIMARY KEY,
    period TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    unit TEXT NOT NULL,
    province TEXT NOT NULL DEFAULT '',
    procedure_code TEXT NOT NULL,
    known_procedure BOOLEAN NOT NULL,
    received_total BIGINT,
    received_online BIGINT,
    received_fully_online BIGINT,
    resolved_total BIGINT,
    resolved_on_time BIGINT,
    paid_online BIGINT,
    source TEXT NOT NULL,
    quarantined BOOLEAN NOT NULL DEFAULT FALSE,
    imported_by TEXT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    UNIQUE (period_start, period_end, unit, procedure_code)
);
CREATE INDEX measure_aggregates_period ON measure_aggregates(period_start, period_end);

-- measure_sources: every system that sent events, with when it was first
-- and last seen and how much it sent, for the data-quality pages.
-- quarantined leaves a faulty source out of every indicator.
CREATE TABLE measure_sources (
    source TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    events BIGINT NOT NULL DEFAULT 0,
    duplicates BIGINT NOT NULL DEFAULT 0,
    rejected BIGINT NOT NULL DEFAULT 0,
    quarantined BOOLEAN NOT NULL DEFAULT FALSE
);

-- measure_params: the parameters of the time-saved indicators, versioned.
-- A version applies to periods starting on or after valid_from, until a
-- later valid_from; versions are never edited, a change adds one. The first
-- is the programme's: 2 hours per online dossier (Thông tư
-- 02/2017/TT-VPCP) valued at 35,000 đồng an hour.
CREATE TABLE measure_params (
    id BIGSERIAL PRIMARY KEY,
    valid_from TEXT NOT NULL,
    minutes_per_dossier INTEGER NOT NULL,
    vnd_per_hour BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
INSERT INTO measure_params (valid_from, minutes_per_dossier, vnd_per_hour, note, created_by, created_at)
VALUES ('2000-01-01', 120, 35000, 'Đề án: 2 giờ mỗi hồ sơ trực tuyến (Thông tư 02/2017/TT-VPCP), 35.000 đồng mỗi giờ', 'system', CURRENT_TIMESTAMP);
