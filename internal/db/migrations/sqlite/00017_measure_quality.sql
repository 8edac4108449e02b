-- +goose Up
-- Measuring, second part (package measure): data quality, rankings,
-- alerts. Days and months are Vietnam's calendar as text, as in 00013.

-- measure_unit_months and measure_proc_months: compact monthly sums, one
-- row per unit (ministry, province, commune) or per procedure, rebuilt
-- from measure_monthly with quarantined sources left out (see
-- measure/snapshot_compact.go). Rankings, dashboards and honours read these few
-- tens of thousands of rows instead of the millions of measure_monthly,
-- which is what keeps a national year's ranking within 100 ms.
-- received_online and received_fully_online are the received counts of
-- the online (and fully online) rows of measure_monthly.
CREATE TABLE measure_unit_months (
    month TEXT NOT NULL,
    unit TEXT NOT NULL,
    province TEXT NOT NULL DEFAULT '',
    received BIGINT NOT NULL DEFAULT 0,
    received_online BIGINT NOT NULL DEFAULT 0,
    received_fully_online BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    resolved_due_known BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    ratings BIGINT NOT NULL DEFAULT 0,
    ratings_satisfied BIGINT NOT NULL DEFAULT 0,
    rating_points BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, unit)
);
CREATE INDEX measure_unit_months_province ON measure_unit_months(province, month);

CREATE TABLE measure_proc_months (
    month TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    received_online BIGINT NOT NULL DEFAULT 0,
    received_fully_online BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    resolved_due_known BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    ratings BIGINT NOT NULL DEFAULT 0,
    ratings_satisfied BIGINT NOT NULL DEFAULT 0,
    rating_points BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, procedure_code)
);

-- measure_quarantine: a day of one unit and one source whose volume is an
-- outlier (modified z-score, see measure/quality.go), held for review.
-- While held, its rows of measure_daily are moved to
-- measure_quarantine_rows and subtracted from measure_monthly, so every
-- indicator leaves them out; releasing puts them back exactly. Nothing is
-- dropped. status is 'held' or 'released'.
CREATE TABLE measure_quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    day TEXT NOT NULL,
    unit TEXT NOT NULL,
    source TEXT NOT NULL,
    agency TEXT NOT NULL,
    series TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    median DOUBLE PRECISION NOT NULL,
    mad DOUBLE PRECISION NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    status TEXT NOT NULL,
    flagged_at TIMESTAMP NOT NULL,
    released_at TIMESTAMP,
    released_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (day, unit, source)
);
CREATE INDEX measure_quarantine_status ON measure_quarantine(status, agency);

CREATE TABLE measure_quarantine_rows (
    quarantine_id BIGINT NOT NULL REFERENCES measure_quarantine(id),
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
    PRIMARY KEY (quarantine_id, procedure_code, channel, level)
);

-- measure_source_arrivals: when each batch of a source arrived, so a
-- source's usual interval (the median gap) is known and a silent source
-- can be flagged. Kept for 90 days.
CREATE TABLE measure_source_arrivals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    arrived_at TIMESTAMP NOT NULL,
    events BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX measure_source_arrivals_source ON measure_source_arrivals(source, arrived_at);

-- measure_rank_snapshots: a month's ranking frozen once (never
-- recomputed), stamped with the versions of the indicator registry and of
-- the ranking method that produced it. level is 'province' or 'ministry'.
-- measure_rank_rows: its lines; position 0 is "chưa đủ dữ liệu" (below the
-- minimum volume).
CREATE TABLE measure_rank_snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    period TEXT NOT NULL,
    indicator TEXT NOT NULL,
    level TEXT NOT NULL,
    registry_version INTEGER NOT NULL,
    method_version INTEGER NOT NULL,
    min_volume BIGINT NOT NULL,
    frozen_at TIMESTAMP NOT NULL,
    UNIQUE (period, indicator, level)
);

CREATE TABLE measure_rank_rows (
    snapshot_id BIGINT NOT NULL REFERENCES measure_rank_snapshots(id),
    unit TEXT NOT NULL,
    position INTEGER NOT NULL,
    numerator BIGINT NOT NULL,
    denominator BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (snapshot_id, unit)
);

-- measure_alerts: the back office's inbox of measuring alerts per agency
-- (a rate down 5 points or more against the previous four weeks, a silent
-- source, an outlier held). dedupe_key makes the job that raises them
-- idempotent. read_at/read_by mark an alert dealt with.
CREATE TABLE measure_alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    indicator TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    dedupe_key TEXT NOT NULL UNIQUE,
    period TEXT NOT NULL DEFAULT '',
    current_value DOUBLE PRECISION,
    previous_value DOUBLE PRECISION,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    read_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX measure_alerts_agency ON measure_alerts(agency, created_at);

-- measure_digests: the weekly digest of each agency, stored as a page of
-- the back office (body is JSON, see measure/alerts_digest.go). week is
-- the Monday the week starts on.
CREATE TABLE measure_digests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency TEXT NOT NULL,
    week TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (agency, week)
);
