package staff

import (
	"context"
	"fmt"

	"github.com/alexedwards/argon2id"

	"github.com/loa-vn/loa/internal/db"
)

// ChangePassword sets a new password for userID after checking the old one
// (ErrBadCredentials when wrong), clears MustChangePassword and ends every
// session of the user, the current one included: the caller starts a new
// one with NewSession, so a session stolen before the change dies with it.
func (s *Store) ChangePassword(ctx context.Context, userID int64, oldPassword, newPassword string) error {
	a, err := loadAccount(ctx, s.db, "id", userID)
	if err != nil {
		return err
	}
	oldPassword, newPassword = normalizePassword(oldPassword), normalizePassword(newPassword)
	ok, err := argon2id.ComparePasswordAndHash(oldPassword, a.hash)
	if err != nil {
		return fmt.Errorf("staff: change password of %s: %w", a.Username, err)
	}
	if !ok {
		return ErrBadCredentials
	}
	if err := checkPassword(newPassword); err != nil {
		return err
	}
	if newPassword == oldPassword {
		return ErrPasswordReused
	}
	return s.setPassword(ctx, &a.User, a, newPassword, false, "user.password_change")
}

// ResetPassword gives userID a new random password, returned to show once
// to by, who needs the right to manage the account. The user must change
// it at the next login; the lock-out is lifted and every session ended.
func (s *Store) ResetPassword(ctx context.Context, by *User, userID int64) (string, error) {
	a, err := loadAccount(ctx, s.db, "id", userID)
	if err != nil {
		return "", err
	}
	if err := s.authorizeManage(by, &a.User); err != nil {
		return "", err
	}
	password := GeneratePassword()
	if err := s.setPassword(ctx, by, a, password, true, "user.password_reset"); err != nil {
		return "", err
	}
	return password, nil
}

// setPassword stores a new hash for a, with the audit entry, as one change.
func (s *Store) setPassword(ctx context.Context, by *User, a *account, password string, mustChange bool, action string) error {
	hash, err := hashPassword(password, s.params)
	if err != nil {
		return err
	}
	next := a.User
	next.MustChangePassword = mustChange
	next.LockedUntil = a.LockedUntil
	next.UpdatedAt = s.clock()
	next.Version = a.Version + 1
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := execOne(ctx, tx, ErrConflict, `UPDATE staff_users SET password_hash = ?, must_change_password = ?,
			failed_logins = CASE WHEN ? THEN 0 ELSE failed_logins END,
			locked_until = CASE WHEN ? THEN NULL ELSE locked_until END,
			updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			hash, mustChange, mustChange, mustChange, next.UpdatedAt, a.ID, a.Version); err != nil {
			return err
		}
		if err := endAllSessions(ctx, tx, a.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, by, action, AuditUser, a.ID, a.Agency, a.snapshot(), next.snapshot(), "")
	})
	if err != nil {
		if isStaffError(err) {
			return err
		}
		return fmt.Errorf("staff: %s %s: %w", action, a.Username, err)
	}
	return nil
}

// EnableTOTP turns on the second factor for userID with secret (from
// NewTOTPSecret, shown to the user as ProvisioningURI), once the user
// proves their app has it by giving a current code (else ErrBadTOTP). Only
// the user may enable it for themselves.
func (s *Store) EnableTOTP(ctx context.Context, by *User, userID int64, secret, code string) error {
	if by == nil || by.ID != userID || by.Disabled {
		return ErrForbidden
	}
	key, err := decodeTOTPSecret(secret)
	if err != nil {
		return err
	}
	a, err := loadAccount(ctx, s.db, "id", userID)
	if err != nil {
		return err
	}
	step, ok := checkTOTP(key, code, s.clock(), 0)
	if !ok {
		return ErrBadTOTP
	}
	return s.setTOTP(ctx, by, a, b32.EncodeToString(key), step, "user.totp_enable")
}

// DisableTOTP turns off the second factor for userID: the user themselves,
// or someone who may manage the account (a lost phone).
func (s *Store) DisableTOTP(ctx context.Context, by *User, userID int64) error {
	a, err := loadAccount(ctx, s.db, "id", userID)
	if err != nil {
		return err
	}
	if by == nil || by.Disabled || by.ID != userID {
		if err := s.authorizeManage(by, &a.User); err != nil {
			return err
		}
	}
	if !a.TOTPEnabled {
		return nil
	}
	return s.setTOTP(ctx, by, a, "", 0, "user.totp_disable")
}

// setTOTP stores or (secret "") clears the TOTP secret, audited.
func (s *Store) setTOTP(ctx context.Context, by *User, a *account, secret string, step int64, action string) error {
	next := a.User
	next.TOTPEnabled = secret != ""
	next.UpdatedAt = s.clock()
	next.Version = a.Version + 1
	var stored any
	if secret != "" {
		stored = secret
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := execOne(ctx, tx, ErrConflict, `UPDATE staff_users SET totp_secret = ?, totp_last_step = ?, updated_at = ?,
			version = version + 1 WHERE id = ? AND version = ?`, stored, step, next.UpdatedAt, a.ID, a.Version); err != nil {
			return err
		}
		return s.record(ctx, tx, by, action, AuditUser, a.ID, a.Agency, a.snapshot(), next.snapshot(), "")
	})
	if err != nil {
		if isStaffError(err) {
			return err
		}
		return fmt.Errorf("staff: %s %s: %w", action, a.Username, err)
	}
	return nil
}
