package staff

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// User is a staff account as the rest of Loa sees it: never the password
// hash or the TOTP secret.
type User struct {
	ID          int64
	Username    string
	DisplayName string
	Role        Role
	Agency      string
	// TOTPEnabled says the account has a second factor.
	TOTPEnabled bool
	// MustChangePassword is set by a reset or a generated password; the web
	// layer sends such a user to the password page before anything else.
	MustChangePassword bool
	Disabled           bool
	// LockedUntil is when a lock-out after failed logins ends; zero when
	// the account was never locked.
	LockedUntil time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// Version increases with every audited change to the account; pass it
	// back to UpdateUser to detect concurrent edits.
	Version int64
}

// Can reports whether u's role grants p (scope aside; see Store.Allowed).
func (u *User) Can(p Perm) bool { return u != nil && !u.Disabled && u.Role.Can(p) }

// Actor returns u as an audit actor; a nil u is the system.
func (u *User) Actor() audit.Actor {
	if u == nil || u.ID == 0 {
		return audit.System
	}
	return audit.Actor{ID: u.ID, Name: u.Username, Agency: u.Agency}
}

// System returns the actor for the command line and seeding: a national
// admin that exists in no table. The web layer must never use it; it
// always acts as the logged-in user.
func System() *User {
	return &User{Username: audit.System.Name, DisplayName: "Hệ thống", Role: RoleAdmin, Agency: National}
}

// userSnapshot is what the audit log keeps of an account: no hash, no secret.
type userSnapshot struct {
	ID                 int64  `json:"id"`
	Username           string `json:"username"`
	DisplayName        string `json:"display_name"`
	Role               Role   `json:"role"`
	Agency             string `json:"agency"`
	TOTPEnabled        bool   `json:"totp_enabled"`
	MustChangePassword bool   `json:"must_change_password"`
	Disabled           bool   `json:"disabled"`
	Version            int64  `json:"version"`
}

func (u *User) snapshot() *userSnapshot {
	return &userSnapshot{u.ID, u.Username, u.DisplayName, u.Role, u.Agency, u.TOTPEnabled,
		u.MustChangePassword, u.Disabled, u.Version}
}

// account is a User with the columns only this package reads.
type account struct {
	User
	hash         string
	totpSecret   string
	totpLastStep int64
	failed       int
}

const accountColumns = `id, username, display_name, role, agency, password_hash, totp_secret, totp_last_step,
	must_change_password, disabled, failed_logins, locked_until, created_at, updated_at, version`

type scanner interface{ Scan(dest ...any) error }

func scanAccount(r scanner) (*account, error) {
	var a account
	var secret sql.NullString
	var locked sql.NullTime
	if err := r.Scan(&a.ID, &a.Username, &a.DisplayName, &a.Role, &a.Agency, &a.hash, &secret, &a.totpLastStep,
		&a.MustChangePassword, &a.Disabled, &a.failed, &locked, &a.CreatedAt, &a.UpdatedAt, &a.Version); err != nil {
		return nil, err
	}
	a.totpSecret = secret.String
	a.TOTPEnabled = secret.Valid && secret.String != ""
	if locked.Valid {
		a.LockedUntil = locked.Time.UTC()
	}
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

// loadAccount reads one account by id or username through q.
func loadAccount(ctx context.Context, q db.Querier, where string, arg any) (*account, error) {
	a, err := scanAccount(q.QueryRow(ctx, "SELECT "+accountColumns+" FROM staff_users WHERE "+where+" = ?", arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("staff: load account %v: %w", arg, err)
	}
	return a, nil
}

// GetUser returns the account with id.
func (s *Store) GetUser(ctx context.Context, id int64) (*User, error) {
	a, err := loadAccount(ctx, s.db, "id", id)
	if err != nil {
		return nil, err
	}
	return &a.User, nil
}

// UserByUsername returns the account called username (any case, any
// Unicode normalisation).
func (s *Store) UserByUsername(ctx context.Context, username string) (*User, error) {
	name, err := NormalizeUsername(username)
	if err != nil {
		return nil, ErrNotFound
	}
	a, err := loadAccount(ctx, s.db, "username", name)
	if err != nil {
		return nil, err
	}
	return &a.User, nil
}

// NormalizeUsername returns the stored form of a username: trimmed,
// NFC, lower case. It fails for names that are too short or long, or
// contain anything but letters, digits and . _ - @.
func NormalizeUsername(username string) (string, error) {
	name := strings.ToLower(norm.NFC.String(strings.TrimSpace(username)))
	if n := utf8.RuneCountInString(name); n < 3 || n > 64 {
		return "", ErrBadUsername
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("._-@", r) {
			return "", ErrBadUsername
		}
	}
	return name, nil
}

// cleanDisplayName trims and normalises a display name.
func cleanDisplayName(s string) (string, error) {
	s = norm.NFC.String(strings.Join(strings.Fields(s), " "))
	if n := utf8.RuneCountInString(s); n == 0 || n > 200 {
		return "", ErrBadDisplayName
	}
	return s, nil
}

// checkAgency accepts an agency code made of ASCII letters, digits and -_.
// ("BCA", "UBND-01", "UBND-00004", "VN"), known to units when plugged in.
func (s *Store) checkAgency(code string) error {
	if code == "" || len(code) > 64 {
		return ErrBadAgency
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.", r)) {
			return ErrBadAgency
		}
	}
	if s.known != nil && code != National && !s.known(code) {
		return ErrBadAgency
	}
	return nil
}

// isUniqueViolation recognises both drivers' unique-constraint errors, for
// the race in which two requests create the same username at once.
func isUniqueViolation(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "unique constraint") || strings.Contains(msg, "duplicate key")
}
