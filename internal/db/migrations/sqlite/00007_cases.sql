-- +goose Up
-- cases: one row per citizen's report (phản ánh, kiến nghị), hotline call or
-- assistant handoff (package cases). code is the public tracking code in its
-- display form ("PA-K7QXM-3DHTW", see cases/code.go). Codes and category,
-- state and source are plain text checked by the package rather than by
-- CHECK constraints, so that the listening work can add states without
-- rebuilding the table on SQLite.
--
-- The contact columns hold personal data and nothing else: they are kept
-- apart from the description so they can be masked, left out of every
-- public view and purged on their own. Empty string means "not given".
-- agency is the routed agency code, empty until routing.
CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    channel TEXT NOT NULL,
    category TEXT NOT NULL,
    service_slug TEXT NOT NULL DEFAULT '',
    province_code TEXT NOT NULL DEFAULT '',
    commune_code TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    conversation_id TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    agency TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX cases_created ON cases(created_at);
CREATE INDEX cases_agency ON cases(agency, created_at);
CREATE INDEX cases_state ON cases(state, created_at);
CREATE INDEX cases_conversation ON cases(conversation_id);

-- case_events: what happened to a case, written in the same transaction as
-- the change. The deadline clock of the listening work is computed from it,
-- so rows are never updated or deleted; the triggers below refuse it, as
-- for audit_log. actor is "citizen", "system" or "staff:<id>"; visibility
-- says whether the public status page may show the event.
CREATE TABLE case_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal'))
);
CREATE INDEX case_events_case ON case_events(case_id, id);

-- +goose StatementBegin
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;
-- +goose StatementEnd
