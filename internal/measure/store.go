package measure

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Store owns the measuring tables.
type Store struct {
	db    *db.DB
	dir   atomic.Pointer[Directory]
	procs Procedures
	clock func() time.Time
}

// Option configures a Store.
type Option func(*Store)

// WithProcedures plugs in the catalogue lookup (default: none known).
func WithProcedures(p Procedures) Option { return func(s *Store) { s.procs = p } }

// WithDirectory sets the units directory (see also SetDirectory).
func WithDirectory(d *Directory) Option { return func(s *Store) { s.dir.Store(d) } }

// WithClock replaces the clock, for tests.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.clock = now } }

// NewStore returns a store over d. Until a directory is set, every unit is
// unknown and every event is rejected.
func NewStore(d *db.DB, opts ...Option) *Store {
	s := &Store{db: d, procs: NoProcedures, clock: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.dir.Load() == nil {
		s.dir.Store(NewDirectory(nil))
	}
	return s
}

// SetDirectory replaces the units directory (after the units are seeded).
func (s *Store) SetDirectory(d *Directory) { s.dir.Store(d) }

// Directory returns the units directory in use.
func (s *Store) Directory() *Directory { return s.dir.Load() }

// Procedure looks a procedure up in the catalogue.
func (s *Store) Procedure(codeOrSlug string) (Procedure, bool) { return s.procs(codeOrSlug) }

// HasData reports whether anything was measured yet: a monthly rollup row
// exists.
func (s *Store) HasData(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM measure_monthly LIMIT 1) x").Scan(&n); err != nil {
		return false, fmt.Errorf("measure: has data: %w", err)
	}
	return n > 0, nil
}
