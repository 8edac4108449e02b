-- +goose Up
-- Measuring ingest: on PostgreSQL the key of measure_events is made to
-- compare bytes (see postgres/00019_measure_ingest.sql). SQLite's default
-- collation, BINARY, already does, so there is nothing to change here; the
-- file keeps the two dialects at the same version.
SELECT 1;
