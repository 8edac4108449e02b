package channels

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
)

// The states of a received message.
const (
	stateReceived = "received" // waiting for the assistant
	stateAnswered = "answered" // reply written, being delivered
	stateSent     = "sent"     // delivered; personal data cleared
	stateFailed   = "failed"   // refused for good, or given up after the last retry; cleared
	stateSkipped  = "skipped"  // needs no reply (media right after a MediaNotice); cleared
)

// Receive stores a verified message and enqueues its reply, in one
// transaction. It reports false for a message already received (platforms
// deliver again when they think a call failed), which is not answered
// twice. baseURL is the site's address the webhook was called at, used
// for the answer's links when Options.BaseURL is empty. A media message is
// stored without any of its content.
func (s *Service) Receive(ctx context.Context, m Message, baseURL string) (bool, error) {
	if !s.Enabled(m.Channel) {
		return false, fmt.Errorf("channels: receive: channel %q is off", m.Channel)
	}
	if m.EventID == "" || m.UserID == "" {
		return false, fmt.Errorf("channels: receive %s: message without id or sender", m.Channel)
	}
	if m.ZaloConversationID != "" && m.Channel != Zalo ||
		m.Channel == Zalo && m.ZaloConversationID == "" && strings.HasPrefix(m.UserID, zaloAnonymousPrefix) {
		return false, fmt.Errorf("channels: receive %s: malformed sender", m.Channel)
	}
	// question is what the reply job reads: the text, the chosen slug, or
	// nothing for media.
	var question string
	switch m.Kind {
	case KindText, "":
		m.Kind, question = KindText, m.Text
		if strings.TrimSpace(question) == "" {
			return false, fmt.Errorf("channels: receive %s: text message without text", m.Channel)
		}
	case KindChoice:
		if !catalog.ValidSlug(m.Choice) {
			return false, fmt.Errorf("channels: receive %s: choice of a malformed slug", m.Channel)
		}
		question = m.Choice
	case KindMedia:
	default:
		return false, fmt.Errorf("channels: receive %s: unknown kind of message %q", m.Channel, m.Kind)
	}
	if s.opts.BaseURL != "" {
		baseURL = s.opts.BaseURL
	}
	// The reply's address keys the user's conversation too: the id, or a
	// Zalo anonymous visitor's id with the conversation (Message.Recipient).
	to := m.Recipient()
	now := s.opts.Now().UTC().Truncate(time.Microsecond)
	added := false
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO channel_messages
			(channel, event_id, user_key, recipient, kind, question, base_url, state, reply, options, parts_sent, received_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '', 0, ?, ?)
			ON CONFLICT (channel, event_id) DO NOTHING RETURNING id`,
			m.Channel, m.EventID, s.UserKey(m.Channel, to), to, m.Kind, question, baseURL, stateReceived, now, now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // a redelivery
		}
		if err != nil {
			return fmt.Errorf("channels: receive %s: %w", m.Channel, err)
		}
		added = true
		_, err = s.queue.EnqueueTx(ctx, tx, ReplyArgs{MessageID: id}, nil)
		return err
	})
	return added, err
}

// inboxMessage is a stored message.
type inboxMessage struct {
	id               int64
	channel, userKey string
	recipient, kind  string
	question         string
	baseURL, state   string
	reply            string
	options          []assistant.Option // offered with the reply
	partsSent        int
	receivedAt       time.Time
}

// loadMessage reads message id; ok is false when there is none.
func (s *Service) loadMessage(ctx context.Context, id int64) (m inboxMessage, ok bool, err error) {
	var options string
	err = s.db.QueryRow(ctx, `SELECT id, channel, user_key, recipient, kind, question, base_url, state, reply, options,
			parts_sent, received_at
		FROM channel_messages WHERE id = ?`, id).
		Scan(&m.id, &m.channel, &m.userKey, &m.recipient, &m.kind, &m.question, &m.baseURL, &m.state, &m.reply, &options,
			&m.partsSent, &m.receivedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("channels: load message %d: %w", id, err)
	}
	if m.options, err = decodeOptions(options); err != nil {
		return m, false, fmt.Errorf("channels: load message %d: %w", id, err)
	}
	return m, true, nil
}

// conversationOf returns the assistant conversation a user is in, or "".
func (s *Service) conversationOf(ctx context.Context, channel, userKey string) (string, error) {
	var id string
	err := s.db.QueryRow(ctx, `SELECT conversation_id FROM channel_users WHERE channel = ? AND user_key = ?`,
		channel, userKey).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("channels: conversation: %w", err)
	}
	return id, nil
}

// saveAnswer records the reply to send, with the options to offer under
// it, and what the answer changes for the user: their conversation, and
// the options they may pick by number.
func (s *Service) saveAnswer(ctx context.Context, m inboxMessage, out outcome) error {
	now := s.opts.Now().UTC().Truncate(time.Microsecond)
	options, err := encodeOptions(out.options)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE channel_messages SET state = ?, reply = ?, options = ?, updated_at = ?
			WHERE id = ? AND state = ?`, stateAnswered, out.reply, options, now, m.id, stateReceived); err != nil {
			return fmt.Errorf("channels: save answer %d: %w", m.id, err)
		}
		if out.conversation == "" {
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO channel_users (channel, user_key, conversation_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (channel, user_key) DO UPDATE SET conversation_id = excluded.conversation_id,
				updated_at = excluded.updated_at`, m.channel, m.userKey, out.conversation, now, now); err != nil {
			return fmt.Errorf("channels: save conversation: %w", err)
		}
		return nil
	})
}

// markSent records that n parts of message id are delivered.
func (s *Service) markSent(ctx context.Context, id int64, n int) error {
	if _, err := s.db.Exec(ctx, `UPDATE channel_messages SET parts_sent = ?, updated_at = ? WHERE id = ?`,
		n, s.opts.Now().UTC().Truncate(time.Microsecond), id); err != nil {
		return fmt.Errorf("channels: mark message %d: %w", id, err)
	}
	return nil
}

// finish closes message id in state and clears what identifies the user
// and what they wrote: the assistant keeps its own redacted copy.
func (s *Service) finish(ctx context.Context, id int64, state string) error {
	if _, err := s.db.Exec(ctx, `UPDATE channel_messages SET state = ?, recipient = '', question = '', reply = '',
		options = '', updated_at = ? WHERE id = ?`, state, s.opts.Now().UTC().Truncate(time.Microsecond), id); err != nil {
		return fmt.Errorf("channels: finish message %d: %w", id, err)
	}
	return nil
}

// earlierWaiting reports whether the same user has an earlier message
// still waiting for the assistant, received within the last two minutes:
// answering this one first would answer a follow-up before its question,
// or start a second conversation.
func (s *Service) earlierWaiting(ctx context.Context, m inboxMessage) (bool, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM channel_messages
		WHERE channel = ? AND user_key = ? AND id < ? AND state = ? AND received_at > ?`,
		m.channel, m.userKey, m.id, stateReceived, s.opts.Now().UTC().Add(-orderWindow)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("channels: earlier messages: %w", err)
	}
	return n > 0, nil
}

// orderWindow is how long a message waits for its user's earlier one; past
// it the earlier one is presumed stuck and no longer holds the queue.
const orderWindow = 2 * time.Minute
