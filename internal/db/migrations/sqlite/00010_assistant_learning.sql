-- +goose Up
-- The assistant's learning loop (package assistant): citizens' votes on
-- answers, the back office's inbox of questions it could not answer well,
-- and the abbreviations editors add to the curated table.

-- assistant_feedback: one thumbs up or down per answer (turn), which the
-- citizen may change. There is no foreign key to assistant_turns on
-- purpose: the assistant checks that the turn exists before writing, and a
-- future retention job may delete old conversations without first having
-- to find their votes. vote is 'up' or 'down'.
CREATE TABLE assistant_feedback (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX assistant_feedback_vote ON assistant_feedback(vote, updated_at);

-- assistant_inbox_resolved: questions of the inbox an editor dealt with,
-- keyed by the question folded (vn.Fold of the normalised, redacted text),
-- so every later occurrence written the same way is recognised. action is
-- 'ignored' (never shown again), 'paraphrase' or 'faq' (a draft proposing
-- it was created; occurrences after resolved_at show again, since they
-- mean the assistant still does not answer it). question is the text as
-- the editor saw it, redacted like every stored question.
CREATE TABLE assistant_inbox_resolved (
    question_key TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    action TEXT NOT NULL,
    service_slug TEXT NOT NULL DEFAULT '',
    resolved_by BIGINT NOT NULL,
    resolved_at TIMESTAMP NOT NULL
);
CREATE INDEX assistant_inbox_resolved_action ON assistant_inbox_resolved(action);

-- assistant_abbreviations: rows editors add to the curated table of
-- abbreviations and everyday names (vn/synonyms.tsv), one expansion per
-- row. term_key and expansion_key are the folded syllables joined by one
-- space: "CCCD" and "cccd" are one term. Every change bumps the
-- change_counters row 'assistant_abbreviations', which every replica polls
-- to reload its table.
CREATE TABLE assistant_abbreviations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    term TEXT NOT NULL,
    term_key TEXT NOT NULL,
    expansion TEXT NOT NULL,
    expansion_key TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_by_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX assistant_abbreviations_pair ON assistant_abbreviations(term_key, expansion_key);
