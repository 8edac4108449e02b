package staff

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/alexedwards/argon2id"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestCreateUser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		u, pass, err := s.CreateUser(ctx, System(), NewUser{
			Username: "Lan", DisplayName: "  Nguyễn   Thị Lan ", Role: RoleEditor, Agency: "UBND-01",
		})
		if err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || u.Username != "lan" || u.DisplayName != "Nguyễn Thị Lan" || u.Version != 1 {
			t.Errorf("created %+v", u)
		}
		if err := checkPassword(pass); err != nil {
			t.Errorf("generated password %q: %v", pass, err)
		}
		var hash string
		if err := d.QueryRow(ctx, "SELECT password_hash FROM staff_users WHERE id = ?", u.ID).Scan(&hash); err != nil {
			t.Fatal(err)
		}
		if ok, err := argon2id.ComparePasswordAndHash(pass, hash); !ok || err != nil || !strings.HasPrefix(hash, "$argon2id$") {
			t.Errorf("stored hash %q does not verify the password: %v %v", hash, ok, err)
		}

		// The audit row: by the system, after-snapshot without the hash.
		es := auditEntries(t, d, "user.create")
		if len(es) != 1 || es[0].Actor.Name != "system" || es[0].ObjectID != strconv.FormatInt(u.ID, 10) || es[0].ObjectType != AuditUser {
			t.Fatalf("audit = %+v", es)
		}
		var snap userSnapshot
		if err := json.Unmarshal(es[0].After, &snap); err != nil || snap.Username != "lan" || snap.Role != RoleEditor {
			t.Errorf("audit after = %s, %v", es[0].After, err)
		}
		if es[0].Before != nil || es[0].Agency != "UBND-01" {
			t.Errorf("audit before %s, agency %q", es[0].Before, es[0].Agency)
		}
		assertNoSecrets(t, d, pass)

		// Usernames are unique whatever the case.
		if _, _, err := s.CreateUser(ctx, System(), NewUser{Username: "LAN", DisplayName: "Khác", Role: RoleEditor,
			Agency: "UBND-01"}); !errors.Is(err, ErrUsernameTaken) {
			t.Errorf("duplicate username: %v", err)
		}
	})
}

func TestCreateUserValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		ok := NewUser{Username: "minh", DisplayName: "Minh", Role: RoleEditor, Agency: "UBND-01", Password: "đủ mười ký tự"}
		tests := []struct {
			name string
			edit func(*NewUser)
			want error
		}{
			{"bad username", func(n *NewUser) { n.Username = "m" }, ErrBadUsername},
			{"no display name", func(n *NewUser) { n.DisplayName = " " }, ErrBadDisplayName},
			{"bad role", func(n *NewUser) { n.Role = "root" }, ErrBadRole},
			{"bad agency", func(n *NewUser) { n.Agency = "" }, ErrBadAgency},
			{"short password", func(n *NewUser) { n.Password = "ngắn quá" }, ErrPasswordTooShort},
		}
		for _, tt := range tests {
			in := ok
			tt.edit(&in)
			if _, _, err := s.CreateUser(ctx, System(), in); !errors.Is(err, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
			}
		}
		if n := len(auditEntries(t, d, "user.create")); n != 0 {
			t.Errorf("%d audit rows for refused creations", n)
		}
		if _, pass, err := s.CreateUser(ctx, System(), ok); err != nil || pass != ok.Password {
			t.Errorf("valid user: %q, %v", pass, err)
		}
	})
}

func TestCreateUserPermissions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		editor := mustCreate(t, s, "bt.hanoi", RoleEditor, "UBND-01")
		tests := []struct {
			name   string
			by     *User
			role   Role
			agency string
			want   error
		}{
			{"agency admin, own province", hanoi, RoleEditor, "UBND-01", nil},
			{"agency admin, a commune of it", hanoi, RoleReviewer, "UBND-00004", nil},
			{"agency admin, commune agency admin", hanoi, RoleAgencyAdmin, "UBND-00007", nil},
			{"agency admin, another province", hanoi, RoleEditor, "UBND-02", ErrForbidden},
			{"agency admin, national admin", hanoi, RoleAdmin, "UBND-01", ErrForbidden},
			{"editor", editor, RoleEditor, "UBND-01", ErrForbidden},
		}
		for i, tt := range tests {
			_, _, err := s.CreateUser(ctx, tt.by, NewUser{Username: "nguoi" + string(rune('a'+i)), DisplayName: "X",
				Role: tt.role, Agency: tt.agency, Password: "mật khẩu đủ dài"})
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
			}
		}
		es := auditEntries(t, d, "user.create")
		if last := es[len(es)-1]; last.Actor.ID != hanoi.ID || last.Actor.Name != "qt.hanoi" {
			t.Errorf("last creation recorded as %+v", last.Actor)
		}
	})
}

func TestUpdateUser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		admin := mustCreate(t, s, "admin", RoleAdmin, "VN")
		u := mustCreate(t, s, "lan", RoleEditor, "UBND-01")
		got, err := s.UpdateUser(ctx, admin, u.ID, u.Version, Profile{DisplayName: "Lan (duyệt)", Role: RoleReviewer, Agency: "UBND-00004"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != u.Version+1 || got.Role != RoleReviewer || got.Agency != "UBND-00004" || got.DisplayName != "Lan (duyệt)" {
			t.Errorf("updated %+v", got)
		}
		again, err := s.GetUser(ctx, u.ID)
		if err != nil || *again != *got {
			t.Errorf("stored %+v, returned %+v (%v)", again, got, err)
		}
		es := auditEntries(t, d, "user.update")
		if len(es) != 1 {
			t.Fatalf("audit rows %d", len(es))
		}
		var before, after userSnapshot
		_ = json.Unmarshal(es[0].Before, &before)
		_ = json.Unmarshal(es[0].After, &after)
		if before.Role != RoleEditor || after.Role != RoleReviewer || es[0].Actor.ID != admin.ID {
			t.Errorf("audit before %s after %s", es[0].Before, es[0].After)
		}

		// A stale version is a conflict and changes nothing.
		_, err = s.UpdateUser(ctx, admin, u.ID, u.Version, Profile{DisplayName: "Cũ", Role: RoleEditor, Agency: "UBND-01"})
		if !errors.Is(err, ErrConflict) {
			t.Errorf("stale update: %v, want ErrConflict", err)
		}
		if cur, _ := s.GetUser(ctx, u.ID); cur.DisplayName != "Lan (duyệt)" || cur.Version != got.Version {
			t.Errorf("stale update changed the row: %+v", cur)
		}
		if n := len(auditEntries(t, d, "user.update")); n != 1 {
			t.Errorf("audit rows after conflict = %d", n)
		}
		if _, err := s.UpdateUser(ctx, admin, 999, 1, Profile{DisplayName: "X", Role: RoleEditor, Agency: "VN"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing user: %v", err)
		}
	})
}

func TestUpdateUserRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		admin := mustCreate(t, s, "admin", RoleAdmin, "VN")
		other := mustCreate(t, s, "bt.haiphong", RoleEditor, "UBND-02")
		mine := mustCreate(t, s, "bt.hanoi", RoleEditor, "UBND-01")
		tests := []struct {
			name string
			by   *User
			u    *User
			p    Profile
			want error
		}{
			{"out of scope", hanoi, other, Profile{DisplayName: "X", Role: RoleEditor, Agency: "UBND-02"}, ErrForbidden},
			{"move out of scope", hanoi, mine, Profile{DisplayName: "X", Role: RoleEditor, Agency: "UBND-02"}, ErrForbidden},
			{"promote to admin", hanoi, mine, Profile{DisplayName: "X", Role: RoleAdmin, Agency: "UBND-01"}, ErrForbidden},
			{"edit an admin", hanoi, admin, Profile{DisplayName: "X", Role: RoleAdmin, Agency: "VN"}, ErrForbidden},
			{"demote oneself", admin, admin, Profile{DisplayName: "X", Role: RoleEditor, Agency: "VN"}, ErrSelfChange},
			{"disable oneself", admin, admin, Profile{DisplayName: "X", Role: RoleAdmin, Agency: "VN", Disabled: true}, ErrSelfChange},
			{"bad role", admin, mine, Profile{DisplayName: "X", Role: "root", Agency: "VN"}, ErrBadRole},
			{"rename oneself", admin, admin, Profile{DisplayName: "Quản trị", Role: RoleAdmin, Agency: "VN"}, nil},
		}
		for _, tt := range tests {
			if _, err := s.UpdateUser(ctx, tt.by, tt.u.ID, tt.u.Version, tt.p); !errors.Is(err, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
			}
		}
	})
}

func TestDisablingEndsSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		admin := mustCreate(t, s, "admin", RoleAdmin, "VN")
		u := mustCreate(t, s, "lan", RoleEditor, "UBND-01")
		tok, err := s.NewSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateUser(ctx, admin, u.ID, u.Version, Profile{DisplayName: u.DisplayName, Role: u.Role, Agency: u.Agency, Disabled: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionUser(ctx, tok); !errors.Is(err, ErrNoSession) {
			t.Errorf("session of a disabled user: %v", err)
		}
		if _, err := s.Authenticate(ctx, "lan", pw("lan"), ""); !errors.Is(err, ErrDisabled) {
			t.Errorf("login of a disabled user: %v", err)
		}
		if _, err := s.NewSession(ctx, u.ID); !errors.Is(err, ErrDisabled) {
			t.Errorf("new session for a disabled user: %v", err)
		}
	})
}

func TestListUsers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		mk := func(username, display, agency string) {
			if _, _, err := s.CreateUser(ctx, System(), NewUser{Username: username, DisplayName: display,
				Role: RoleEditor, Agency: agency, Password: "mật khẩu đủ dài"}); err != nil {
				t.Fatal(err)
			}
		}
		mk("user1", "Đặng Văn Bình", "UBND-01")
		mk("user2", "Dương Thị Mai", "UBND-00004")
		mk("user3", "Ân Văn Cường", "UBND-01")
		mk("user4", "Bùi Thị Hoa", "UBND-02")
		hanoi := mustCreate(t, s, "qt.hanoi", RoleAgencyAdmin, "UBND-01")
		hanoi.DisplayName = "Zz"
		got, err := s.ListUsers(ctx, hanoi)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range got {
			names = append(names, u.DisplayName)
		}
		// Vietnamese order: A < Â, D < Đ; the other province's user is absent.
		want := []string{"Ân Văn Cường", "Dương Thị Mai", "Đặng Văn Bình", "Người qt.hanoi"}
		if strings.Join(names, "|") != strings.Join(want, "|") {
			t.Errorf("ListUsers = %v, want %v", names, want)
		}
		editor := &User{ID: 99, Role: RoleEditor, Agency: "VN"}
		if _, err := s.ListUsers(ctx, editor); !errors.Is(err, ErrForbidden) {
			t.Errorf("editor listing users: %v", err)
		}
	})
}
