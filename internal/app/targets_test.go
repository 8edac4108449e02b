package app

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/targets"
)

// seedCSV is the programme's 2023 figures (../shared/data/measure), as
// measure's tests keep them.
const seedCSV = "../measure/testdata/seed-2023.csv"

func importSeed2023(t *testing.T, a *App) {
	t.Helper()
	ctx := context.Background()
	f, err := os.Open(seedCSV)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := a.Measure.ParseAggregates(f)
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := a.Measure.ImportAggregates(ctx, audit.System, p, measure.ImportOptions{Source: "seed-2023.csv"}); err != nil {
		t.Fatalf("import: %v %v", err, sum.Errors)
	}
}

// observed returns the current observation of key for period.
func observed(t *testing.T, a *App, key, period string) *targets.Observation {
	t.Helper()
	obs, err := a.Targets.Observations(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	for i := range obs {
		if obs[i].Period.String() == period {
			return &obs[i]
		}
	}
	return nil
}

// TestTargetsComputedFromMeasure: after the programme's 2023 aggregates
// are imported, the sweep gives the seeded rate targets their published
// 2023 values, marked computed; a person's 2023 value is kept instead;
// running again changes nothing.
func TestTargetsComputedFromMeasure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a := measuredApp(t, d)
		// Before any figure: nothing to compute.
		if sum, err := a.ComputeTargets(ctx); err != nil || sum.Added != 0 {
			t.Fatalf("sweep without data: %+v %v", sum, err)
		}
		importSeed2023(t, a)
		sum, err := a.ComputeTargets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Added != 2 || len(sum.Skipped) != 0 {
			t.Fatalf("sweep %+v, want the 2023 figure of both bound targets", sum)
		}
		on := observed(t, a, "ho_so_truc_tuyen", "2023")
		if on == nil || on.Value != 38.3 || !on.Automatic() || on.SourceKind != targets.SourceComputed ||
			on.Note != "Tính từ số liệu đo lường của Loa: 18.240.000/47.624.021 hồ sơ" {
			t.Fatalf("online rate 2023: %+v", on)
		}
		if full := observed(t, a, "ho_so_toan_trinh", "2023"); full == nil || full.Value != 22.37 || !full.Automatic() {
			t.Fatalf("fully online rate 2023: %+v", full)
		}

		// Again: nothing changes.
		if sum, err := a.ComputeTargets(ctx); err != nil || sum.Unchanged != 2 ||
			sum.Added+sum.Updated+sum.Removed != 0 {
			t.Fatalf("second sweep %+v: %v", sum, err)
		}

		// The coordinator enters the 2023 figure from a report: it is kept,
		// and Loa's figure for 2023 goes.
		coordinator := audit.Actor{ID: 7, Name: "dieuphoi", Agency: "VN"}
		if _, err := a.Targets.AddObservation(ctx, coordinator, "ho_so_truc_tuyen", targets.ObservationInput{
			Period: "2023", Value: 38.29, SourceKind: targets.SourceManual, Source: "Báo cáo năm 2023"}); err != nil {
			t.Fatal(err)
		}
		if sum, err := a.ComputeTargets(ctx); err != nil || sum.Removed != 1 || sum.Added != 0 {
			t.Fatalf("sweep after the manual value %+v: %v", sum, err)
		}
		if on := observed(t, a, "ho_so_truc_tuyen", "2023"); on == nil || on.Value != 38.29 || on.Automatic() {
			t.Fatalf("manual 2023 value not kept: %+v", on)
		}
		if sum, err := a.ComputeTargets(ctx); err != nil || sum.Unchanged != 1 ||
			sum.Added+sum.Updated+sum.Removed != 0 {
			t.Fatalf("last sweep %+v: %v", sum, err)
		}
	})
}

func TestRateIndicators(t *testing.T) {
	var ids []string
	for _, r := range rateIndicators() {
		ids = append(ids, r.ID)
		if r.Name == "" {
			t.Errorf("%s has no name", r.ID)
		}
	}
	if !slices.Contains(ids, "online_rate") || !slices.Contains(ids, "fully_online_rate") || slices.Contains(ids, "hours_saved") {
		t.Errorf("rate indicators %v", ids)
	}
}

// TestPartialYearIsNoObservation: a year the data cover only in part (a
// demo year from March 2024 to February 2025) gives no year's figure.
func TestPartialYearIsNoObservation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a := measuredApp(t, d)
		svcs, err := catalog.DemoServices()
		if err != nil {
			t.Fatal(err)
		}
		end := time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC)
		if _, err := a.Measure.Demo(ctx, measure.DemoOptions{Scale: 0.0005, Seed: 1, End: end, Services: svcs, Procedures: 100}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.ComputeTargets(ctx); err != nil {
			t.Fatal(err)
		}
		for _, y := range []string{"2024", "2025"} {
			if o := observed(t, a, "ho_so_truc_tuyen", y); o != nil {
				t.Errorf("%s has an observation from part of the year: %+v", y, o)
			}
		}
	})
}

// measuredApp returns the app on d with the reference data seeded and
// measurement prepared, where the targets tests start.
func measuredApp(t *testing.T, d *db.DB) *App {
	t.Helper()
	ctx := context.Background()
	a := FromDB(d)
	if err := a.SeedReference(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.PrepareMeasure(ctx); err != nil {
		t.Fatal(err)
	}
	return a
}
