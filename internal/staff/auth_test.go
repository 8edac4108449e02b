package staff

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestAuthenticate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		u := mustCreate(t, s, "lan", RoleEditor, "UBND-01")
		got, err := s.Authenticate(ctx, " LAN ", pw("lan"), "")
		if err != nil || got.ID != u.ID {
			t.Fatalf("Authenticate = %+v, %v", got, err)
		}
		if es := auditEntries(t, d, "user.login"); len(es) != 1 || es[0].Actor.ID != u.ID {
			t.Errorf("login audit = %+v", es)
		}
		// Unknown user and wrong password: one error, so nobody can probe
		// which usernames exist.
		for _, c := range []struct{ user, pass string }{
			{"lan", "sai mật khẩu rồi"},
			{"khong.ton.tai", pw("lan")},
			{"x", pw("lan")}, // not even a valid username
		} {
			if _, err := s.Authenticate(ctx, c.user, c.pass, ""); err != ErrBadCredentials {
				t.Errorf("Authenticate(%q, %q) = %v, want ErrBadCredentials", c.user, c.pass, err)
			}
		}
	})
}

func TestLockOutAfterFiveFailures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := testStore(d, clk)
		mustCreate(t, s, "lan", RoleEditor, "UBND-01")
		for i := 1; i < MaxFailedLogins; i++ {
			if _, err := s.Authenticate(ctx, "lan", "sai mật khẩu rồi", ""); err != ErrBadCredentials {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		_, err := s.Authenticate(ctx, "lan", "sai mật khẩu rồi", "")
		var locked *LockedError
		if !errors.As(err, &locked) || !locked.Until.Equal(clk.Now().Add(LockDuration)) {
			t.Fatalf("fifth failure: %v, want locked for %v", err, LockDuration)
		}
		if !strings.Contains(locked.Message(), "08:15") { // 01:00 UTC + 15 min, in Vietnam
			t.Errorf("message %q", locked.Message())
		}
		// Locked: even the right password is refused, by a fresh store (another replica).
		clk.Add(LockDuration - time.Second)
		other := testStore(d, clk)
		if _, err := other.Authenticate(ctx, "lan", pw("lan"), ""); !errors.As(err, &locked) {
			t.Fatalf("right password while locked: %v", err)
		}
		if es := auditEntries(t, d, "user.lock"); len(es) != 1 || es[0].Actor.Name != "system" {
			t.Errorf("lock audit = %+v", es)
		}
		// The lock expires.
		clk.Add(time.Second)
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), ""); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
	})
}

// A success resets the count: failures must be consecutive to lock.
func TestSuccessResetsFailureCount(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		mustCreate(t, s, "lan", RoleEditor, "UBND-01")
		for round := 0; round < 3; round++ {
			for i := 1; i < MaxFailedLogins; i++ {
				if _, err := s.Authenticate(ctx, "lan", "sai mật khẩu rồi", ""); err != ErrBadCredentials {
					t.Fatalf("round %d failure %d: %v", round, i, err)
				}
			}
			if _, err := s.Authenticate(ctx, "lan", pw("lan"), ""); err != nil {
				t.Fatalf("round %d success: %v", round, err)
			}
		}
	})
}

func TestAuthenticateTOTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := testStore(d, clk)
		u := mustCreate(t, s, "lan", RoleEditor, "UBND-01")
		secret := NewTOTPSecret()
		code, _ := TOTPCode(secret, clk.Now())
		if err := s.EnableTOTP(ctx, u, u.ID, secret, code); err != nil {
			t.Fatal(err)
		}
		clk.Add(totpPeriod * time.Second)
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), ""); err != ErrTOTPRequired {
			t.Errorf("no code: %v, want ErrTOTPRequired", err)
		}
		if _, err := s.Authenticate(ctx, "lan", "sai mật khẩu rồi", ""); err != ErrBadCredentials {
			t.Errorf("wrong password, no code: %v", err)
		}
		code, _ = TOTPCode(secret, clk.Now())
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), wrong); err != ErrBadTOTP {
			t.Errorf("wrong code: %v, want ErrBadTOTP", err)
		}
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), code); err != nil {
			t.Errorf("right code: %v", err)
		}
		// The same code cannot be used twice.
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), code); err != ErrBadTOTP {
			t.Errorf("replayed code: %v, want ErrBadTOTP", err)
		}
		// Wrong codes count toward the lock-out.
		for i := 0; i < MaxFailedLogins; i++ {
			_, err := s.Authenticate(ctx, "lan", pw("lan"), wrong)
			if i == MaxFailedLogins-1 {
				var locked *LockedError
				if !errors.As(err, &locked) {
					t.Errorf("after %d wrong codes: %v, want locked", MaxFailedLogins, err)
				}
			}
		}
	})
}

// Changing HashParams upgrades stored hashes at the next login.
func TestAuthenticateUpgradesHash(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		u := mustCreate(t, testStore(d, clk), "lan", RoleEditor, "UBND-01")
		stronger := *TestHashParams
		stronger.Memory *= 2
		s := testStore(d, clk, WithHashParams(&stronger))
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), ""); err != nil {
			t.Fatal(err)
		}
		var hash string
		if err := d.QueryRow(ctx, "SELECT password_hash FROM staff_users WHERE id = ?", u.ID).Scan(&hash); err != nil {
			t.Fatal(err)
		}
		params, _, _, err := argon2id.DecodeHash(hash)
		if err != nil || params.Memory != stronger.Memory {
			t.Errorf("hash params after login = %+v, %v; want memory %d", params, err, stronger.Memory)
		}
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), ""); err != nil {
			t.Errorf("login with the upgraded hash: %v", err)
		}
	})
}

// The dummy hash checked for unknown users must cost what a real one
// does: same parameters as the store's.
func TestDummyHashUsesStoreParams(t *testing.T) {
	s := NewStore(nil, WithHashParams(TestHashParams))
	h, err := s.dummy()
	if err != nil {
		t.Fatal(err)
	}
	params, _, _, err := argon2id.DecodeHash(h)
	if err != nil || *params != *TestHashParams {
		t.Errorf("dummy params %+v, %v; want %+v", params, err, TestHashParams)
	}
	if h2, _ := s.dummy(); h2 != h {
		t.Error("dummy hash recomputed")
	}
}
