package staff

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// Store reads and writes staff accounts, sessions and API tokens. It keeps
// no state of its own beyond configuration, so any number of Stores (one
// per replica) over one database agree.
type Store struct {
	db      *db.DB
	now     func() time.Time
	parents ParentFunc
	known   func(agency string) bool
	params  *argon2id.Params

	// dummyHash is verified against when a username is unknown, so that an
	// unknown user costs as much time as a wrong password.
	dummyOnce sync.Once
	dummyHash string
	dummyErr  error
}

// Option configures a Store.
type Option func(*Store)

// WithClock replaces the clock (tests: lock-out expiry, session expiry).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithParents plugs in the agency hierarchy (units), so that a province
// committee's scope covers its communes. Without it every scope is just its
// own agency, and VN's is everything.
func WithParents(p ParentFunc) Option { return func(s *Store) { s.parents = p } }

// WithKnownAgency plugs in a check that an agency code exists, used when an
// account or token is given an agency. Without it any well-formed code is
// accepted.
func WithKnownAgency(known func(code string) bool) Option {
	return func(s *Store) { s.known = known }
}

// WithHashParams sets the argon2id parameters for new hashes (tests use
// TestHashParams).
func WithHashParams(p *argon2id.Params) Option { return func(s *Store) { s.params = p } }

// NewStore returns a store over d.
func NewStore(d *db.DB, opts ...Option) *Store {
	s := &Store{db: d, now: time.Now, parents: NoParents, params: HashParams}
	for _, o := range opts {
		o(s)
	}
	return s
}

// DB returns the underlying database, for callers that need a transaction.
func (s *Store) DB() *db.DB { return s.db }

// clock returns the current time as stored: UTC, to the microsecond (what
// PostgreSQL keeps), so values read back compare equal to values written.
func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// InScope reports whether agency scope covers target under the plugged-in
// hierarchy (see the package function InScope).
func (s *Store) InScope(scope, target string) bool { return InScope(scope, target, s.parents) }

// Allowed reports whether u may use permission p on an object of agency
// (for a permission that is not about one agency, pass u.Agency). This is
// the check behind every route declaration.
func (s *Store) Allowed(u *User, p Perm, agency string) bool {
	return u != nil && !u.Disabled && u.Role.Can(p) && s.covers(u, agency)
}

// TokenAllows is Token.Allows with the plugged-in hierarchy.
func (s *Store) TokenAllows(t *Token, p Perm, agency string) bool {
	return t != nil && t.Allows(p, agency, s.parents)
}

// covers is the scope rule for people: admins cover everything, everyone
// else their agency's subtree.
func (s *Store) covers(u *User, agency string) bool {
	if u.Role == RoleAdmin {
		return true
	}
	return InScope(u.Agency, agency, s.parents)
}

// authorize returns ErrForbidden unless u may use p on agency.
func (s *Store) authorize(u *User, p Perm, agency string) error {
	if !s.Allowed(u, p, agency) {
		return ErrForbidden
	}
	return nil
}

// Object types written to the audit log by this package.
const (
	AuditUser  = "staff_user"
	AuditToken = "api_token"
)

// record writes an audit entry for a change to an account or token, in tx.
func (s *Store) record(ctx context.Context, q db.Querier, by *User, action, objType string, objID int64,
	agency string, before, after any, note string) error {
	b, err := audit.Snapshot(before)
	if err != nil {
		return err
	}
	a, err := audit.Snapshot(after)
	if err != nil {
		return err
	}
	return audit.Record(ctx, q, audit.Entry{
		At: s.clock(), Actor: by.Actor(), Action: action, ObjectType: objType,
		ObjectID: strconv.FormatInt(objID, 10), Agency: agency, Before: b, After: a, Note: note,
	})
}

// dummy returns a hash of a random password made with the store's
// parameters, computed once.
func (s *Store) dummy() (string, error) {
	s.dummyOnce.Do(func() {
		s.dummyHash, s.dummyErr = hashPassword(GeneratePassword(), s.params)
	})
	if s.dummyErr != nil {
		return "", fmt.Errorf("staff: dummy hash: %w", s.dummyErr)
	}
	return s.dummyHash, nil
}

// execOne runs an UPDATE that must change exactly one row, and returns
// miss when it changed none: the row's version or state moved under us
// (ErrConflict), or a one-time claim was already taken (ErrBadTOTP).
func execOne(ctx context.Context, tx *db.Tx, miss error, query string, args ...any) error {
	res, err := tx.Exec(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return miss
	}
	return nil
}
