package channels

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/db"
)

// The options of the last clarifying question each user was sent are kept
// in channel_options, so that a reply "2" or a tapped quick reply is read
// against what that user was actually offered, in that order, in that
// conversation — not guessed from the text. The row is replaced by the
// next clarifying question and removed by any other answer of the
// assistant, as the assistant's own conversation state is.

// offeredOptions returns the slugs last offered to the user in
// conversation conv, in order; none when the user was offered nothing
// since, or in another conversation.
func (s *Service) offeredOptions(ctx context.Context, channel, userKey, conv string) ([]string, error) {
	if conv == "" {
		return nil, nil
	}
	var slugs string
	err := s.db.QueryRow(ctx, `SELECT slugs FROM channel_options WHERE channel = ? AND user_key = ? AND conversation_id = ?`,
		channel, userKey, conv).Scan(&slugs)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("channels: offered options: %w", err)
	}
	return strings.Fields(slugs), nil
}

// saveOptions records, in tx, the options just offered to the user in
// conversation conv (none: forget those offered before).
func saveOptions(ctx context.Context, tx *db.Tx, channel, userKey, conv string, options []assistant.Option, now time.Time) error {
	if len(options) == 0 || conv == "" {
		if _, err := tx.Exec(ctx, `DELETE FROM channel_options WHERE channel = ? AND user_key = ?`, channel, userKey); err != nil {
			return fmt.Errorf("channels: clear offered options: %w", err)
		}
		return nil
	}
	slugs := make([]string, len(options))
	for i, o := range options {
		slugs[i] = o.Slug
	}
	if _, err := tx.Exec(ctx, `INSERT INTO channel_options (channel, user_key, conversation_id, slugs, offered_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (channel, user_key) DO UPDATE SET conversation_id = excluded.conversation_id,
			slugs = excluded.slugs, offered_at = excluded.offered_at`,
		channel, userKey, conv, strings.Join(slugs, " "), now); err != nil {
		return fmt.Errorf("channels: save offered options: %w", err)
	}
	return nil
}

// encodeOptions and decodeOptions keep a reply's options in
// channel_messages.options until the reply is delivered: a retried job
// offers the same quick replies.
func encodeOptions(options []assistant.Option) (string, error) {
	if len(options) == 0 {
		return "", nil
	}
	b, err := json.Marshal(options)
	if err != nil {
		return "", fmt.Errorf("channels: encode options: %w", err)
	}
	return string(b), nil
}

func decodeOptions(s string) ([]assistant.Option, error) {
	if s == "" {
		return nil, nil
	}
	var out []assistant.Option
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("channels: decode options: %w", err)
	}
	return out, nil
}
