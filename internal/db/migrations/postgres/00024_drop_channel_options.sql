-- +goose Up
-- The options a chat user may pick by number are read from the
-- assistant's own conversation state (assistant_conversations.options,
-- through Engine.Offered); channel_options kept a second copy of it.
DROP TABLE channel_options;

-- +goose Down
CREATE TABLE channel_options (
    channel TEXT NOT NULL,
    user_key TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    slugs TEXT NOT NULL,
    offered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel, user_key)
);
CREATE INDEX channel_options_offered ON channel_options(offered_at);
