package cases

import (
	"context"
	"errors"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestRouteMostSpecificWins(t *testing.T) {
	rules := []RouteRule{
		{Category: CategorySystem, Agency: "BCA"},                        // system anywhere
		{ProvinceCode: "01", Agency: "UBND-01"},                          // anything in Hà Nội
		{Category: CategoryFee, ProvinceCode: "01", Agency: "STC-01"},    // fees in Hà Nội
		{ProvinceCode: "01", CommuneCode: "00004", Agency: "UBND-00004"}, // a commune, any category
		{Category: CategoryFee, ProvinceCode: "79", CommuneCode: "26734", Agency: "X-1"},
	}
	tests := []struct {
		cat               Category
		province, commune string
		want              string
	}{
		{CategorySystem, "", "", "BCA"},
		{CategorySystem, "01", "", "UBND-01"},      // area beats category
		{CategoryFee, "01", "", "STC-01"},          // area and category beat area
		{CategoryFee, "01", "00004", "UBND-00004"}, // commune beats province+category
		{CategoryFee, "79", "26734", "X-1"},
		{CategoryFee, "79", "26735", "UBND-79"}, // no rule: the province's committee
		{CategoryOther, "", "", ""},             // nothing known: unrouted
	}
	for _, tt := range tests {
		if got := Route(rules, tt.cat, tt.province, tt.commune); got != tt.want {
			t.Errorf("Route(%s, %q, %q) = %q, want %q", tt.cat, tt.province, tt.commune, got, tt.want)
		}
	}
}

func TestRoutesStoredAndUsedAtIntake(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		by := audit.Actor{ID: 1, Name: "admin", Agency: "VN"}
		r, err := s.SetRoute(ctx, by, RouteRule{Category: CategorySystem, Agency: "BTTTT"})
		if err != nil {
			t.Fatal(err)
		}
		// Replacing the same key keeps one row.
		if _, err := s.SetRoute(ctx, by, RouteRule{Category: CategorySystem, Agency: "BCA"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetRoute(ctx, by, RouteRule{CommuneCode: "00004", Agency: "BCA"}); err == nil {
			t.Error("a commune without its province was accepted")
		}
		var inv *InvalidError
		if _, err := s.SetRoute(ctx, by, RouteRule{Agency: "not a code"}); !errors.As(err, &inv) || !inv.Has("agency") {
			t.Errorf("bad agency: %v", err)
		}
		list, err := s.Routes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Agency != "BCA" {
			t.Fatalf("routes = %+v", list)
		}
		in := valid()
		in.Category, in.ProvinceCode = CategorySystem, ""
		c := mustOpen(t, s, in)
		if c.Agency != "BCA" {
			t.Errorf("routed to %q, want BCA", c.Agency)
		}
		if err := s.DeleteRoute(ctx, by, r.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteRoute(ctx, by, r.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("second delete: %v", err)
		}
		if n := countRows(t, d, "audit_log"); n != 3 {
			t.Errorf("audit rows = %d, want 3", n)
		}
	})
}
