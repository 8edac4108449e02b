-- +goose Up
-- audit_log: who changed what, when, written in the same transaction as the
-- change itself (package audit). Rows are never updated or deleted: the
-- triggers below refuse it even to someone with a SQL shell, so a mistake or
-- a compromised application cannot quietly rewrite history.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TIMESTAMP NOT NULL,
    actor_id BIGINT NOT NULL DEFAULT 0,
    actor_name TEXT NOT NULL,
    actor_agency TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    before_json TEXT,
    after_json TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
CREATE INDEX audit_log_agency ON audit_log(agency, at);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, at);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
