-- +goose Up
-- staff_users: back-office accounts (package staff). username is stored
-- lower-cased and NFC-normalised so "Lan" and "lan" are one account. The
-- throttling columns (failed_logins, locked_until) live here, not in memory,
-- so a lock-out holds across every replica. version increases on every
-- audited change, for optimistic locking of edit forms.
CREATE TABLE staff_users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    agency TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    totp_last_step BIGINT NOT NULL DEFAULT 0,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX staff_users_agency ON staff_users(agency);

-- staff_sessions: logged-in browsers. Only the SHA-256 of the session token
-- is stored, so a copy of the database does not let anyone log in.
CREATE TABLE staff_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions(user_id);
CREATE INDEX staff_sessions_expires ON staff_sessions(expires_at);

-- api_tokens: credentials for agencies' systems, scoped to one agency and a
-- list of permissions (comma-separated). Stored as SHA-256, shown once.
CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    agency TEXT NOT NULL,
    name TEXT NOT NULL,
    perms TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_tokens_agency ON api_tokens(agency);
