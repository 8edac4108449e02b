package channels

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Token is an OAuth access token with the refresh token issued with it.
type Token struct {
	Access  string
	Refresh string
	// ExpiresAt is when Access stops working (Zalo: about 25 hours after
	// it is issued).
	ExpiresAt time.Time
}

// Refresher spends a refresh token for a new Token; the platform package's
// Zalo OAuth client is one. A refresh token works once: the new Token
// carries the next one.
type Refresher interface {
	Refresh(ctx context.Context, refreshToken string) (Token, error)
}

// The timing of token refreshes.
const (
	// refreshEarly refreshes a token this long before it expires, so that
	// a send rarely meets an expired token.
	refreshEarly = 10 * time.Minute
	// seedLifetime is the lifetime assumed for an access token given in the
	// configuration, whose issue time is unknown: short, so it is refreshed
	// soon rather than trusted for a day.
	seedLifetime = time.Hour
	// leaseFor bounds how long a replica may hold the right to refresh; it
	// outlasts the refresh call's HTTP timeout, so a lease never expires
	// while its owner still waits for Zalo.
	leaseFor = 45 * time.Second
	// leasePoll is how often a replica waiting for another's refresh looks
	// at the row again.
	leasePoll = 100 * time.Millisecond
)

// epoch is "never" in the NOT NULL time columns.
var epoch = time.Unix(0, 0).UTC()

// TokenStore keeps a platform account's tokens in the database, shared by
// every replica, and refreshes them once at a time: within a process a
// mutex makes concurrent callers wait for one refresh, and across replicas
// the right to refresh is a lease taken by a compare-and-swap on the row,
// so two replicas never spend the same refresh token (the second would be
// refused, and the account left without a valid one).
type TokenStore struct {
	db        *db.DB
	name      string
	refresher Refresher
	owner     string
	now       func() time.Time

	mu sync.Mutex // one refresh at a time in this process
}

// NewTokenStore returns the store of the tokens named name (one row of
// channel_tokens: "zalo:" and the app id), refreshed by r.
func NewTokenStore(d *db.DB, name string, r Refresher) *TokenStore {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return &TokenStore{db: d, name: name, refresher: r, owner: hex.EncodeToString(b[:]), now: time.Now}
}

// tokenRow is the stored state.
type tokenRow struct {
	access, refresh string
	expiresAt       time.Time
	leaseOwner      string
	leaseUntil      time.Time
}

// Seed stores the tokens given in the configuration the first time, and
// whenever they differ from those given last (an operator who authorised
// the OA again); otherwise the stored tokens, refreshed since, stay. The
// access token may be empty: the first use then refreshes.
func (s *TokenStore) Seed(ctx context.Context, access, refresh string) error {
	if refresh == "" {
		return fmt.Errorf("channels: seed tokens %s: no refresh token", s.name)
	}
	sum := sha256.Sum256([]byte(access + "\x00" + refresh))
	now := s.now().UTC().Truncate(time.Microsecond)
	expires := epoch
	if access != "" {
		expires = now.Add(seedLifetime)
	}
	_, err := s.db.Exec(ctx, `INSERT INTO channel_tokens
		(name, access_token, refresh_token, expires_at, seed, lease_owner, lease_until, refreshes, updated_at)
		VALUES (?, ?, ?, ?, ?, '', ?, 0, ?)
		ON CONFLICT (name) DO UPDATE SET access_token = excluded.access_token,
			refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,
			seed = excluded.seed, updated_at = excluded.updated_at
		WHERE channel_tokens.seed <> excluded.seed`,
		s.name, access, refresh, expires, hex.EncodeToString(sum[:]), epoch, now)
	if err != nil {
		return fmt.Errorf("channels: seed tokens %s: %w", s.name, err)
	}
	return nil
}

// load reads the row; a missing row (never seeded) is an error.
func (s *TokenStore) load(ctx context.Context) (tokenRow, error) {
	var t tokenRow
	err := s.db.QueryRow(ctx, `SELECT access_token, refresh_token, expires_at, lease_owner, lease_until
		FROM channel_tokens WHERE name = ?`, s.name).
		Scan(&t.access, &t.refresh, &t.expiresAt, &t.leaseOwner, &t.leaseUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("channels: tokens %s: not configured", s.name)
	}
	if err != nil {
		return t, fmt.Errorf("channels: tokens %s: %w", s.name, err)
	}
	return t, nil
}

// Access returns the current access token, refreshing it first when it is
// missing or about to expire.
func (s *TokenStore) Access(ctx context.Context) (string, error) {
	t, err := s.load(ctx)
	if err != nil {
		return "", err
	}
	if t.access != "" && s.now().Add(refreshEarly).Before(t.expiresAt) {
		return t.access, nil
	}
	return s.Refreshed(ctx, t.access)
}

// Refreshed returns an access token newer than stale, the one the platform
// just refused: the one another caller or replica got meanwhile, or, when
// none did, a new one for which it spends the refresh token itself.
func (s *TokenStore) Refreshed(ctx context.Context, stale string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		t, err := s.load(ctx)
		if err != nil {
			return "", err
		}
		if t.access != stale && t.access != "" {
			return t.access, nil // refreshed by someone else
		}
		now := s.now().UTC().Truncate(time.Microsecond)
		if t.leaseUntil.After(now) {
			// Another replica is refreshing: wait for its result.
			if err := sleep(ctx, leasePoll); err != nil {
				return "", fmt.Errorf("channels: tokens %s: waiting for another replica's refresh: %w", s.name, err)
			}
			continue
		}
		res, err := s.db.Exec(ctx, `UPDATE channel_tokens SET lease_owner = ?, lease_until = ?
			WHERE name = ? AND refresh_token = ? AND lease_until <= ?`,
			s.owner, now.Add(leaseFor), s.name, t.refresh, now)
		if err != nil {
			return "", fmt.Errorf("channels: tokens %s: take lease: %w", s.name, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			continue // another replica took it first; see what it does
		}
		return s.refresh(ctx, t.refresh)
	}
}

// refresh spends refreshToken while holding the lease, and stores the new
// tokens only if the row still holds the token spent.
func (s *TokenStore) refresh(ctx context.Context, refreshToken string) (string, error) {
	tok, err := s.refresher.Refresh(ctx, refreshToken)
	if err != nil {
		// Give the lease back so that the next attempt need not wait for
		// it to run out. A background context: ctx may be what failed.
		_, relErr := s.db.Exec(context.WithoutCancel(ctx), `UPDATE channel_tokens SET lease_owner = '', lease_until = ?
			WHERE name = ? AND lease_owner = ?`, epoch, s.name, s.owner)
		return "", errors.Join(fmt.Errorf("channels: tokens %s: refresh: %w", s.name, err), relErr)
	}
	if tok.Access == "" || tok.Refresh == "" {
		return "", fmt.Errorf("channels: tokens %s: refresh: the response lacks a token", s.name)
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	// The new refresh token exists nowhere else: store it even if ctx ends.
	res, err := s.db.Exec(context.WithoutCancel(ctx), `UPDATE channel_tokens SET access_token = ?, refresh_token = ?,
		expires_at = ?, lease_owner = '', lease_until = ?, refreshes = refreshes + 1, updated_at = ?
		WHERE name = ? AND refresh_token = ?`,
		tok.Access, tok.Refresh, tok.ExpiresAt.UTC().Truncate(time.Microsecond), epoch, now, s.name, refreshToken)
	if err != nil {
		return "", fmt.Errorf("channels: tokens %s: store refreshed tokens: %w", s.name, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		// Only an operator's new seed can have replaced the spent token
		// meanwhile; theirs wins, and ours is still good for this call.
		return tok.Access, nil
	}
	return tok.Access, nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
