package app

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/units"
)

func TestAgencyParents(t *testing.T) {
	var p agencyParents
	if got := p.parent("UBND-00004"); got != "" {
		t.Fatalf("parent before load = %q, want none", got)
	}
	ctx := context.Background()
	u := units.NewStore(dbtest.SQLite(t))
	if err := u.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.load(ctx, u); err != nil {
		t.Fatal(err)
	}
	if got := p.parent("UBND-00004"); got != "UBND-01" {
		t.Fatalf("parent of UBND-00004 = %q, want UBND-01", got)
	}
}
