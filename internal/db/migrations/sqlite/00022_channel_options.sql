-- +goose Up
-- channel_messages.kind says what the user sent: text, media (an image,
-- sticker, voice message, video, file or location, answered with a notice
-- and never stored) or choice (a tapped option; question then holds the
-- service's slug). options holds, until the reply is delivered, the
-- options of a clarifying question offered under it as quick replies.
ALTER TABLE channel_messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'text';
ALTER TABLE channel_messages ADD COLUMN options TEXT NOT NULL DEFAULT '';

-- channel_options: the options (service slugs, space-separated, in the
-- order numbered) of the last clarifying question sent to a user of a chat
-- platform in conversation_id, so that a reply "2" or a tapped quick reply
-- is read against what that user was offered. Replaced by the next
-- clarifying question, removed by any other answer, purged after the
-- retention (package channels).
CREATE TABLE channel_options (
    channel TEXT NOT NULL,
    user_key TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    slugs TEXT NOT NULL,
    offered_at TIMESTAMP NOT NULL,
    PRIMARY KEY (channel, user_key)
);
CREATE INDEX channel_options_offered ON channel_options(offered_at);
