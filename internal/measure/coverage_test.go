package measure

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestCovered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := demoCatalogStore(t, d)
		covered := func(p string) bool {
			t.Helper()
			ok, err := s.Covered(ctx, mustPeriod(t, p))
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		// Events in November and December 2025 only.
		putRows(t, s, received("2025-11-03", "01", "a", 10, 5)...)
		putRows(t, s, received("2025-12-03", "01", "a", 10, 5)...)
		if err := s.RefreshAllCompact(ctx); err != nil {
			t.Fatal(err)
		}
		if covered("2025") || !covered("2025-11") || !covered("2025-11-01..2025-12-31") || covered("2025-10") {
			t.Error("event months")
		}
		// The national total for 2023 covers 2023; a ministry's line would not.
		importSeed(t, s)
		if !covered("2023") || covered("2024") {
			t.Error("the national total for 2023")
		}
	})
}
