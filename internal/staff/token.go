package staff

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/db"
)

// TokenPrefix starts every API token, so a leaked one is easy to recognise
// (and for secret scanners to find).
const TokenPrefix = "loa_"

// tokenTouch is how often last_used_at is written for a busy token.
const tokenTouch = time.Minute

// Token is an API token for an agency's system, without its secret.
type Token struct {
	ID int64
	// Agency is the agency the token acts for; its scope is that agency's
	// subtree, as for a person.
	Agency    string
	Name      string
	Perms     []Perm
	CreatedBy int64
	CreatedAt time.Time
	// LastUsedAt and RevokedAt are zero when the token was never used or
	// is not revoked.
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// Revoked reports whether the token has been revoked.
func (t *Token) Revoked() bool { return !t.RevokedAt.IsZero() }

// Allows reports whether the token may use permission p on an object of
// agency: not revoked, p among its permissions, agency in its scope under
// the hierarchy parent (see InScope; Store.TokenAllows plugs in the
// store's).
func (t *Token) Allows(p Perm, agency string, parent ParentFunc) bool {
	return !t.Revoked() && slices.Contains(t.Perms, p) && InScope(t.Agency, agency, parent)
}

// tokenSnapshot is what the audit log keeps of a token: never the hash.
type tokenSnapshot struct {
	ID        int64     `json:"id"`
	Agency    string    `json:"agency"`
	Name      string    `json:"name"`
	Perms     []Perm    `json:"perms"`
	RevokedAt time.Time `json:"revoked_at,omitzero"`
}

func (t *Token) snapshot() *tokenSnapshot {
	return &tokenSnapshot{t.ID, t.Agency, t.Name, t.Perms, t.RevokedAt}
}

// tokenPerms checks the permissions asked for a token created by a person
// of role creator: known machine permissions (MachinePerms), each held by
// the creator — no token can do more than its creator. It returns them
// without duplicates, in the canonical order.
func tokenPerms(creator Role, perms []Perm) ([]Perm, error) {
	if len(perms) == 0 {
		return nil, ErrBadTokenPerms
	}
	for _, p := range perms {
		if !p.Valid() {
			return nil, ErrBadTokenPerms
		}
		if !creator.Can(p) {
			return nil, ErrForbidden
		}
		if !slices.Contains(machinePerms, p) {
			return nil, ErrBadTokenPerms
		}
	}
	var out []Perm
	for _, p := range allPerms {
		if slices.Contains(perms, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// b32lower is base32 in lower case, without padding: a token is then one
// "word" that a double-click selects whole.
var b32lower = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// CreateToken creates an API token named name for agency, with perms, on
// behalf of by, who needs token.manage over agency; perms must be machine
// permissions the creator holds. It returns the plaintext token, which is
// stored only as a hash: show it once.
func (s *Store) CreateToken(ctx context.Context, by *User, agency, name string, perms []Perm) (string, *Token, error) {
	name = norm.NFC.String(strings.Join(strings.Fields(name), " "))
	if n := utf8.RuneCountInString(name); n == 0 || n > 200 {
		return "", nil, ErrBadTokenName
	}
	if err := s.checkAgency(agency); err != nil {
		return "", nil, err
	}
	if err := s.authorize(by, PermTokenManage, agency); err != nil {
		return "", nil, err
	}
	perms, err := tokenPerms(by.Role, perms)
	if err != nil {
		return "", nil, err
	}
	var raw [32]byte
	_, _ = rand.Read(raw[:]) // never fails (Go 1.24+)
	plain := TokenPrefix + b32lower.EncodeToString(raw[:])
	t := &Token{Agency: agency, Name: name, Perms: perms, CreatedBy: by.ID, CreatedAt: s.clock()}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO api_tokens (agency, name, perms, token_hash, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			agency, name, joinPerms(perms), hashToken(plain), by.ID, t.CreatedAt).Scan(&t.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, by, "token.create", AuditToken, t.ID, agency, nil, t.snapshot(), "")
	})
	if err != nil {
		return "", nil, fmt.Errorf("staff: create token %q for %s: %w", name, agency, err)
	}
	return plain, t, nil
}

func joinPerms(perms []Perm) string {
	parts := make([]string, len(perms))
	for i, p := range perms {
		parts[i] = string(p)
	}
	return strings.Join(parts, ",")
}

func splitPerms(s string) []Perm {
	var out []Perm
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, Perm(p))
		}
	}
	return out
}

const tokenColumns = "id, agency, name, perms, created_by, created_at, last_used_at, revoked_at"

func scanToken(r scanner) (*Token, error) {
	var t Token
	var perms string
	var used, revoked sql.NullTime
	if err := r.Scan(&t.ID, &t.Agency, &t.Name, &perms, &t.CreatedBy, &t.CreatedAt, &used, &revoked); err != nil {
		return nil, err
	}
	t.Perms = splitPerms(perms)
	t.CreatedAt = t.CreatedAt.UTC()
	if used.Valid {
		t.LastUsedAt = used.Time.UTC()
	}
	if revoked.Valid {
		t.RevokedAt = revoked.Time.UTC()
	}
	return &t, nil
}

// AuthenticateToken returns the token whose plaintext is given, recording
// its use (at most once a minute). Errors: ErrBadToken for an unknown or
// malformed token, ErrTokenRevoked for a revoked one. The caller then
// checks Allows for the permission and agency at hand.
func (s *Store) AuthenticateToken(ctx context.Context, plaintext string) (*Token, error) {
	if !strings.HasPrefix(plaintext, TokenPrefix) || len(plaintext) > 200 {
		return nil, ErrBadToken
	}
	t, err := scanToken(s.db.QueryRow(ctx, "SELECT "+tokenColumns+" FROM api_tokens WHERE token_hash = ?", hashToken(plaintext)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, fmt.Errorf("staff: authenticate token: %w", err)
	}
	if t.Revoked() {
		return nil, ErrTokenRevoked
	}
	now := s.clock()
	if now.Sub(t.LastUsedAt) >= tokenTouch {
		if _, err := s.db.Exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now, t.ID); err != nil {
			return nil, fmt.Errorf("staff: authenticate token %d: record use: %w", t.ID, err)
		}
		t.LastUsedAt = now
	}
	return t, nil
}

// GetToken returns token id, without its secret.
func (s *Store) GetToken(ctx context.Context, id int64) (*Token, error) {
	t, err := scanToken(s.db.QueryRow(ctx, "SELECT "+tokenColumns+" FROM api_tokens WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("staff: get token %d: %w", id, err)
	}
	return t, nil
}

// RevokeToken revokes token id on behalf of by, who needs token.manage over
// the token's agency. Revoking a revoked token does nothing.
func (s *Store) RevokeToken(ctx context.Context, by *User, id int64) error {
	t, err := s.GetToken(ctx, id)
	if err != nil {
		return err
	}
	if err := s.authorize(by, PermTokenManage, t.Agency); err != nil {
		return err
	}
	if t.Revoked() {
		return nil
	}
	next := *t
	next.RevokedAt = s.clock()
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", next.RevokedAt, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return nil // revoked concurrently: already done
		}
		return s.record(ctx, tx, by, "token.revoke", AuditToken, id, t.Agency, t.snapshot(), next.snapshot(), "")
	})
	if err != nil {
		return fmt.Errorf("staff: revoke token %d: %w", id, err)
	}
	return nil
}

// ListTokens returns the tokens by may manage (token.manage), newest first:
// those of agency, or with agency "" all in by's scope. Revoked tokens are
// included, marked by RevokedAt.
func (s *Store) ListTokens(ctx context.Context, by *User, agency string) ([]Token, error) {
	if !by.Can(PermTokenManage) {
		return nil, ErrForbidden
	}
	q := "SELECT " + tokenColumns + " FROM api_tokens"
	var args []any
	if agency != "" {
		if !s.covers(by, agency) {
			return nil, ErrForbidden
		}
		q += " WHERE agency = ?"
		args = append(args, agency)
	}
	rows, err := s.db.Query(ctx, q+" ORDER BY created_at DESC, id DESC", args...)
	if err != nil {
		return nil, fmt.Errorf("staff: list tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("staff: list tokens: %w", err)
		}
		if s.covers(by, t.Agency) {
			out = append(out, *t)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("staff: list tokens: %w", err)
	}
	return out, nil
}
