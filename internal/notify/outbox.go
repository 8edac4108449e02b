package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db"
)

// Kind is what a message tells the citizen.
type Kind string

// The kinds of message.
const (
	// KindAck acknowledges a new case and gives its tracking code.
	KindAck Kind = "ack"
	// KindAnswer says the answer was published.
	KindAnswer Kind = "answer"
	// KindReopenReminder says the time to reopen the case ends soon.
	KindReopenReminder Kind = "reopen_reminder"
)

// The states of an outbox row.
const (
	StatePending   = "pending"
	StateSent      = "sent"
	StateFailed    = "failed"
	StateCancelled = "cancelled"
)

// ReminderBefore is how long before the end of the reopen window the
// reminder is sent.
const ReminderBefore = 3 * 24 * time.Hour

// Outbox writes messages in the transaction of the case events that cause
// them. It keeps no state.
type Outbox struct{}

// NewOutbox returns an outbox.
func NewOutbox() *Outbox { return &Outbox{} }

// Hook is a cases.OutboxFunc: plug it in with cases.WithOutbox. For a case
// with an e-mail address it writes the acknowledgement on the "created"
// event and, when the case moves to published, the answer notice and the
// reopen reminder. Other events write nothing.
func (o *Outbox) Hook(ctx context.Context, tx *db.Tx, c *cases.Case, e cases.Event) error {
	if c.Contact.Email == "" {
		return nil
	}
	round := strconv.Itoa(max(c.Round, 1))
	id := strconv.FormatInt(c.ID, 10)
	switch {
	case e.Kind == cases.EventCreated:
		return enqueue(ctx, tx, c, KindAck, "ack:"+id, e.At, e.At)
	case e.Kind == cases.EventStateChanged && e.ToState == cases.StatePublished:
		if err := enqueue(ctx, tx, c, KindAnswer, "answer:"+id+":"+round, e.At, e.At); err != nil {
			return err
		}
		published := c.PublishedAt
		if published.IsZero() {
			published = e.At
		}
		return enqueue(ctx, tx, c, KindReopenReminder, "reminder:"+id+":"+round, e.At,
			published.Add(cases.ReopenWindow-ReminderBefore))
	}
	return nil
}

// enqueue writes one pending message, written at at and due at due, unless
// its dedupe key is there already.
func enqueue(ctx context.Context, tx *db.Tx, c *cases.Case, kind Kind, key string, at, due time.Time) error {
	msgID, err := newMessageID()
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO notify_outbox (case_id, case_code, kind, dedupe_key, recipient,
		message_id, state, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dedupe_key) DO NOTHING`,
		c.ID, c.Code, kind, key, c.Contact.Email, msgID, StatePending, at.UTC(), due.UTC()); err != nil {
		return fmt.Errorf("notify: enqueue %s for %s: %w", kind, c.Code, err)
	}
	return nil
}

// newMessageID draws the Message-ID of a message, fixed for all its
// attempts.
func newMessageID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("notify: message id: %w", err)
	}
	return "<" + hex.EncodeToString(b[:]) + "@loa.notify>", nil
}
