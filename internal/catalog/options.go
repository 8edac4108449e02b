package catalog

import (
	"context"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/staff"
)

// Option configures a Store.
type Option func(*Store)

// WithClock replaces the clock (tests move time to check scheduled
// publication).
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = func() time.Time { return now().UTC() } }
}

// WithParents plugs in the agency hierarchy (units), so that a province's
// staff may work on its communes' notes. It is the same function given to
// staff.WithParents; catalog does not import units.
func WithParents(p staff.ParentFunc) Option {
	return func(s *Store) {
		if p != nil {
			s.parents = p
		}
	}
}

// WithLocalScopes replaces the test of which agencies may own a local note
// and at which level: level returns LevelProvince for a province committee,
// LevelCommune for a commune committee, and false for anything else. The
// default, committeeLevel, goes by the code alone; the application may plug
// in units to refuse codes of committees that do not exist.
func WithLocalScopes(level func(agency string) (Level, bool)) Option {
	return func(s *Store) {
		if level != nil {
			s.localLevel = level
		}
	}
}

// WithScheduleHook runs fn inside the transaction that schedules a
// publication (Approve with a future time), so that a background job can be
// enqueued atomically with it: if fn fails, nothing is scheduled. The job
// should call PublishDue at rev.PublishAt; PublishDue is idempotent, so an
// extra or early call does no harm.
func WithScheduleHook(fn func(ctx context.Context, tx *db.Tx, rev *Revision) error) Option {
	return func(s *Store) { s.onSchedule = fn }
}

// committeeLevel recognises people's committees by their agency code as
// package units builds it: "UBND-" followed by the 2-digit province code or
// the 5-digit commune code of the national statistics office.
func committeeLevel(agency string) (Level, bool) {
	const prefix = "UBND-"
	if len(agency) <= len(prefix) || agency[:len(prefix)] != prefix {
		return "", false
	}
	digits := agency[len(prefix):]
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "", false
		}
	}
	switch len(digits) {
	case 2:
		return LevelProvince, true
	case 5:
		return LevelCommune, true
	}
	return "", false
}
