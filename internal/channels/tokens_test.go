package channels

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// fakeOAuth is a refresh endpoint whose refresh tokens work once, like
// Zalo's; it counts what it was asked.
type fakeOAuth struct {
	mu      sync.Mutex
	current string
	serial  int
	calls   int
	spent   int // refresh tokens presented that were no longer valid
	delay   time.Duration
}

func (f *fakeOAuth) Refresh(ctx context.Context, refresh string) (Token, error) {
	time.Sleep(f.delay)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if refresh != f.current {
		f.spent++
		return Token{}, errors.New("error -14014: Invalid refresh token")
	}
	f.serial++
	f.current = fmt.Sprintf("r%d", f.serial)
	return Token{Access: fmt.Sprintf("a%d", f.serial), Refresh: f.current, ExpiresAt: time.Now().Add(25 * time.Hour)}, nil
}

func storedTokens(t *testing.T, d *db.DB, name string) (access, refresh string) {
	t.Helper()
	if err := d.QueryRow(context.Background(), `SELECT access_token, refresh_token FROM channel_tokens WHERE name = ?`, name).
		Scan(&access, &refresh); err != nil {
		t.Fatal(err)
	}
	return access, refresh
}

func TestTokenStoreRefreshesOnceAcrossReplicas(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		oauth := &fakeOAuth{current: "r0", delay: 30 * time.Millisecond}
		// Two replicas: two stores, each with its own lock, one database.
		replicas := []*TokenStore{NewTokenStore(d, "zalo:1", oauth), NewTokenStore(d, "zalo:1", oauth)}
		if err := replicas[0].Seed(ctx, "a0", "r0"); err != nil {
			t.Fatal(err)
		}
		if err := replicas[1].Seed(ctx, "a0", "r0"); err != nil {
			t.Fatal(err)
		}
		if tok, err := replicas[1].Access(ctx); err != nil || tok != "a0" {
			t.Fatalf("Access = %q, %v", tok, err)
		}
		// Zalo refuses a0: twenty senders on both replicas ask at once.
		var wg sync.WaitGroup
		got := make([]string, 20)
		errs := make([]error, 20)
		for i := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i], errs[i] = replicas[i%2].Refreshed(ctx, "a0")
			}()
		}
		wg.Wait()
		for i := range got {
			if errs[i] != nil || got[i] != "a1" {
				t.Fatalf("caller %d: %q, %v", i, got[i], errs[i])
			}
		}
		if oauth.calls != 1 || oauth.spent != 0 {
			t.Fatalf("refresh calls %d, spent tokens presented %d; want 1, 0", oauth.calls, oauth.spent)
		}
		if a, r := storedTokens(t, d, "zalo:1"); a != "a1" || r != "r1" {
			t.Fatalf("stored %q %q, want a1 r1", a, r)
		}
		// The new tokens survive a restart that seeds the same configuration.
		if err := NewTokenStore(d, "zalo:1", oauth).Seed(ctx, "a0", "r0"); err != nil {
			t.Fatal(err)
		}
		if a, r := storedTokens(t, d, "zalo:1"); a != "a1" || r != "r1" {
			t.Fatalf("after re-seed: %q %q", a, r)
		}
		// New configuration (the OA authorised again) replaces them.
		oauth.current = "fresh"
		if err := replicas[0].Seed(ctx, "", "fresh"); err != nil {
			t.Fatal(err)
		}
		// No access token: the first use refreshes.
		if tok, err := replicas[0].Access(ctx); err != nil || tok != "a2" {
			t.Fatalf("Access after new seed = %q, %v", tok, err)
		}
	})
}

func TestTokenStoreRefreshFailureReleasesTheLease(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		oauth := &fakeOAuth{current: "other"}
		s := NewTokenStore(d, "zalo:2", oauth)
		if err := s.Seed(ctx, "a0", "r0"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Refreshed(ctx, "a0"); err == nil {
			t.Fatal("refresh with a spent token succeeded")
		}
		// The lease is free again: another replica may try at once.
		var owner string
		var until time.Time
		if err := d.QueryRow(ctx, `SELECT lease_owner, lease_until FROM channel_tokens WHERE name = ?`, "zalo:2").Scan(&owner, &until); err != nil {
			t.Fatal(err)
		}
		if owner != "" || until.After(time.Now()) {
			t.Fatalf("lease still held: %q until %v", owner, until)
		}
		if a, r := storedTokens(t, d, "zalo:2"); a != "a0" || r != "r0" {
			t.Fatalf("tokens changed by a failed refresh: %q %q", a, r)
		}
	})
}

func TestTokenStoreRefreshesBeforeExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		oauth := &fakeOAuth{current: "r0"}
		s := NewTokenStore(d, "zalo:3", oauth)
		if err := s.Seed(ctx, "a0", "r0"); err != nil {
			t.Fatal(err)
		}
		// The configured token is assumed to last an hour: 55 minutes on,
		// it is refreshed before use.
		s.now = func() time.Time { return time.Now().Add(55 * time.Minute) }
		if tok, err := s.Access(ctx); err != nil || tok != "a1" || oauth.calls != 1 {
			t.Fatalf("Access = %q, %v after %d refreshes", tok, err, oauth.calls)
		}
	})
}
