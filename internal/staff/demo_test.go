package staff

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestDemoAccountsOnePerRole(t *testing.T) {
	seen := map[Role]bool{}
	for _, a := range DemoAccounts() {
		if seen[a.Role] {
			t.Errorf("two demo accounts for %s", a.Role)
		}
		seen[a.Role] = true
		if _, err := NormalizeUsername(a.Username); err != nil || a.Password != "" {
			t.Errorf("demo account %+v: %v", a, err)
		}
	}
	for _, r := range Roles() {
		if !seen[r] {
			t.Errorf("no demo account for %s", r)
		}
	}
}

func TestSeedDemo(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		// One exists already: it is left alone and not returned.
		mustCreate(t, s, "demo.bientap", RoleEditor, "UBND-01")
		created, err := s.SeedDemo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(created) != len(DemoAccounts())-1 {
			t.Fatalf("created %d, want %d", len(created), len(DemoAccounts())-1)
		}
		for _, a := range created {
			if a.Username == "demo.bientap" {
				t.Error("existing account returned")
			}
			u, err := s.Authenticate(ctx, a.Username, a.Password, "")
			if err != nil {
				t.Errorf("%s cannot log in: %v", a.Username, err)
				continue
			}
			if u.Role != a.Role || u.Agency != a.Agency {
				t.Errorf("%s is %s@%s, want %s@%s", a.Username, u.Role, u.Agency, a.Role, a.Agency)
			}
		}
		if _, err := s.Authenticate(ctx, "demo.bientap", pw("demo.bientap"), ""); err != nil {
			t.Errorf("existing account's password changed: %v", err)
		}
		again, err := s.SeedDemo(ctx)
		if err != nil || len(again) != 0 {
			t.Errorf("second seed created %d, %v", len(again), err)
		}
	})
}
