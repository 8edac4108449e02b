-- +goose Up
-- measure_area_proc_months: compact monthly sums by area and procedure, an
-- area being a province with its communes, or a unit outside the provinces
-- (a ministry); rebuilt with the other compact tables (measure/
-- snapshot_compact.go). Dashboards fold an imported aggregate for one
-- procedure into the event figures by subtracting the events it covers
-- (measure/fold.go): a national line for one procedure is a few hundred
-- rows here, where measure_monthly holds one per commune, channel, level
-- and source.
CREATE TABLE measure_area_proc_months (
    month TEXT NOT NULL,
    area TEXT NOT NULL,
    province TEXT NOT NULL DEFAULT '',
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
    PRIMARY KEY (month, area, procedure_code)
);
CREATE INDEX measure_area_proc_months_procedure ON measure_area_proc_months(procedure_code, month);

-- The months already held, so that no dashboard reads an empty table
-- until the nightly rebuild.
INSERT INTO measure_area_proc_months (month, area, province, procedure_code, received, received_online,
    received_fully_online, resolved, resolved_due_known, resolved_on_time, returned, paid_online, ratings,
    ratings_satisfied, rating_points)
SELECT month, CASE WHEN province <> '' THEN province ELSE unit END, province, procedure_code,
    CAST(SUM(received) AS BIGINT),
    CAST(SUM(CASE WHEN channel = 'online' THEN received ELSE 0 END) AS BIGINT),
    CAST(SUM(CASE WHEN channel = 'online' AND level = 'full' THEN received ELSE 0 END) AS BIGINT),
    CAST(SUM(resolved) AS BIGINT), CAST(SUM(resolved_due_known) AS BIGINT), CAST(SUM(resolved_on_time) AS BIGINT),
    CAST(SUM(returned) AS BIGINT), CAST(SUM(paid_online) AS BIGINT), CAST(SUM(ratings) AS BIGINT),
    CAST(SUM(ratings_satisfied) AS BIGINT), CAST(SUM(rating_points) AS BIGINT)
FROM measure_monthly
WHERE source NOT IN (SELECT source FROM measure_sources WHERE quarantined)
GROUP BY month, CASE WHEN province <> '' THEN province ELSE unit END, province, procedure_code;

-- +goose Down
DROP TABLE measure_area_proc_months;
