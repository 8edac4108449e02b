-- +goose Up
-- idempotency_keys (package idempotency): the Idempotency-Key of each keyed
-- write, for every kind of submission (ratings, reports ...), with the
-- answer it got, written in the same transaction as the write it answers:
-- a repeat with the same key returns the stored answer instead of writing
-- twice, and a crash can never keep one without the other. scope says
-- which kind of write the key belongs to; keys are unique within it.
-- request_hash fingerprints the cleaned request, so that a key reused for
-- a different request is refused rather than answered with someone else's
-- answer. response is the answer as the client got it (JSON, or a case
-- code for the report form). Keys older than a week are pruned.
-- The table replaces rating_requests (00012), whose rows move here.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
INSERT INTO idempotency_keys (scope, idem_key, request_hash, response, created_at)
    SELECT scope, idem_key, request_hash, response, created_at FROM rating_requests;
DROP TABLE rating_requests;

-- case_attachments (package cases): files citizens attach to a report
-- (PDF, JPEG or PNG, sniffed from the bytes; at most 3 of 5 MB each), kept
-- in the database so that every replica sees them and they commit with the
-- case. A file sent with the web form is stored when its form is posted,
-- before the case exists (the form may come back for corrections or for
-- the similar reports): case_id stays NULL until the case claims it by
-- token, and unclaimed files older than a day are pruned. Files sent over
-- the API are stored with their case directly. They may hold personal
-- data: only the back office serves them, never the public status page.
CREATE TABLE case_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token TEXT NOT NULL UNIQUE,
    case_id BIGINT REFERENCES cases(id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments(case_id);
CREATE INDEX case_attachments_created ON case_attachments(created_at);
