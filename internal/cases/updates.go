package cases

import (
	"context"
	"fmt"
	"time"
)

// PublicUpdate is one public move of a case, as an outside system
// following cases sees it (the Open311 service request updates): no actor,
// no contact, the note redacted like the status page's.
type PublicUpdate struct {
	// EventID identifies the update; it only grows.
	EventID int64
	// Code is the case's tracking code.
	Code string
	// State is the state the case moved to (StateReceived for its opening).
	State State
	At    time.Time
	// Note is the event's public note, passed through Redact.
	Note string
}

// MaxUpdates bounds one PublicUpdates call.
const MaxUpdates = 1000

// PublicUpdates returns the public events that opened or moved a case
// between from and to (inclusive; zero: no bound), oldest first, at most
// limit of them (MaxUpdates when limit is 0 or more).
func (s *Store) PublicUpdates(ctx context.Context, from, to time.Time, limit int) ([]PublicUpdate, error) {
	if limit <= 0 || limit > MaxUpdates {
		limit = MaxUpdates
	}
	q := `SELECT e.id, c.code, e.to_state, e.at, e.note, c.contact_name, c.contact_phone, c.contact_email
		FROM case_events e JOIN cases c ON c.id = e.case_id
		WHERE e.visibility = ? AND e.to_state <> ''`
	args := []any{Public}
	if !from.IsZero() {
		q += " AND e.at >= ?"
		args = append(args, from.UTC())
	}
	if !to.IsZero() {
		q += " AND e.at <= ?"
		args = append(args, to.UTC())
	}
	rows, err := s.db.Query(ctx, q+" ORDER BY e.at, e.id LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("cases: public updates: %w", err)
	}
	defer rows.Close()
	var out []PublicUpdate
	for rows.Next() {
		var u PublicUpdate
		var c Contact
		if err := rows.Scan(&u.EventID, &u.Code, &u.State, &u.At, &u.Note, &c.Name, &c.Phone, &c.Email); err != nil {
			return nil, fmt.Errorf("cases: public updates: %w", err)
		}
		u.At, u.Note = u.At.UTC(), Redact(u.Note, c)
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cases: public updates: %w", err)
	}
	return out, nil
}
