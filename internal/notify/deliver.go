package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/vn"
)

// Delivery limits.
const (
	// batch is how many messages one Deliver call handles at most; the
	// next run takes the rest.
	batch = 50
	// claimFor is how long a replica owns a row it is sending.
	claimFor = 5 * time.Minute
	// firstRetry and maxRetry bound the wait after a failure.
	firstRetry = time.Minute
	maxRetry   = 6 * time.Hour
)

// Deliverer sends the outbox's due messages.
type Deliverer struct {
	db    *db.DB
	cases *cases.Store
	cfg   Config
	now   func() time.Time
}

// NewDeliverer returns a deliverer over d, reading cases from cs (for the
// reminders' last check) and sending as cfg says.
func NewDeliverer(d *db.DB, cs *cases.Store, cfg Config) *Deliverer {
	return &Deliverer{db: d, cases: cs, cfg: cfg, now: func() time.Time { return time.Now().UTC() }}
}

// SetClock replaces the clock (tests move time to a retry or a reminder).
func (d *Deliverer) SetClock(now func() time.Time) { d.now = func() time.Time { return now().UTC() } }

// Result counts what one Deliver call did.
type Result struct {
	Sent, Retry, Failed, Cancelled int
}

// row is one due message.
type row struct {
	id        int64
	caseCode  string
	kind      Kind
	recipient string
	messageID string
	attempts  int
}

// Deliver sends the due pending messages, up to a batch. Without SMTP
// configured it does nothing: messages stay pending. An SMTP failure is
// recorded on its message (retried later) and is not an error of Deliver;
// a database failure is.
func (d *Deliverer) Deliver(ctx context.Context) (Result, error) {
	var res Result
	if !d.cfg.Enabled() {
		return res, nil
	}
	from, err := mail.ParseAddress(d.cfg.From)
	if err != nil {
		return res, fmt.Errorf("notify: LOA_SMTP_FROM: %w", err)
	}
	now := d.now()
	rows, err := d.due(ctx, now)
	if err != nil {
		return res, err
	}
	for _, r := range rows {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		ok, err := d.claim(ctx, r.id, now)
		if err != nil {
			return res, err
		}
		if !ok {
			continue // another replica has it
		}
		outcome, err := d.deliverOne(ctx, from, r, now)
		if err != nil {
			return res, err
		}
		switch outcome {
		case StateSent:
			res.Sent++
		case StateFailed:
			res.Failed++
		case StateCancelled:
			res.Cancelled++
		default:
			res.Retry++
		}
	}
	return res, nil
}

// due lists the pending messages whose time has come and that no replica
// is sending.
func (d *Deliverer) due(ctx context.Context, now time.Time) ([]row, error) {
	rs, err := d.db.Query(ctx, `SELECT id, case_code, kind, recipient, message_id, attempts FROM notify_outbox
		WHERE state = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
		ORDER BY next_attempt_at, id LIMIT ?`, StatePending, now, now, batch)
	if err != nil {
		return nil, fmt.Errorf("notify: due messages: %w", err)
	}
	defer rs.Close()
	var out []row
	for rs.Next() {
		var r row
		if err := rs.Scan(&r.id, &r.caseCode, &r.kind, &r.recipient, &r.messageID, &r.attempts); err != nil {
			return nil, fmt.Errorf("notify: due messages: %w", err)
		}
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("notify: due messages: %w", err)
	}
	return out, nil
}

// claim takes the row for claimFor, unless another replica took it first.
func (d *Deliverer) claim(ctx context.Context, id int64, now time.Time) (bool, error) {
	res, err := d.db.Exec(ctx, `UPDATE notify_outbox SET claimed_until = ?
		WHERE id = ? AND state = ? AND (claimed_until IS NULL OR claimed_until < ?)`,
		now.Add(claimFor), id, StatePending, now)
	if err != nil {
		return false, fmt.Errorf("notify: claim message %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("notify: claim message %d: %w", id, err)
	}
	return n == 1, nil
}

// deliverOne sends one claimed message and records the outcome.
func (d *Deliverer) deliverOne(ctx context.Context, from *mail.Address, r row, now time.Time) (string, error) {
	var reopenUntil time.Time
	if r.kind == KindReopenReminder {
		v, err := d.cases.PublicStatus(ctx, r.caseCode)
		if err != nil && !errors.Is(err, cases.ErrNotFound) {
			return "", err
		}
		// Cancelled when the citizen can no longer reopen, and when the
		// window has moved on: a reminder written for an earlier
		// publication, the case since reopened and answered again, whose
		// own reminder is due later.
		if err != nil || !v.CanGiveFeedback || v.State != cases.StatePublished ||
			now.Before(v.ReopenUntil.Add(-ReminderBefore-time.Hour)) {
			return StateCancelled, d.settle(ctx, r.id, StateCancelled, now, "")
		}
		reopenUntil = v.ReopenUntil
	}
	statusURL := ""
	if d.cfg.BaseURL != "" {
		statusURL = strings.TrimRight(d.cfg.BaseURL, "/") + "/phan-anh/" + r.caseCode
	}
	subject, body, err := content(r.kind, r.caseCode, statusURL, reopenUntil)
	if err != nil {
		return StateFailed, d.settle(ctx, r.id, StateFailed, now, err.Error())
	}
	msg := compose(from, r.recipient, r.messageID, subject, body, now)
	err = d.cfg.send(ctx, from.Address, r.recipient, msg)
	switch {
	case err == nil:
		return StateSent, d.settle(ctx, r.id, StateSent, now, "")
	case errors.Is(err, errPermanent):
		return StateFailed, d.settle(ctx, r.id, StateFailed, now, err.Error())
	}
	return StatePending, d.retry(ctx, r, now, err)
}

// settle ends a message: sent (stamped), failed or cancelled. The
// recipient is erased; the case keeps its own copy.
func (d *Deliverer) settle(ctx context.Context, id int64, state string, now time.Time, why string) error {
	var delivered any
	if state == StateSent {
		delivered = now
	}
	if _, err := d.db.Exec(ctx, `UPDATE notify_outbox SET state = ?, delivered_at = ?, attempts = attempts + 1,
		claimed_until = NULL, last_error = ?, recipient = '' WHERE id = ?`,
		state, delivered, clip(why), id); err != nil {
		return fmt.Errorf("notify: settle message %d: %w", id, err)
	}
	return nil
}

// retry puts a failed message back with a later attempt time.
func (d *Deliverer) retry(ctx context.Context, r row, now time.Time, cause error) error {
	if _, err := d.db.Exec(ctx, `UPDATE notify_outbox SET attempts = attempts + 1, next_attempt_at = ?,
		claimed_until = NULL, last_error = ? WHERE id = ?`,
		now.Add(Backoff(r.attempts+1)), clip(cause.Error()), r.id); err != nil {
		return fmt.Errorf("notify: retry message %d: %w", r.id, err)
	}
	return nil
}

// Backoff is the wait after the attempt-th failed attempt: a minute,
// doubling, at most six hours.
func Backoff(attempt int) time.Duration {
	w := firstRetry
	for i := 1; i < attempt && w < maxRetry; i++ {
		w *= 2
	}
	return min(w, maxRetry)
}

// clip keeps an error short and free of addresses (a server may repeat
// the recipient in its reply) before it is stored.
func clip(s string) string {
	s = vn.RedactPII(s)
	for utf8.RuneCountInString(s) > 300 {
		r := []rune(s)
		s = string(r[:300])
	}
	return s
}

// Message is one outbox row as the back office and tests see it.
type Message struct {
	ID          int64
	CaseID      int64
	CaseCode    string
	Kind        Kind
	Recipient   string
	MessageID   string
	State       string
	CreatedAt   time.Time
	NextAttempt time.Time
	Attempts    int
	LastError   string
	DeliveredAt time.Time
}

// Messages returns the outbox rows of a case, oldest first.
func Messages(ctx context.Context, q db.Querier, caseID int64) ([]Message, error) {
	rs, err := q.Query(ctx, `SELECT id, case_id, case_code, kind, recipient, message_id, state, created_at,
		next_attempt_at, attempts, last_error, delivered_at FROM notify_outbox WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("notify: messages of case %d: %w", caseID, err)
	}
	defer rs.Close()
	var out []Message
	for rs.Next() {
		var m Message
		var delivered sql.NullTime
		if err := rs.Scan(&m.ID, &m.CaseID, &m.CaseCode, &m.Kind, &m.Recipient, &m.MessageID, &m.State,
			&m.CreatedAt, &m.NextAttempt, &m.Attempts, &m.LastError, &delivered); err != nil {
			return nil, fmt.Errorf("notify: messages of case %d: %w", caseID, err)
		}
		m.CreatedAt, m.NextAttempt = m.CreatedAt.UTC(), m.NextAttempt.UTC()
		if delivered.Valid {
			m.DeliveredAt = delivered.Time.UTC()
		}
		out = append(out, m)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("notify: messages of case %d: %w", caseID, err)
	}
	return out, nil
}
