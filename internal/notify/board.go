package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db"
)

// Errors of the board. Match them with errors.Is.
var (
	// ErrNotFound: no message with that id.
	ErrNotFound = errors.New("notify: message not found")
	// ErrNotFailed: only a failed message may be sent again; a pending one
	// is retried on its own and a sent or cancelled one is settled.
	ErrNotFailed = errors.New("notify: message has not failed")
	// ErrNoRecipient: the case no longer holds an e-mail address to send to.
	ErrNoRecipient = errors.New("notify: case has no e-mail address")
)

// The audit log's names for a retry by staff.
const (
	AuditObject = "notify_message"
	ActionRetry = "notify.retry"
)

// Board is the back office's view of the outbox: counts by state, the
// recent messages with their recipients masked, and the retry of failed
// messages. It never returns an address in full.
type Board struct {
	db    *db.DB
	cases *cases.Store
	cfg   Config
	now   func() time.Time
}

// NewBoard returns the board over d; cs gives back a failed message's
// recipient from its case when staff retry it, cfg says whether delivery
// is configured.
func NewBoard(d *db.DB, cs *cases.Store, cfg Config) *Board {
	return &Board{db: d, cases: cs, cfg: cfg, now: func() time.Time { return time.Now().UTC() }}
}

// SetClock replaces the clock.
func (b *Board) SetClock(now func() time.Time) { b.now = func() time.Time { return now().UTC() } }

// MailEnabled reports whether SMTP is configured; without it every message
// waits, pending.
func (b *Board) MailEnabled() bool { return b.cfg.Enabled() }

// Counts are the outbox's messages by state. Due counts the pending ones
// whose time has come, so a growing number says delivery is stuck.
type Counts struct {
	Pending, Due, Sent, Failed, Cancelled int
}

// Counts counts the messages by state.
func (b *Board) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	rs, err := b.db.Query(ctx, "SELECT state, COUNT(*) FROM notify_outbox GROUP BY state")
	if err != nil {
		return c, fmt.Errorf("notify: count messages: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var state string
		var n int
		if err := rs.Scan(&state, &n); err != nil {
			return c, fmt.Errorf("notify: count messages: %w", err)
		}
		switch state {
		case StatePending:
			c.Pending = n
		case StateSent:
			c.Sent = n
		case StateFailed:
			c.Failed = n
		case StateCancelled:
			c.Cancelled = n
		}
	}
	if err := rs.Err(); err != nil {
		return c, fmt.Errorf("notify: count messages: %w", err)
	}
	if err := b.db.QueryRow(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE state = ? AND next_attempt_at <= ?",
		StatePending, b.now()).Scan(&c.Due); err != nil {
		return c, fmt.Errorf("notify: count due messages: %w", err)
	}
	return c, nil
}

// Row is one outbox message as the back office sees it. Recipient is
// masked ("an***@example.vn") while the message is pending and empty once
// it is settled, when the address is erased.
type Row struct {
	ID          int64
	CaseCode    string
	Kind        Kind
	State       string
	Recipient   string
	CreatedAt   time.Time
	NextAttempt time.Time
	Attempts    int
	LastError   string
	DeliveredAt time.Time
}

// Paging limits of Recent.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Filter selects the rows of Recent. A zero field does not filter.
type Filter struct {
	State string
	// WithError keeps the messages with an error recorded.
	WithError bool
	// Limit is DefaultLimit when 0, at most MaxLimit.
	Limit int
}

const rowCols = `id, case_code, kind, state, recipient, created_at, next_attempt_at, attempts, last_error, delivered_at`

// Recent returns the newest messages first.
func (b *Board) Recent(ctx context.Context, f Filter) ([]Row, error) {
	q, args := "SELECT "+rowCols+" FROM notify_outbox WHERE 1 = 1", []any{}
	if f.State != "" {
		q += " AND state = ?"
		args = append(args, f.State)
	}
	if f.WithError {
		q += " AND last_error <> ''"
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, min(limit, MaxLimit))
	rs, err := b.db.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("notify: recent messages: %w", err)
	}
	defer rs.Close()
	var out []Row
	for rs.Next() {
		var r Row
		var delivered sql.NullTime
		if err := rs.Scan(&r.ID, &r.CaseCode, &r.Kind, &r.State, &r.Recipient, &r.CreatedAt, &r.NextAttempt,
			&r.Attempts, &r.LastError, &delivered); err != nil {
			return nil, fmt.Errorf("notify: recent messages: %w", err)
		}
		// The address leaves this package masked, whatever the state: a
		// settled row's is erased already, a pending one's is still needed
		// for sending but not for reading.
		r.Recipient = cases.MaskEmail(r.Recipient)
		r.CreatedAt, r.NextAttempt = r.CreatedAt.UTC(), r.NextAttempt.UTC()
		if delivered.Valid {
			r.DeliveredAt = delivered.Time.UTC()
		}
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("notify: recent messages: %w", err)
	}
	return out, nil
}

// LastError returns the newest message with an error recorded (a
// pending one waiting to be tried again, or a failed one), and false when
// no message has one. Errors are stored without addresses (see clip).
func (b *Board) LastError(ctx context.Context) (Row, bool, error) {
	rows, err := b.Recent(ctx, Filter{WithError: true, Limit: 1})
	if err != nil || len(rows) == 0 {
		return Row{}, false, err
	}
	return rows[0], true, nil
}

// retrySnapshot is what the audit log keeps of a retried message: never
// its recipient.
type retrySnapshot struct {
	CaseCode  string `json:"case_code"`
	Kind      Kind   `json:"kind"`
	State     string `json:"state"`
	Attempts  int    `json:"attempts"`
	LastError string `json:"last_error,omitempty"`
}

// Retry puts a failed message back in the queue, due now, addressed to
// the e-mail address its case holds now (the row's own was erased when it
// failed, and staff may have corrected the case's since). The change and
// its audit entry commit together. The next delivery sweep sends it, with
// its original Message-ID; a reminder is checked again as usual.
func (b *Board) Retry(ctx context.Context, actor audit.Actor, id int64) error {
	var caseID int64
	var before retrySnapshot
	err := b.db.QueryRow(ctx, "SELECT case_id, case_code, kind, state, attempts, last_error FROM notify_outbox WHERE id = ?", id).
		Scan(&caseID, &before.CaseCode, &before.Kind, &before.State, &before.Attempts, &before.LastError)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("notify: retry message %d: %w", id, err)
	}
	if before.State != StateFailed {
		return ErrNotFailed
	}
	c, err := b.cases.ByID(ctx, caseID)
	if errors.Is(err, cases.ErrNotFound) {
		return ErrNoRecipient
	}
	if err != nil {
		return fmt.Errorf("notify: retry message %d: %w", id, err)
	}
	if c.Contact.Email == "" {
		return ErrNoRecipient
	}
	now := b.now()
	return b.db.InTx(ctx, func(tx *db.Tx) error {
		// Only a row still failed is taken: two people pressing the
		// button at once put it back once.
		res, err := tx.Exec(ctx, `UPDATE notify_outbox SET state = ?, recipient = ?, next_attempt_at = ?, claimed_until = NULL
			WHERE id = ? AND state = ?`, StatePending, c.Contact.Email, now, id, StateFailed)
		if err != nil {
			return fmt.Errorf("notify: retry message %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("notify: retry message %d: %w", id, err)
		} else if n == 0 {
			return ErrNotFailed
		}
		after := before
		after.State = StatePending
		bs, err := audit.Snapshot(before)
		if err != nil {
			return err
		}
		as, err := audit.Snapshot(after)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, Actor: actor, Action: ActionRetry, ObjectType: AuditObject,
			ObjectID: strconv.FormatInt(id, 10), Agency: c.Agency, Before: bs, After: as, Note: before.CaseCode})
	})
}
