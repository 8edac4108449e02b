package measure

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestRefreshCompactConcurrently: replicas' background jobs and an import
// rebuild the same month at once; every rebuild succeeds and the month
// holds its counts once.
func TestRefreshCompactConcurrently(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		var rows []rollupRow
		for _, unit := range []string{"00004", "00008", "26734", "BCA"} {
			rows = append(rows, received("2025-03-03", unit, "a", 100, 60)...)
		}
		putRows(t, s, rows...)
		const rebuilds = 6
		dbtest.AtOnce(t, rebuilds, "rebuild", func() error {
			return s.RefreshCompact(ctx, "2025-03")
		})
		var units, received int64
		if err := d.QueryRow(ctx, "SELECT COUNT(*), COALESCE(SUM(received), 0) FROM measure_unit_months WHERE month = ?", "2025-03").
			Scan(&units, &received); err != nil {
			t.Fatal(err)
		}
		if units != 4 || received != 400 {
			t.Errorf("month holds %d units and %d dossiers, want 4 and 400", units, received)
		}
	})
}
