package ratings

import (
	"context"
	"crypto/rand"
	"io"
	"sync"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Service is what ratings needs to know about a service of the catalogue.
type Service struct {
	// Code is the national procedure code, what ratings store.
	Code string
	// Slug is the service's name in URLs.
	Slug string
	// Agencies are the codes of the responsible agencies; a rating that
	// names no agency is counted under the only one, when there is one.
	Agencies []string
}

// Lookup finds a published service by slug or national code. ratings does
// not import catalog, so that the two change independently; the
// application plugs the live catalogue in (WithLookups).
type Lookup struct {
	// Service returns the service with this slug or code, and false when
	// there is none.
	Service func(ctx context.Context, slugOrCode string) (Service, bool, error)
	// Agency reports whether an agency with this code exists.
	Agency func(ctx context.Context, code string) (bool, error)
}

// Store reads and writes ratings, rating links and idempotency keys. It
// keeps no state that matters, so every replica may have its own.
type Store struct {
	db     *db.DB
	now    func() time.Time
	rand   io.Reader
	lookup Lookup

	// queue feeds the committers of batch.go, started on first use.
	startOnce sync.Once
	queue     chan *write
}

// Option configures a Store.
type Option func(*Store)

// WithClock replaces the clock (tests fix the month of a rating).
func WithClock(now func() time.Time) Option {
	return func(s *Store) {
		if now != nil {
			s.now = func() time.Time { return now().UTC() }
		}
	}
}

// WithRandom replaces crypto/rand as the source of link codes. Only tests
// should use it: codes from a predictable source are guessable.
func WithRandom(r io.Reader) Option {
	return func(s *Store) {
		if r != nil {
			s.rand = r
		}
	}
}

// WithLookups plugs in the catalogue and the agencies. Without a Service
// lookup every submission is refused: a rating must name a real service.
func WithLookups(l Lookup) Option { return func(s *Store) { s.lookup = l } }

// NewStore returns a store over d.
func NewStore(d *db.DB, opts ...Option) *Store {
	s := &Store{db: d, now: func() time.Time { return time.Now().UTC() }, rand: rand.Reader}
	for _, o := range opts {
		o(s)
	}
	return s
}

// vietnam is Asia/Ho_Chi_Minh: UTC+7 without daylight saving since 1975,
// so a fixed zone is exact and needs no tzdata.
var vietnam = time.FixedZone("ICT", 7*60*60)

// monthOf is the month a rating given at t counts under: Vietnam's month,
// not UTC's, so a rating at 06:00 on the 1st is in the new month.
func monthOf(t time.Time) string { return t.In(vietnam).Format("2006-01") }
