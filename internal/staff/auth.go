package staff

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/loa-vn/loa/internal/db"
)

// Login throttling: after MaxFailedLogins consecutive failures (wrong
// password or wrong one-time code) the account is locked for LockDuration.
// The counter and the lock are columns of staff_users, so they hold across
// replicas and restarts. Per-address rate limits belong to the web layer.
const (
	MaxFailedLogins = 5
	LockDuration    = 15 * time.Minute
)

// Authenticate checks a username, password and (for accounts with a second
// factor) one-time code, and returns the account. Errors:
//
//   - ErrBadCredentials for an unknown user or a wrong password — the same
//     error, and about the same time, since an unknown user is checked
//     against a dummy hash;
//   - *LockedError while the account is locked, and for the failure that
//     locks it;
//   - ErrDisabled for a right password on a disabled account;
//   - ErrTOTPRequired when the password is right but totpCode is empty;
//   - ErrBadTOTP for a wrong, expired or already-used code.
//
// Success resets the failure count, upgrades the password hash if
// HashParams changed, and is recorded in the audit log as "user.login".
// It does not create a session: call NewSession, which always makes a new
// token (no session fixation).
func (s *Store) Authenticate(ctx context.Context, username, password, totpCode string) (*User, error) {
	now := s.clock()
	password = normalizePassword(password)
	name, nameErr := NormalizeUsername(username)
	var a *account
	err := nameErr
	if err == nil {
		a, err = loadAccount(ctx, s.db, "username", name)
	}
	if err != nil {
		if nameErr == nil && !errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("staff: authenticate: %w", err)
		}
		dummy, derr := s.dummy()
		if derr != nil {
			return nil, derr
		}
		_, _ = argon2id.ComparePasswordAndHash(password, dummy)
		return nil, ErrBadCredentials
	}
	if a.LockedUntil.After(now) {
		return nil, &LockedError{Until: a.LockedUntil}
	}
	ok, params, err := argon2id.CheckHash(password, a.hash)
	if err != nil {
		return nil, fmt.Errorf("staff: authenticate %s: %w", name, err)
	}
	if !ok {
		return nil, s.failLogin(ctx, a, now, ErrBadCredentials)
	}
	if a.Disabled {
		return nil, ErrDisabled
	}
	var step int64
	if a.TOTPEnabled {
		if totpCode == "" {
			return nil, ErrTOTPRequired
		}
		key, err := decodeTOTPSecret(a.totpSecret)
		if err != nil {
			return nil, fmt.Errorf("staff: authenticate %s: stored TOTP secret: %w", name, err)
		}
		var good bool
		if step, good = checkTOTP(key, totpCode, now, a.totpLastStep); !good {
			return nil, s.failLogin(ctx, a, now, ErrBadTOTP)
		}
	}
	newHash := ""
	if *params != *s.params {
		if newHash, err = hashPassword(password, s.params); err != nil {
			return nil, err
		}
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if a.TOTPEnabled {
			// Claim the step; a concurrent login with the same code loses.
			if err := execOne(ctx, tx, ErrBadTOTP, "UPDATE staff_users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
				step, a.ID, step); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE staff_users SET failed_logins = 0, locked_until = NULL WHERE id = ?", a.ID); err != nil {
			return err
		}
		if newHash != "" {
			if _, err := tx.Exec(ctx, "UPDATE staff_users SET password_hash = ? WHERE id = ?", newHash, a.ID); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, &a.User, "user.login", AuditUser, a.ID, a.Agency, nil, nil, "")
	})
	if err != nil {
		if isStaffError(err) {
			return nil, err
		}
		return nil, fmt.Errorf("staff: authenticate %s: %w", name, err)
	}
	u := a.User
	u.LockedUntil = time.Time{}
	return &u, nil
}

// failLogin counts a failure and locks the account at the limit. It
// returns the error to give the caller: fail, or *LockedError when this
// failure locked the account.
func (s *Store) failLogin(ctx context.Context, a *account, now time.Time, fail error) error {
	var locked *LockedError
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		// One statement, so concurrent failures on several replicas all count.
		var n int
		if err := tx.QueryRow(ctx, "UPDATE staff_users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins",
			a.ID).Scan(&n); err != nil {
			return err
		}
		if n < MaxFailedLogins {
			return nil
		}
		until := now.Add(LockDuration)
		if _, err := tx.Exec(ctx, "UPDATE staff_users SET failed_logins = 0, locked_until = ? WHERE id = ?", until, a.ID); err != nil {
			return err
		}
		locked = &LockedError{Until: until}
		return s.record(ctx, tx, nil, "user.lock", AuditUser, a.ID, a.Agency, nil,
			map[string]any{"locked_until": until}, fmt.Sprintf("%d lần đăng nhập sai liên tiếp", MaxFailedLogins))
	})
	if err != nil {
		return fmt.Errorf("staff: authenticate %s: count failure: %w", a.Username, err)
	}
	if locked != nil {
		return locked
	}
	return fail
}
