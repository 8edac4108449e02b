package staff

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/loa-vn/loa/internal/db"
)

// NewUser describes an account to create.
type NewUser struct {
	Username    string
	DisplayName string
	Role        Role
	Agency      string
	// Password is the initial password; when empty one is generated and
	// returned by CreateUser.
	Password string
	// MustChangePassword makes the user choose a new password at first
	// login. Set it whenever someone other than the user knows the password.
	MustChangePassword bool
}

// CreateUser creates an account on behalf of by and returns it with its
// initial password (in.Password, or a generated one). by needs
// user.manage over in.Agency and must hold every permission of in.Role:
// an agency admin cannot create a national admin. Use System() for the
// command line.
func (s *Store) CreateUser(ctx context.Context, by *User, in NewUser) (*User, string, error) {
	name, err := NormalizeUsername(in.Username)
	if err != nil {
		return nil, "", err
	}
	display, err := cleanDisplayName(in.DisplayName)
	if err != nil {
		return nil, "", err
	}
	if !in.Role.Valid() {
		return nil, "", ErrBadRole
	}
	if err := s.checkAgency(in.Agency); err != nil {
		return nil, "", err
	}
	if err := s.authorize(by, PermUserManage, in.Agency); err != nil {
		return nil, "", err
	}
	if !by.Role.covers(in.Role) {
		return nil, "", ErrForbidden
	}
	password := normalizePassword(in.Password)
	if in.Password == "" {
		password = GeneratePassword()
	}
	if err := checkPassword(password); err != nil {
		return nil, "", err
	}
	hash, err := hashPassword(password, s.params)
	if err != nil {
		return nil, "", err
	}
	now := s.clock()
	u := &User{Username: name, DisplayName: display, Role: in.Role, Agency: in.Agency,
		MustChangePassword: in.MustChangePassword, CreatedAt: now, UpdatedAt: now, Version: 1}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM staff_users WHERE username = ?", name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrUsernameTaken
		}
		if err := tx.QueryRow(ctx, `INSERT INTO staff_users (username, display_name, role, agency, password_hash,
			must_change_password, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`,
			name, display, string(in.Role), in.Agency, hash, in.MustChangePassword, now, now).Scan(&u.ID); err != nil {
			if isUniqueViolation(err) {
				return ErrUsernameTaken
			}
			return err
		}
		return s.record(ctx, tx, by, "user.create", AuditUser, u.ID, u.Agency, nil, u.snapshot(), "")
	})
	if err != nil {
		if isStaffError(err) {
			return nil, "", err
		}
		return nil, "", fmt.Errorf("staff: create user %s: %w", name, err)
	}
	return u, password, nil
}

// Profile is the part of an account an administrator edits.
type Profile struct {
	DisplayName string
	Role        Role
	Agency      string
	// Disabled stops the account from logging in and ends its sessions.
	// Accounts are disabled, never deleted, so the audit log keeps meaning.
	Disabled bool
}

// UpdateUser changes the profile of account id on behalf of by, provided
// the account is still at version (else ErrConflict, nothing written).
// by needs user.manage over the account's current and new agency and must
// hold every permission of its current and new role; nobody may change
// their own role, agency or disabled flag (ErrSelfChange), so the last
// admin cannot lock everyone out by mistake.
func (s *Store) UpdateUser(ctx context.Context, by *User, id, version int64, p Profile) (*User, error) {
	display, err := cleanDisplayName(p.DisplayName)
	if err != nil {
		return nil, err
	}
	if !p.Role.Valid() {
		return nil, ErrBadRole
	}
	if err := s.checkAgency(p.Agency); err != nil {
		return nil, err
	}
	var out *User
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		cur, err := loadAccount(ctx, tx, "id", id)
		if err != nil {
			return err
		}
		if err := s.authorizeManage(by, &cur.User); err != nil {
			return err
		}
		if err := s.authorize(by, PermUserManage, p.Agency); err != nil {
			return err
		}
		if !by.Role.covers(p.Role) {
			return ErrForbidden
		}
		if by.ID == id && (p.Role != cur.Role || p.Agency != cur.Agency || p.Disabled != cur.Disabled) {
			return ErrSelfChange
		}
		if cur.Version != version {
			return ErrConflict
		}
		next := cur.User
		next.DisplayName, next.Role, next.Agency, next.Disabled = display, p.Role, p.Agency, p.Disabled
		next.UpdatedAt = s.clock()
		next.Version = cur.Version + 1
		if err := execOne(ctx, tx, ErrConflict, `UPDATE staff_users SET display_name = ?, role = ?, agency = ?, disabled = ?,
			updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			display, string(p.Role), p.Agency, p.Disabled, next.UpdatedAt, id, version); err != nil {
			return err
		}
		if p.Disabled && !cur.Disabled {
			if err := endAllSessions(ctx, tx, id); err != nil {
				return err
			}
		}
		out = &next
		return s.record(ctx, tx, by, "user.update", AuditUser, id, next.Agency, cur.snapshot(), next.snapshot(), "")
	})
	if err != nil {
		if isStaffError(err) {
			return nil, err
		}
		return nil, fmt.Errorf("staff: update user %d: %w", id, err)
	}
	return out, nil
}

// authorizeManage checks that by may manage account u: user.manage over
// u's agency and every permission of u's role.
func (s *Store) authorizeManage(by *User, u *User) error {
	if err := s.authorize(by, PermUserManage, u.Agency); err != nil {
		return err
	}
	if !by.Role.covers(u.Role) {
		return ErrForbidden
	}
	return nil
}

// ListUsers returns the accounts by may manage (user.manage, in scope),
// sorted by display name in Vietnamese order.
func (s *Store) ListUsers(ctx context.Context, by *User) ([]User, error) {
	if !by.Can(PermUserManage) {
		return nil, ErrForbidden
	}
	rows, err := s.db.Query(ctx, "SELECT "+accountColumns+" FROM staff_users")
	if err != nil {
		return nil, fmt.Errorf("staff: list users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, fmt.Errorf("staff: list users: %w", err)
		}
		if s.covers(by, a.Agency) {
			out = append(out, a.User)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("staff: list users: %w", err)
	}
	col := collate.New(language.Vietnamese)
	slices.SortStableFunc(out, func(a, b User) int {
		if c := col.CompareString(a.DisplayName, b.DisplayName); c != 0 {
			return c
		}
		return strings.Compare(a.Username, b.Username)
	})
	return out, nil
}
