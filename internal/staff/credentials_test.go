package staff

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestChangePassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		u, _, err := s.CreateUser(ctx, System(), NewUser{Username: "lan", DisplayName: "Lan", Role: RoleEditor,
			Agency: "UBND-01", Password: pw("lan"), MustChangePassword: true})
		if err != nil {
			t.Fatal(err)
		}
		tok, _ := s.NewSession(ctx, u.ID)
		const next = "một mật khẩu mới thật dài"
		tests := []struct {
			name, old, new string
			want           error
		}{
			{"wrong old", "không phải mật khẩu", next, ErrBadCredentials},
			{"too short", pw("lan"), "ngắn", ErrPasswordTooShort},
			{"same", pw("lan"), pw("lan"), ErrPasswordReused},
		}
		for _, tt := range tests {
			if err := s.ChangePassword(ctx, u.ID, tt.old, tt.new); !errors.Is(err, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
			}
		}
		if _, err := s.SessionUser(ctx, tok); err != nil {
			t.Fatalf("refused changes ended the session: %v", err)
		}
		if err := s.ChangePassword(ctx, u.ID, pw("lan"), next); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionUser(ctx, tok); !errors.Is(err, ErrNoSession) {
			t.Errorf("session survived the password change: %v", err)
		}
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), ""); err != ErrBadCredentials {
			t.Errorf("old password still works: %v", err)
		}
		got, err := s.Authenticate(ctx, "lan", next, "")
		if err != nil || got.MustChangePassword || got.Version != u.Version+1 {
			t.Errorf("after change: %+v, %v", got, err)
		}
		es := auditEntries(t, d, "user.password_change")
		if len(es) != 1 || es[0].Actor.ID != u.ID {
			t.Errorf("audit = %+v", es)
		}
		assertNoSecrets(t, d, next, pw("lan"))
	})
}

func TestResetPassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := testStore(d, clk)
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		haiphong := mustCreate(t, s, "qt.haiphong", RoleAgencyAdmin, "UBND-02")
		admin := mustCreate(t, s, "admin", RoleAdmin, "VN")
		u := mustCreate(t, s, "lan", RoleEditor, "UBND-00004")
		tok, _ := s.NewSession(ctx, u.ID)
		// Lock the account first: a reset lifts the lock.
		for range MaxFailedLogins {
			_, _ = s.Authenticate(ctx, "lan", "sai mật khẩu rồi", "")
		}
		if _, err := s.ResetPassword(ctx, haiphong, u.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("other province's admin: %v", err)
		}
		if _, err := s.ResetPassword(ctx, hanoi, admin.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("agency admin resetting the national admin: %v", err)
		}
		if _, err := s.ResetPassword(ctx, u, u.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("editor resetting: %v", err)
		}
		pass, err := s.ResetPassword(ctx, hanoi, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkPassword(pass); err != nil {
			t.Errorf("reset password %q: %v", pass, err)
		}
		if _, err := s.SessionUser(ctx, tok); !errors.Is(err, ErrNoSession) {
			t.Errorf("session survived the reset: %v", err)
		}
		got, err := s.Authenticate(ctx, "lan", pass, "")
		if err != nil {
			t.Fatalf("login with the reset password (lock lifted?): %v", err)
		}
		if !got.MustChangePassword {
			t.Error("reset did not set MustChangePassword")
		}
		es := auditEntries(t, d, "user.password_reset")
		if len(es) != 1 || es[0].Actor.ID != hanoi.ID || es[0].Agency != "UBND-00004" {
			t.Errorf("audit = %+v", es)
		}
		assertNoSecrets(t, d, pass)
	})
}

func TestEnableDisableTOTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := testStore(d, clk)
		u := mustCreate(t, s, "lan", RoleEditor, "UBND-01")
		other := mustCreate(t, s, "minh", RoleEditor, "UBND-01")
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		secret := NewTOTPSecret()
		code, _ := TOTPCode(secret, clk.Now())
		wrong, _ := TOTPCode(secret, clk.Now().Add(-5*time.Minute))
		if err := s.EnableTOTP(ctx, u, u.ID, secret, wrong); !errors.Is(err, ErrBadTOTP) {
			t.Errorf("wrong code: %v", err)
		}
		if err := s.EnableTOTP(ctx, other, u.ID, secret, code); !errors.Is(err, ErrForbidden) {
			t.Errorf("someone else enabling: %v", err)
		}
		if err := s.EnableTOTP(ctx, u, u.ID, "!!", code); !errors.Is(err, ErrBadTOTPSecret) {
			t.Errorf("bad secret: %v", err)
		}
		if err := s.EnableTOTP(ctx, u, u.ID, secret, code); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.GetUser(ctx, u.ID); !got.TOTPEnabled {
			t.Error("TOTP not enabled")
		}
		// The enrolment code is spent.
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), code); err != ErrBadTOTP {
			t.Errorf("enrolment code reused at login: %v", err)
		}
		if err := s.DisableTOTP(ctx, other, u.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("a colleague disabling: %v", err)
		}
		if err := s.DisableTOTP(ctx, hanoi, u.ID); err != nil {
			t.Fatalf("agency admin disabling (lost phone): %v", err)
		}
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), ""); err != nil {
			t.Errorf("login after disabling TOTP: %v", err)
		}
		if n := len(auditEntries(t, d, "user.totp_enable")) + len(auditEntries(t, d, "user.totp_disable")); n != 2 {
			t.Errorf("TOTP audit rows = %d, want 2", n)
		}
		assertNoSecrets(t, d, secret)
	})
}
