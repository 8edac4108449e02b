package staff

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestCreateAndAuthenticateToken(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := testStore(d, clk)
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		plain, tok, err := s.CreateToken(ctx, hanoi, "UBND-01", " Hệ thống  một cửa ",
			[]Perm{PermRatingLinkCreate, PermMeasureIngest, PermMeasureIngest})
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^loa_[a-z2-7]{52}$`).MatchString(plain) {
			t.Errorf("token %q: want loa_ + 52 base32 characters", plain)
		}
		if tok.Name != "Hệ thống một cửa" || len(tok.Perms) != 2 || tok.Perms[0] != PermMeasureIngest || tok.CreatedBy != hanoi.ID {
			t.Errorf("token %+v", tok)
		}
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?", plain).Scan(&n); err != nil || n != 0 {
			t.Errorf("plaintext stored: %d %v", n, err)
		}
		assertNoSecrets(t, d, plain, hashToken(plain))

		got, err := testStore(d, clk).AuthenticateToken(ctx, plain)
		if err != nil || got.ID != tok.ID || !got.LastUsedAt.Equal(clk.Now()) {
			t.Fatalf("AuthenticateToken = %+v, %v", got, err)
		}
		for _, bad := range []string{"", "loa_", plain + "a", "xyz_" + plain[4:]} {
			if _, err := s.AuthenticateToken(ctx, bad); !errors.Is(err, ErrBadToken) {
				t.Errorf("AuthenticateToken(%q) = %v", bad, err)
			}
		}
		// last_used_at is written at most once a minute.
		usedAt := clk.Now()
		clk.Add(30 * time.Second)
		if _, err := s.AuthenticateToken(ctx, plain); err != nil {
			t.Fatal(err)
		}
		if cur, _ := s.GetToken(ctx, tok.ID); !cur.LastUsedAt.Equal(usedAt) {
			t.Errorf("last used %v after 30 s, want %v", cur.LastUsedAt, usedAt)
		}
		clk.Add(30 * time.Second)
		if _, err := s.AuthenticateToken(ctx, plain); err != nil {
			t.Fatal(err)
		}
		if cur, _ := s.GetToken(ctx, tok.ID); !cur.LastUsedAt.Equal(clk.Now()) {
			t.Errorf("last used %v after a minute, want %v", cur.LastUsedAt, clk.Now())
		}
		if es := auditEntries(t, d, "token.create"); len(es) != 1 || es[0].Actor.ID != hanoi.ID || es[0].ObjectType != AuditToken {
			t.Errorf("audit = %+v", es)
		}
	})
}

func TestTokenScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		plain, _, err := s.CreateToken(ctx, hanoi, "UBND-01", "CSDL", []Perm{PermMeasureIngest})
		if err != nil {
			t.Fatal(err)
		}
		tok, err := s.AuthenticateToken(ctx, plain)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			perm   Perm
			agency string
			want   bool
		}{
			{PermMeasureIngest, "UBND-01", true},
			{PermMeasureIngest, "UBND-00004", true}, // a commune of the province
			{PermMeasureIngest, "UBND-02", false},   // another province
			{PermMeasureIngest, "UBND-00100", false},
			{PermMeasureIngest, "VN", false},
			{PermRatingLinkCreate, "UBND-01", false}, // not granted
		}
		for _, tt := range tests {
			if got := s.TokenAllows(tok, tt.perm, tt.agency); got != tt.want {
				t.Errorf("Allows(%s, %s) = %v, want %v", tt.perm, tt.agency, got, tt.want)
			}
		}
	})
}

func TestRevokeToken(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		haiphong := mustCreate(t, s, "qt.haiphong", RoleAgencyAdmin, "UBND-02")
		plain, tok, err := s.CreateToken(ctx, hanoi, "UBND-00004", "Xã", []Perm{PermCaseCreate})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, haiphong, tok.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("another province revoking: %v", err)
		}
		if _, err := s.AuthenticateToken(ctx, plain); err != nil {
			t.Fatalf("token before revocation: %v", err)
		}
		if err := s.RevokeToken(ctx, hanoi, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AuthenticateToken(ctx, plain); !errors.Is(err, ErrTokenRevoked) {
			t.Errorf("revoked token: %v", err)
		}
		cur, _ := s.GetToken(ctx, tok.ID)
		if !cur.Revoked() || cur.Allows(PermCaseCreate, "UBND-00004", parentOf) {
			t.Errorf("revoked token still allows: %+v", cur)
		}
		if err := s.RevokeToken(ctx, hanoi, tok.ID); err != nil {
			t.Errorf("revoking twice: %v", err)
		}
		if n := len(auditEntries(t, d, "token.revoke")); n != 1 {
			t.Errorf("revoke audit rows = %d, want 1", n)
		}
		if err := s.RevokeToken(ctx, hanoi, 999); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing token: %v", err)
		}
	})
}

func TestCreateTokenRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		editor := mustCreate(t, s, "bt.hanoi", RoleEditor, "UBND-01")
		admin := mustCreate(t, s, "admin", RoleAdmin, "VN")
		tests := []struct {
			name   string
			by     *User
			agency string
			perms  []Perm
			want   error
		}{
			{"editor", editor, "UBND-01", []Perm{PermMeasureIngest}, ErrForbidden},
			{"another province", hanoi, "UBND-02", []Perm{PermMeasureIngest}, ErrForbidden},
			{"beyond the creator", hanoi, "UBND-01", []Perm{PermGuidePublishOverride}, ErrForbidden},
			{"not a machine perm", hanoi, "UBND-01", []Perm{PermUserManage}, ErrBadTokenPerms},
			{"admin, not a machine perm", admin, "VN", []Perm{PermGuideEdit}, ErrBadTokenPerms},
			{"unknown perm", hanoi, "UBND-01", []Perm{"root"}, ErrBadTokenPerms},
			{"no perms", hanoi, "UBND-01", nil, ErrBadTokenPerms},
			{"commune", hanoi, "UBND-00007", []Perm{PermCaseCreate}, nil},
			{"admin anywhere", admin, "BCA", []Perm{PermRatingLinkCreate}, nil},
		}
		for _, tt := range tests {
			_, _, err := s.CreateToken(ctx, tt.by, tt.agency, "T", tt.perms)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
			}
		}
		if _, _, err := s.CreateToken(ctx, hanoi, "UBND-01", " ", []Perm{PermCaseCreate}); !errors.Is(err, ErrBadTokenName) {
			t.Errorf("empty name: %v", err)
		}
		if n := len(auditEntries(t, d, "token.create")); n != 2 {
			t.Errorf("create audit rows = %d, want 2", n)
		}
	})
}

// tokenPerms refuses a permission the creator's role lacks, even a machine
// one, whatever the role table says today.
func TestTokenPermsNeverExceedCreator(t *testing.T) {
	if _, err := tokenPerms(RoleEditor, []Perm{PermMeasureIngest}); !errors.Is(err, ErrForbidden) {
		t.Errorf("editor granting measure.ingest: %v", err)
	}
	if _, err := tokenPerms(RoleCaseHandler, []Perm{PermCaseCreate, PermMeasureIngest}); !errors.Is(err, ErrForbidden) {
		t.Errorf("case handler granting measure.ingest: %v", err)
	}
	if got, err := tokenPerms(RoleCaseHandler, []Perm{PermCaseCreate}); err != nil || len(got) != 1 {
		t.Errorf("case handler granting case.create: %v %v", got, err)
	}
}

func TestListTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := testStore(d, clk)
		admin := mustCreate(t, s, "admin", RoleAdmin, "VN")
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		for _, a := range []string{"UBND-01", "UBND-00004", "UBND-02"} {
			clk.Add(time.Minute)
			if _, _, err := s.CreateToken(ctx, admin, a, "T "+a, []Perm{PermMeasureIngest}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.ListTokens(ctx, hanoi, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Agency != "UBND-00004" || got[1].Agency != "UBND-01" {
			t.Errorf("hanoi's tokens = %+v", got)
		}
		if got, err := s.ListTokens(ctx, hanoi, "UBND-01"); err != nil || len(got) != 1 {
			t.Errorf("hanoi's own = %+v, %v", got, err)
		}
		if _, err := s.ListTokens(ctx, hanoi, "UBND-02"); !errors.Is(err, ErrForbidden) {
			t.Errorf("another province's: %v", err)
		}
		if got, err := s.ListTokens(ctx, admin, ""); err != nil || len(got) != 3 {
			t.Errorf("admin's = %d, %v", len(got), err)
		}
	})
}
