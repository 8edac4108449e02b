-- +goose Up
-- discussed: the services a conversation with the virtual assistant has
-- been about, space-separated slugs in the order first answered (at most
-- a few), so that a citizen who goes back to one ("quay lại vụ khai
-- sinh", "cái đầu tiên ấy") is understood by whichever replica answers.
ALTER TABLE assistant_conversations ADD COLUMN discussed TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE assistant_conversations DROP COLUMN discussed;
