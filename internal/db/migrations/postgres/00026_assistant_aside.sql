-- +goose Up
-- aside_slug: a side matter of a conversation with the virtual
-- assistant, another procedure the citizen asked whether to do first
-- while the conversation stayed on service_slug ("có phải về quê cắt
-- khẩu trước không" while moving household registration), so that "giấy
-- đó xin ở đâu" next is understood by whichever replica answers.
ALTER TABLE assistant_conversations ADD COLUMN aside_slug TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE assistant_conversations DROP COLUMN aside_slug;
