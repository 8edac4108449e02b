-- +goose Up
-- assistant_conversations: the state of one conversation with the virtual
-- assistant (package assistant), kept here rather than in a process so that
-- every replica answering the next message knows it. id is random
-- (crypto/rand, 128 bits): whoever holds it can continue the conversation,
-- so it is never derived from anything guessable.
--
-- service_slug is the service in context (follow-ups such as "mất bao
-- lâu?" are about it); misses counts the answers in a row that could not
-- help, two of which hand the citizen to a person; options are the slugs
-- offered by a clarifying question, space-separated, in order, waiting for
-- "1", "2" or a name; pending_intent is what that question asked (a bit
-- set, see assistant.Intent). case_code is the case opened by a handoff.
CREATE TABLE assistant_conversations (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    service_slug TEXT NOT NULL DEFAULT '',
    misses INTEGER NOT NULL DEFAULT 0,
    options TEXT NOT NULL DEFAULT '',
    pending_intent INTEGER NOT NULL DEFAULT 0,
    case_code TEXT NOT NULL DEFAULT '',
    turns INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX assistant_conversations_updated ON assistant_conversations(updated_at);

-- assistant_turns: every question and what the assistant did with it, for
-- the learning loop and analytics. question is stored only after
-- vn.RedactPII (CCCD, phone numbers, e-mail and card numbers replaced by
-- placeholders); the answer is not stored, it is rebuilt from the
-- catalogue. confidence is the chosen service's score (0–1); latency_us is
-- the answering time in microseconds.
CREATE TABLE assistant_turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES assistant_conversations(id),
    seq INTEGER NOT NULL,
    channel TEXT NOT NULL,
    question TEXT NOT NULL,
    status TEXT NOT NULL,
    intent TEXT NOT NULL DEFAULT '',
    top_slug TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 0,
    latency_us BIGINT NOT NULL DEFAULT 0,
    case_code TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX assistant_turns_conversation ON assistant_turns(conversation_id, seq);
CREATE INDEX assistant_turns_created ON assistant_turns(created_at);
CREATE INDEX assistant_turns_status ON assistant_turns(status, created_at);
