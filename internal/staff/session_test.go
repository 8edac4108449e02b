package staff

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// newSession creates the editor "lan" on a store over d with a fake
// clock, and signs her in with token tok.
func newSession(t *testing.T, d *db.DB) (s *Store, clk *fakeClock, u *User, tok string) {
	t.Helper()
	clk = newClock()
	s = testStore(d, clk)
	u = mustCreate(t, s, "lan", RoleEditor, "UBND-01")
	tok, err := s.NewSession(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s, clk, u, tok
}

func TestSessionLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk, u, tok := newSession(t, d)
		if len(tok) != 43 {
			t.Errorf("token %q, want 43 base64url characters", tok)
		}
		got, err := s.SessionUser(ctx, tok)
		if err != nil || got.ID != u.ID {
			t.Fatalf("SessionUser = %+v, %v", got, err)
		}
		// Only the hash is stored.
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM staff_sessions WHERE id_hash = ?", tok).Scan(&n); err != nil || n != 0 {
			t.Errorf("plaintext token stored: %d, %v", n, err)
		}
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM staff_sessions WHERE id_hash = ?", hashToken(tok)).Scan(&n); err != nil || n != 1 {
			t.Errorf("hashed token rows: %d, %v", n, err)
		}
		// A restart (a fresh Store, another replica) keeps the session.
		restarted := testStore(d, clk)
		if got, err := restarted.SessionUser(ctx, tok); err != nil || got.ID != u.ID {
			t.Errorf("after restart: %+v, %v", got, err)
		}
		if err := s.EndSession(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := restarted.SessionUser(ctx, tok); !errors.Is(err, ErrNoSession) {
			t.Errorf("after logout: %v", err)
		}
		if err := s.EndSession(ctx, tok); err != nil {
			t.Errorf("second logout: %v", err)
		}
	})
}

func TestSessionIdleExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk, _, tok := newSession(t, d)
		// Activity every 11 hours keeps it alive past 12 hours...
		for range 3 {
			clk.Add(11 * time.Hour)
			if _, err := s.SessionUser(ctx, tok); err != nil {
				t.Fatalf("active session at %v: %v", clk.Now(), err)
			}
		}
		// ...12 idle hours end it.
		clk.Add(SessionIdle)
		if _, err := s.SessionUser(ctx, tok); !errors.Is(err, ErrNoSession) {
			t.Errorf("idle session: %v", err)
		}
	})
}

func TestSessionAbsoluteExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk, _, tok := newSession(t, d)
		start := clk.Now()
		for clk.Now().Sub(start)+10*time.Hour < SessionMaxAge {
			clk.Add(10 * time.Hour)
			if _, err := s.SessionUser(ctx, tok); err != nil {
				t.Fatalf("at +%v: %v", clk.Now().Sub(start), err)
			}
		}
		clk.Add(start.Add(SessionMaxAge).Sub(clk.Now()))
		if _, err := s.SessionUser(ctx, tok); !errors.Is(err, ErrNoSession) {
			t.Errorf("at the absolute limit: %v", err)
		}
	})
}

// last_seen_at is written at most once a minute.
func TestSessionTouch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk, _, tok := newSession(t, d)
		start := clk.Now()
		lastSeen := func() time.Time {
			var at time.Time
			if err := d.QueryRow(ctx, "SELECT last_seen_at FROM staff_sessions WHERE id_hash = ?", hashToken(tok)).Scan(&at); err != nil {
				t.Fatal(err)
			}
			return at
		}
		clk.Add(59 * time.Second)
		if _, err := s.SessionUser(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if !lastSeen().Equal(start) {
			t.Errorf("touched after 59 s: %v", lastSeen())
		}
		clk.Add(time.Second)
		if _, err := s.SessionUser(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if !lastSeen().Equal(clk.Now()) {
			t.Errorf("last seen %v, want %v", lastSeen(), clk.Now())
		}
	})
}

// Session fixation: a token that exists before login (planted by an
// attacker, or the victim's own earlier one) is not the token after login;
// only NewSession makes tokens.
func TestNoSessionFixation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		u := mustCreate(t, s, "lan", RoleEditor, "UBND-01")
		planted := randomToken()
		if _, err := s.SessionUser(ctx, planted); !errors.Is(err, ErrNoSession) {
			t.Fatalf("planted token before login: %v", err)
		}
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), ""); err != nil {
			t.Fatal(err)
		}
		tok, err := s.NewSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if tok == planted {
			t.Fatal("login reused the planted token")
		}
		if _, err := s.SessionUser(ctx, planted); !errors.Is(err, ErrNoSession) {
			t.Errorf("planted token after login: %v", err)
		}
		second, err := s.NewSession(ctx, u.ID)
		if err != nil || second == tok {
			t.Errorf("second login gave %q (%v), first %q", second, err, tok)
		}
		for _, bad := range []string{"", "x", tok + "x"} {
			if _, err := s.SessionUser(ctx, bad); !errors.Is(err, ErrNoSession) {
				t.Errorf("SessionUser(%q) = %v", bad, err)
			}
		}
	})
}

func TestEndAllAndPurgeSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := testStore(d, clk)
		lan := mustCreate(t, s, "lan", RoleEditor, "UBND-01")
		minh := mustCreate(t, s, "minh", RoleEditor, "UBND-01")
		a1, _ := s.NewSession(ctx, lan.ID)
		a2, _ := s.NewSession(ctx, lan.ID)
		b, _ := s.NewSession(ctx, minh.ID)
		if err := s.EndAllSessions(ctx, lan.ID); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{a1, a2} {
			if _, err := s.SessionUser(ctx, tok); !errors.Is(err, ErrNoSession) {
				t.Errorf("lan's session survived: %v", err)
			}
		}
		if _, err := s.SessionUser(ctx, b); err != nil {
			t.Errorf("minh's session ended: %v", err)
		}
		if _, err := s.NewSession(ctx, 12345); !errors.Is(err, ErrNotFound) {
			t.Errorf("session for a missing user: %v", err)
		}
		fresh, _ := s.NewSession(ctx, lan.ID)
		clk.Add(SessionIdle - time.Minute)
		if _, err := s.SessionUser(ctx, fresh); err != nil {
			t.Fatal(err)
		}
		clk.Add(2 * time.Minute) // minh's session is now idle; lan's was touched
		n, err := s.PurgeSessions(ctx)
		if err != nil || n != 1 {
			t.Errorf("PurgeSessions = %d, %v; want 1", n, err)
		}
		if _, err := s.SessionUser(ctx, fresh); err != nil {
			t.Errorf("live session purged: %v", err)
		}
	})
}
