package db_test

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestAreaProcMonthsBackfill checks that migration 00023 fills the new
// compact table from the months measure_monthly already holds, by area
// (a province with its communes, a ministry on its own) and procedure,
// quarantined sources left out: dashboards read it as soon as the
// migration has run, before any rebuild.
func TestAreaProcMonthsBackfill(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := d.MigrateDownTo(ctx, 22); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"INSERT INTO measure_sources (source, agency, first_seen_at, last_seen_at, quarantined) VALUES " +
				"('good', '01', '2025-01-01 00:00:00', '2025-01-01 00:00:00', FALSE), " +
				"('bad', '01', '2025-01-01 00:00:00', '2025-01-01 00:00:00', TRUE)",
			"INSERT INTO measure_monthly (month, unit, province, procedure_code, channel, level, source, received, resolved) VALUES " +
				"('2025-06', '01', '01', 'P1', 'online', 'full', 'good', 5, 4), " +
				"('2025-06', '00004', '01', 'P1', 'online', 'partial', 'good', 7, 1), " +
				"('2025-06', '00004', '01', 'P1', 'direct', '', 'good', 11, 0), " +
				"('2025-06', '00004', '01', 'P1', 'direct', '', 'bad', 1000, 0), " +
				"('2025-06', 'BCA', '', 'P1', 'online', 'full', 'good', 3, 3), " +
				"('2025-07', '00004', '01', 'P2', 'online', 'full', 'good', 2, 2)",
		} {
			if _, err := d.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		rows, err := d.Query(ctx, "SELECT month, area, province, procedure_code, received, received_online, "+
			"received_fully_online, resolved FROM measure_area_proc_months ORDER BY month, area, procedure_code")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		type row struct {
			month, area, province, proc      string
			received, online, full, resolved int64
		}
		var got []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.month, &r.area, &r.province, &r.proc, &r.received, &r.online, &r.full, &r.resolved); err != nil {
				t.Fatal(err)
			}
			got = append(got, r)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		want := []row{
			{"2025-06", "01", "01", "P1", 23, 12, 5, 5},
			{"2025-06", "BCA", "", "P1", 3, 3, 3, 3},
			{"2025-07", "01", "01", "P2", 2, 2, 2, 2},
		}
		if len(got) != len(want) {
			t.Fatalf("rows %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
			}
		}
	})
}
