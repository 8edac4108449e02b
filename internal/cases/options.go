package cases

import (
	"context"
	"io"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Option configures a Store.
type Option func(*Store)

// WithClock replaces the clock (tests fix the time of events).
func WithClock(now func() time.Time) Option {
	return func(s *Store) {
		if now != nil {
			s.now = func() time.Time { return now().UTC() }
		}
	}
}

// WithRandom replaces crypto/rand as the source of tracking codes. Only
// tests should use it (to force a collision); codes drawn from a
// predictable source are guessable.
func WithRandom(r io.Reader) Option {
	return func(s *Store) {
		if r != nil {
			s.rand = r
		}
	}
}

// Checks look input up in the rest of Loa. cases does not import catalog
// or units, so that the packages change independently; the application
// plugs them in. A nil function skips its check (only the shape of the
// value is checked). An error from a check fails Open with that error; a
// false answer is an InvalidError for the field.
type Checks struct {
	// Service reports whether a published service has this slug.
	Service func(ctx context.Context, slug string) (bool, error)
	// Province reports whether a province with this code is in force.
	Province func(ctx context.Context, code string) (bool, error)
	// Commune reports whether a commune with this code is in force and lies
	// in the province.
	Commune func(ctx context.Context, province, commune string) (bool, error)
	// Agency reports whether an agency with this code exists.
	Agency func(ctx context.Context, code string) (bool, error)
}

// WithChecks plugs in lookups of services, units and agencies, so that
// Open refuses a slug or code that does not exist with a field message.
func WithChecks(c Checks) Option {
	return func(s *Store) { s.checks = c }
}

// WithParents tells the store which agency is above another (a commune
// committee's province committee), for the escalation ladder's "parent
// agency" rung. Without it that rung goes to the national coordinator.
func WithParents(parent func(code string) string) Option {
	return func(s *Store) {
		if parent != nil {
			s.parents = parent
		}
	}
}

// OutboxFunc is called inside the transaction of a case event, after the
// event is written: the "created" event of Open/OpenTx and every
// "state_changed" event of TransitionTx (and so of every action that moves
// a case). c is the case as it stands after the event, contact included.
// It lets another package write rows that must commit or roll back with
// the event (the notifications outbox); an error rolls the change back.
type OutboxFunc func(ctx context.Context, tx *db.Tx, c *Case, e Event) error

// WithOutbox plugs in fn, called in the transaction of every case event
// described at OutboxFunc. Nil leaves the store without one.
func WithOutbox(fn OutboxFunc) Option {
	return func(s *Store) { s.outbox = fn }
}
