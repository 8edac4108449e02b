package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/db"
)

// MaxNote is the longest note on an event, in characters.
const MaxNote = 4000

// Change moves a case to another state.
type Change struct {
	To State
	// By is the actor: StaffActor(id), ActorCitizen (reopening) or
	// ActorSystem (a job).
	By string
	// Note says why; it is shown with the event where Visibility allows.
	Note string
	// Visibility of the event; Public shows the move on the status page.
	Visibility Visibility
}

// Transition applies ch to the case with id in its own transaction; see
// TransitionTx.
func (s *Store) Transition(ctx context.Context, id int64, ch Change) (*Case, error) {
	var c *Case
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		c, err = s.TransitionTx(ctx, tx, id, ch)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// TransitionTx moves the case with id to ch.To inside tx, if the
// transition table allows it from the case's current state
// (ErrBadTransition otherwise), and appends a "state_changed" event in the
// same transaction. A concurrent move of the same case makes one of the two
// fail with ErrConflict rather than both succeed. It checks only the
// table: the rules that need more (who may, the reopen window, routing)
// are the caller's.
func (s *Store) TransitionTx(ctx context.Context, tx *db.Tx, id int64, ch Change) (*Case, error) {
	if !ch.To.Valid() {
		return nil, fmt.Errorf("cases: transition case %d: unknown state %q", id, ch.To)
	}
	if !ch.Visibility.Valid() {
		return nil, fmt.Errorf("cases: transition case %d: visibility %q", id, ch.Visibility)
	}
	if !actorPattern.MatchString(ch.By) {
		return nil, fmt.Errorf("cases: transition case %d: actor %q", id, ch.By)
	}
	ch.Note = cleanText(ch.Note)
	if utf8.RuneCountInString(ch.Note) > MaxNote {
		return nil, &InvalidError{Fields: []FieldError{{Field: "note", Message: "Ghi chú không được dài quá 4.000 ký tự."}}}
	}
	c, err := scanCase(tx.QueryRow(ctx, selectCase+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("cases: transition case %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("cases: transition case %d: %w", id, err)
	}
	from := c.State
	if !CanTransition(from, ch.To) {
		return nil, fmt.Errorf("cases: transition %s from %s to %s: %w", c.Code, from, ch.To, ErrBadTransition)
	}
	now := s.now().Truncate(time.Microsecond)
	// The state in the WHERE clause is the optimistic lock: on PostgreSQL a
	// concurrent transaction that moved the case first leaves no row here.
	res, err := tx.Exec(ctx, "UPDATE cases SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
		ch.To, now, id, from)
	if err != nil {
		return nil, fmt.Errorf("cases: transition %s: %w", c.Code, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, fmt.Errorf("cases: transition %s: %w", c.Code, err)
	} else if n != 1 {
		return nil, fmt.Errorf("cases: transition %s: %w", c.Code, ErrConflict)
	}
	moved := &Event{CaseID: id, At: now, Actor: ch.By, Kind: EventStateChanged,
		FromState: from, ToState: ch.To, Note: ch.Note, Visibility: ch.Visibility}
	if err := addEvent(ctx, tx, moved); err != nil {
		return nil, fmt.Errorf("cases: transition %s: %w", c.Code, err)
	}
	c.State, c.UpdatedAt = ch.To, now
	if err := s.callOutbox(ctx, tx, c, *moved); err != nil {
		return nil, fmt.Errorf("cases: transition %s: %w", c.Code, err)
	}
	return c, nil
}
