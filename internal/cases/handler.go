package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/units"
	"github.com/loa-vn/loa/internal/vn"
	"github.com/loa-vn/loa/internal/workdays"
)

// Handler is the staff member acting on a case. The web layer has checked
// the permission (case.handle) and the agency scope; the rules left here
// are those about the case itself.
type Handler struct {
	ID int64
	// Name is the username, for the audit log.
	Name   string
	Agency string
	// Override lets the handler publish an answer they wrote themselves
	// (the national coordinator's case.publish_override); it is audited.
	Override bool
}

func (h Handler) actor() string { return StaffActor(h.ID) }

func (h Handler) audit() audit.Actor { return audit.Actor{ID: h.ID, Name: h.Name, Agency: h.Agency} }

// More errors of the listening work.
var (
	// ErrSelfReview: an answer must be published by someone other than its
	// author, unless the publisher holds the override.
	ErrSelfReview = errors.New("cases: an answer is published by someone other than its author")
	// ErrReopenWindow: the citizen may reopen a case only within
	// ReopenWindow of the answer's publication.
	ErrReopenWindow = errors.New("cases: the time to reopen has passed")
	// ErrFeedbackGiven: the citizen has already given a verdict on this
	// answer.
	ErrFeedbackGiven = errors.New("cases: feedback already given")
)

// ReopenWindow is how long after publication the citizen may say the
// answer did not solve the problem and reopen the case.
const ReopenWindow = 30 * 24 * time.Hour

// MaxAnswer is the longest answer, in characters.
const MaxAnswer = 8000

// actCtx is what an action sees: its transaction, the locked case and
// the time.
type actCtx struct {
	s   *Store
	ctx context.Context
	tx  *db.Tx
	c   *Case
	now time.Time
}

// act runs fn on the case with id in one transaction: the case's row is
// locked (PostgreSQL) so that two handlers' actions serialise, fn checks
// and writes, and the deadline columns are recomputed from the new event
// log before commit.
func (s *Store) act(ctx context.Context, id int64, fn func(a *actCtx) error) (*Case, error) {
	cal, err := s.calendar(ctx)
	if err != nil {
		return nil, err
	}
	var out *Case
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		c, err := scanCase(tx.QueryRow(ctx, selectCase+" WHERE id = ?"+tx.ForUpdate(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("cases: case %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("cases: case %d: %w", id, err)
		}
		a := &actCtx{s: s, ctx: ctx, tx: tx, c: c, now: s.now().Truncate(time.Microsecond)}
		if err := fn(a); err != nil {
			return err
		}
		out, err = s.refresh(ctx, tx, cal, id, a.now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// move changes the state, with a state_changed event.
func (a *actCtx) move(to State, by, note string, vis Visibility) error {
	c, err := a.s.TransitionTx(a.ctx, a.tx, a.c.ID, Change{To: to, By: by, Note: note, Visibility: vis})
	if err != nil {
		return err
	}
	a.c.State = c.State
	return nil
}

// event appends an event that does not change the state.
func (a *actCtx) event(kind EventKind, by, note string, vis Visibility) error {
	return addEvent(a.ctx, a.tx, &Event{CaseID: a.c.ID, At: a.now, Actor: by, Kind: kind, Note: cleanText(note), Visibility: vis})
}

// exec runs an UPDATE on the case's row.
func (a *actCtx) exec(set string, args ...any) error {
	args = append(args, a.now, a.c.ID)
	if _, err := a.tx.Exec(a.ctx, "UPDATE cases SET "+set+", updated_at = ? WHERE id = ?", args...); err != nil {
		return fmt.Errorf("cases: update %s: %w", a.c.Code, err)
	}
	return nil
}

// audit records the action in the audit log.
func (a *actCtx) audit(h Handler, action, note string) error {
	after, err := audit.Snapshot(map[string]any{"state": a.c.State, "agency": a.c.Agency, "assignee_id": a.c.AssigneeID})
	if err != nil {
		return err
	}
	return audit.Record(a.ctx, a.tx, audit.Entry{At: a.now, Actor: h.audit(), Action: action,
		ObjectType: "case", ObjectID: a.c.Code, Agency: a.c.Agency, After: after, Note: note})
}

// refresh recomputes the deadline columns of the case from its events and
// returns the case as stored.
func (s *Store) refresh(ctx context.Context, tx *db.Tx, cal *workdays.Calendar, id int64, now time.Time) (*Case, error) {
	c, err := scanCase(tx.QueryRow(ctx, selectCase+" WHERE id = ?", id))
	if err != nil {
		return nil, fmt.Errorf("cases: refresh case %d: %w", id, err)
	}
	events, err := eventsOf(ctx, tx, id, false)
	if err != nil {
		return nil, err
	}
	dls, err := s.deadlines(ctx, tx)
	if err != nil {
		return nil, err
	}
	k := ComputeClock(cal, dls.of(c.Category), c, events, now)
	var due time.Time
	if !k.Stopped && !k.Paused {
		due = k.AnswerDue
	}
	set, args := "due_at = ?", []any{nullable(due)}
	if c.AnsweredAt.IsZero() && k.Round == 1 && !k.AnswerAt.IsZero() {
		// The first answer, for the statistics.
		onTime := 0
		if k.AnsweredOnTime() {
			onTime = 1
		}
		c.AnsweredAt, c.AnswerDays, c.AnsweredOnTime = k.AnswerAt, float64(k.Elapsed)/float64(workdays.Day), onTime == 1
		set += ", answered_at = ?, answer_days = ?, answered_on_time = ?"
		args = append(args, k.AnswerAt, c.AnswerDays, onTime)
	}
	if _, err := tx.Exec(ctx, "UPDATE cases SET "+set+" WHERE id = ?", append(args, id)...); err != nil {
		return nil, fmt.Errorf("cases: refresh %s: %w", c.Code, err)
	}
	c.DueAt = due
	return c, nil
}

// Text limits of the actions' notes, checked as InvalidError.
func needText(field, text string, max int, missing string) error {
	n := len([]rune(text))
	if n == 0 && missing != "" {
		return &InvalidError{Fields: []FieldError{{Field: field, Message: missing}}}
	}
	if n > max {
		return &InvalidError{Fields: []FieldError{{Field: field, Message: "Nội dung không được dài quá " + vn.GroupThousands(int64(max)) + " ký tự."}}}
	}
	return nil
}

// agencyOK checks an agency code typed by a handler.
func (a *actCtx) agencyOK(code string) error {
	if !units.ValidAgencyCode(code) {
		return &InvalidError{Fields: []FieldError{{Field: "agency", Message: "Mã cơ quan không hợp lệ."}}}
	}
	ok, err := check(a.ctx, a.s.checks.Agency, code)
	if err != nil {
		return fmt.Errorf("cases: agency %s: %w", code, err)
	}
	if !ok {
		return &InvalidError{Fields: []FieldError{{Field: "agency", Message: "Không có cơ quan với mã này."}}}
	}
	return nil
}

// badState is ErrBadTransition for an action the case's state does not allow.
func (a *actCtx) badState(action string) error {
	return fmt.Errorf("cases: %s %s in state %s: %w", action, a.c.Code, a.c.State, ErrBadTransition)
}

// idString formats a staff id for notes.
func idString(id int64) string { return strconv.FormatInt(id, 10) }
