package measure

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestDemoYearIsRealisticAndReproducible(t *testing.T) {
	svcs, err := catalog.DemoServices()
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := demoCatalogStore(t, d)
		opts := DemoOptions{Scale: 0.002, Seed: 7, End: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), Services: svcs}
		sum, err := s.Demo(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Procedures != DemoProcedures {
			t.Errorf("%d procedures, want %d", sum.Procedures, DemoProcedures)
		}
		want := float64(nationalDossiersPerYear) * opts.Scale
		if f := float64(sum.Dossiers); f < want*0.9 || f > want*1.1 {
			t.Errorf("%d dossiers, want about %.0f", sum.Dossiers, want)
		}
		first := dailyRows(t, d)
		// Again with the same seed: the same rows, replaced not added.
		if _, err := s.Demo(ctx, opts); err != nil {
			t.Fatal(err)
		}
		if again := dailyRows(t, d); !maps.Equal(first, again) {
			t.Error("the same seed gave different rows")
		}

		year := mustPeriod(t, "2025")
		nat, err := s.Report(ctx, Slice{Period: year, Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		if nat.Counts["received_total"].N != sum.Dossiers {
			t.Errorf("report %d dossiers, demo wrote %d", nat.Counts["received_total"].N, sum.Dossiers)
		}
		for id, bounds := range map[string][2]float64{"online_rate": {15, 70}, "on_time_rate": {70, 99}, "satisfaction": {60, 97}} {
			if v := value(t, nat, id); !v.Known || v.Value < bounds[0] || v.Value > bounds[1] {
				t.Errorf("%s = %+v, want within %v", id, v, bounds)
			}
		}
		// The catalogue's few dozen procedures take most of the volume;
		// the long tail outside it the rest, counted under its codes.
		var tail int64
		if err := d.QueryRow(ctx, "SELECT COALESCE(SUM(received), 0) FROM measure_monthly WHERE procedure_code LIKE ?",
			DemoProcedurePrefix+"%").Scan(&tail); err != nil {
			t.Fatal(err)
		}
		if share := float64(tail) / float64(sum.Dossiers); share < 0.2 || share > 0.4 {
			t.Errorf("the long tail has %.2f of the dossiers, want about %.2f", share, demoTailShare)
		}
		// Provinces differ.
		hn, err := s.Report(ctx, Slice{Period: year, Unit: "01"})
		if err != nil {
			t.Fatal(err)
		}
		hcm, err := s.Report(ctx, Slice{Period: year, Unit: "79"})
		if err != nil {
			t.Fatal(err)
		}
		if value(t, hn, "online_rate").Value == value(t, hcm, "online_rate").Value {
			t.Error("two provinces with the same online rate")
		}
		// Weekdays: a Wednesday busier than the Sunday after it; Tết quiet.
		received := func(day string) int64 {
			r, err := s.Report(ctx, Slice{Period: mustPeriod(t, day), Unit: National})
			if err != nil {
				t.Fatal(err)
			}
			return r.Counts["received_total"].N
		}
		if wed, sun := received("2025-05-14"), received("2025-05-18"); wed <= 2*sun {
			t.Errorf("Wednesday %d, Sunday %d", wed, sun)
		}
		if tet, march := received("2025-01-27"), received("2025-03-12"); tet*3 >= march {
			t.Errorf("Tết day %d, March day %d", tet, march)
		}
	})
}
