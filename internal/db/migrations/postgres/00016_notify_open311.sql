-- +goose Up
-- open311_requests: what an Open311 client sent with a request besides the
-- case itself (package open311): the location and the media link. One row
-- per case opened over Open311, written in the case's transaction. lat and
-- lng are WGS84 degrees, NULL when not given; address is the client's
-- address_string, shown only redacted; token_id is the API token that
-- filed the request.
CREATE TABLE open311_requests (
    case_id BIGINT PRIMARY KEY REFERENCES cases(id),
    lat DOUBLE PRECISION,
    lng DOUBLE PRECISION,
    address TEXT NOT NULL DEFAULT '',
    address_id TEXT NOT NULL DEFAULT '',
    media_url TEXT NOT NULL DEFAULT '',
    token_id BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);

-- notify_outbox: e-mails to citizens (package notify), written in the same
-- transaction as the case event that causes them, delivered later by a job.
-- recipient is personal data, kept only until delivery is settled.
-- dedupe_key makes a cause produce one message however often it is seen;
-- message_id is the Message-ID header, fixed at insert so that a retry after
-- a lost acknowledgement is recognisable as the same message. state is
-- pending, sent, failed (permanent refusal) or cancelled (no longer true,
-- as a reminder for a case the citizen already closed). A pending row is
-- tried when next_attempt_at has passed and claimed_until (a replica
-- sending it) has too.
CREATE TABLE notify_outbox (
    id BIGSERIAL PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    case_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'pending',
    created_at TIMESTAMPTZ NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until TIMESTAMPTZ,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    delivered_at TIMESTAMPTZ
);
CREATE INDEX notify_outbox_due ON notify_outbox(state, next_attempt_at);
CREATE INDEX notify_outbox_case ON notify_outbox(case_id);
