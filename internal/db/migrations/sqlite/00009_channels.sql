-- +goose Up
-- channel_users: which assistant conversation a user of a chat platform
-- (Zalo Official Account, Facebook Messenger) is in, so that a follow-up
-- ("mất bao lâu?") continues it (package channels). user_key is an HMAC of
-- the platform's user id under an installation secret: the raw id is not
-- kept here.
CREATE TABLE channel_users (
    channel TEXT NOT NULL,
    user_key TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (channel, user_key)
);

-- channel_messages: every text message received by a webhook, from its
-- arrival until its reply is delivered. event_id is the platform's message
-- id: a webhook delivered twice is stored once. recipient (the platform's
-- user id, needed to reply) and question are cleared once the reply is
-- delivered. state is received → answered → sent (or failed when the
-- platform refuses the reply for good); reply is the answer to send, split
-- into parts of the platform's limit, parts_sent of which are delivered, so
-- a retried job resumes where the last attempt stopped. base_url prefixes
-- the links of the answer.
CREATE TABLE channel_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    event_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    recipient TEXT NOT NULL,
    question TEXT NOT NULL,
    base_url TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    reply TEXT NOT NULL DEFAULT '',
    parts_sent INTEGER NOT NULL DEFAULT 0,
    received_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX channel_messages_event ON channel_messages(channel, event_id);
CREATE INDEX channel_messages_user ON channel_messages(channel, user_key, id);
CREATE INDEX channel_messages_state ON channel_messages(state, updated_at);

-- channel_tokens: the OAuth tokens of a platform account (the Zalo OA's
-- access and refresh tokens), shared by every replica. A refresh token can
-- be spent once, so a replica refreshes only while it holds the lease
-- (lease_owner until lease_until), taken by a compare-and-swap on the
-- refresh token. seed is a hash of the tokens last given in the
-- configuration: when an operator sets new ones, they replace these.
CREATE TABLE channel_tokens (
    name TEXT PRIMARY KEY,
    access_token TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    seed TEXT NOT NULL,
    lease_owner TEXT NOT NULL DEFAULT '',
    lease_until TIMESTAMP NOT NULL,
    refreshes INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL
);
