package staff

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Session lifetimes. A session ends after SessionIdle without a request or
// SessionMaxAge after login, whichever comes first; last_seen_at is written
// at most every sessionTouch, so browsing does not mean a write per request.
const (
	SessionIdle   = 12 * time.Hour
	SessionMaxAge = 7 * 24 * time.Hour
	sessionTouch  = time.Minute
)

// hashToken is how session and API tokens are stored: SHA-256, hex. The
// tokens are 256 random bits, so a fast hash is enough (no salt, no argon2):
// what matters is that a leaked table holds nothing usable.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// randomToken returns 32 random bytes, base64url-encoded.
func randomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// NewSession starts a session for userID and returns its token, for the
// cookie. Tokens are made only here, never taken from the client, so a
// token planted before login is worthless after it. Call it after every
// successful Authenticate and after ChangePassword.
func (s *Store) NewSession(ctx context.Context, userID int64) (string, error) {
	u, err := s.GetUser(ctx, userID)
	if err != nil {
		return "", err
	}
	if u.Disabled {
		return "", ErrDisabled
	}
	token := randomToken()
	now := s.clock()
	if _, err := s.db.Exec(ctx, `INSERT INTO staff_sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?)`, hashToken(token), userID, now, now, now.Add(SessionMaxAge)); err != nil {
		return "", fmt.Errorf("staff: new session for user %d: %w", userID, err)
	}
	return token, nil
}

// SessionUser returns the account of a live session, extending its idle
// timeout, or ErrNoSession when the token is unknown, expired or ended, or
// the account has been disabled since.
func (s *Store) SessionUser(ctx context.Context, token string) (*User, error) {
	if token == "" {
		return nil, ErrNoSession
	}
	id := hashToken(token)
	var lastSeen, expires time.Time
	var userID int64
	err := s.db.QueryRow(ctx, "SELECT user_id, last_seen_at, expires_at FROM staff_sessions WHERE id_hash = ?", id).
		Scan(&userID, &lastSeen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("staff: session: %w", err)
	}
	now := s.clock()
	if !now.Before(expires) || !now.Before(lastSeen.Add(SessionIdle)) {
		if _, err := s.db.Exec(ctx, "DELETE FROM staff_sessions WHERE id_hash = ?", id); err != nil {
			return nil, fmt.Errorf("staff: end expired session: %w", err)
		}
		return nil, ErrNoSession
	}
	u, err := s.GetUser(ctx, userID)
	if errors.Is(err, ErrNotFound) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, ErrNoSession
	}
	if now.Sub(lastSeen) >= sessionTouch {
		if _, err := s.db.Exec(ctx, "UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?", now, id); err != nil {
			return nil, fmt.Errorf("staff: touch session: %w", err)
		}
	}
	return u, nil
}

// EndSession ends one session (logout). Ending an unknown session is not
// an error.
func (s *Store) EndSession(ctx context.Context, token string) error {
	if _, err := s.db.Exec(ctx, "DELETE FROM staff_sessions WHERE id_hash = ?", hashToken(token)); err != nil {
		return fmt.Errorf("staff: end session: %w", err)
	}
	return nil
}

// EndAllSessions logs userID out everywhere. Password changes, resets and
// disabling an account do it themselves, in their transaction.
func (s *Store) EndAllSessions(ctx context.Context, userID int64) error {
	return endAllSessions(ctx, s.db, userID)
}

func endAllSessions(ctx context.Context, q db.Querier, userID int64) error {
	if _, err := q.Exec(ctx, "DELETE FROM staff_sessions WHERE user_id = ?", userID); err != nil {
		return fmt.Errorf("staff: end sessions of user %d: %w", userID, err)
	}
	return nil
}

// PurgeSessions deletes expired sessions and returns how many; a periodic
// job calls it. Expired sessions are refused whether purged or not.
func (s *Store) PurgeSessions(ctx context.Context) (int64, error) {
	now := s.clock()
	res, err := s.db.Exec(ctx, "DELETE FROM staff_sessions WHERE expires_at <= ? OR last_seen_at <= ?",
		now, now.Add(-SessionIdle))
	if err != nil {
		return 0, fmt.Errorf("staff: purge sessions: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("staff: purge sessions: %w", err)
	}
	return n, nil
}
