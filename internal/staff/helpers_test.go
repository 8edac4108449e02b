package staff

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// fakeClock is a settable clock for lock-out and expiry tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// parents is a small agency tree: two province committees with communes,
// and a ministry.
var parents = map[string]string{
	"UBND-00004": "UBND-01",
	"UBND-00007": "UBND-01",
	"UBND-00100": "UBND-02",
	"BCA":        "",
}

func parentOf(code string) string { return parents[code] }

// testStore returns a store over d with cheap hashing, the fake hierarchy
// and clk.
func testStore(d *db.DB, clk *fakeClock, opts ...Option) *Store {
	base := []Option{WithHashParams(TestHashParams), WithParents(parentOf), WithClock(clk.Now)}
	return NewStore(d, append(base, opts...)...)
}

// mustCreate creates an account as the system, with a known password.
func mustCreate(t *testing.T, s *Store, username string, role Role, agency string) *User {
	t.Helper()
	u, _, err := s.CreateUser(context.Background(), System(), NewUser{
		Username: username, DisplayName: "Người " + username, Role: role, Agency: agency, Password: pw(username),
	})
	if err != nil {
		t.Fatalf("create %s: %v", username, err)
	}
	return u
}

// pw is the test password of username.
func pw(username string) string { return "mật khẩu của " + username }

// auditEntries returns the audit entries with action, oldest first.
func auditEntries(t *testing.T, d *db.DB, action string) []audit.Entry {
	t.Helper()
	es, err := audit.NewStore(d).List(context.Background(), audit.Filter{Action: action, Limit: audit.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es
}

// assertNoSecrets fails when any audit snapshot holds a password hash or
// the given secrets.
func assertNoSecrets(t *testing.T, d *db.DB, secrets ...string) {
	t.Helper()
	es, err := audit.NewStore(d).List(context.Background(), audit.Filter{Limit: audit.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		blob := string(e.Before) + string(e.After) + e.Note
		if strings.Contains(blob, "argon2id") || strings.Contains(blob, "password_hash") || strings.Contains(blob, "totp_secret") {
			t.Errorf("audit %s holds a secret: %s", e.Action, blob)
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(blob, s) {
				t.Errorf("audit %s holds %q: %s", e.Action, s, blob)
			}
		}
	}
}
