package targets_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/targets"
)

var (
	coordinator = audit.Actor{ID: 7, Name: "dieuphoi", Agency: "VN"}
	testNow     = time.Date(2025, 6, 15, 3, 0, 0, 0, time.UTC)
)

func newStore(d *db.DB) *targets.Store {
	return targets.NewStore(d, targets.WithClock(func() time.Time { return testNow }))
}

func ptr[T any](v T) *T { return &v }

func rateInput() targets.Input {
	return targets.Input{Name: "Tỷ lệ hồ sơ trực tuyến", Unit: targets.UnitPercent, Direction: targets.HigherIsBetter,
		Baseline: ptr(38.3), BaselineYear: ptr(2023), Target2025: ptr(50.0), Source: "Thử nghiệm"}
}

func TestStoreVersions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newStore(d)
		created, err := s.Create(ctx, coordinator, "ho_so", 1, rateInput())
		if err != nil {
			t.Fatal(err)
		}
		if created.Version != 1 {
			t.Fatalf("version %d", created.Version)
		}
		if _, err := s.Create(ctx, coordinator, "ho_so", 2, rateInput()); !errors.Is(err, targets.ErrExists) {
			t.Fatalf("second create: %v", err)
		}
		in := rateInput()
		// Decomposed "ỷ" (y + hook + dot) must be stored as NFC.
		in.Name = "Ty\u0309 lệ hồ sơ trực tuyến (sửa)"
		in.Target2025, in.Target2030 = nil, ptr(80.0)
		in.ChangeNote = "Theo văn bản chính thức"
		in.Confirmed = true
		upd, err := s.Update(ctx, coordinator, "ho_so", 1, in)
		if err != nil {
			t.Fatal(err)
		}
		if upd.Version != 2 {
			t.Fatalf("version %d", upd.Version)
		}
		// The form of version 1, submitted again, is a conflict: nothing written.
		if _, err := s.Update(ctx, coordinator, "ho_so", 1, in); !errors.Is(err, targets.ErrConflict) {
			t.Fatalf("stale update: %v", err)
		}
		if _, err := s.Update(ctx, coordinator, "khong_co", 1, in); !errors.Is(err, targets.ErrNotFound) {
			t.Fatalf("unknown key: %v", err)
		}
		got, err := s.Get(ctx, "ho_so")
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Tỷ lệ hồ sơ trực tuyến (sửa)" || got.Version != 2 || got.Target2025 != nil ||
			got.Target2030 == nil || *got.Target2030 != 80 || !got.Confirmed || got.CreatedBy != "dieuphoi" ||
			*got.Baseline != 38.3 || *got.BaselineYear != 2023 || !got.CreatedAt.Equal(testNow) {
			t.Errorf("current version %+v", got)
		}
		hist, err := s.History(ctx, "ho_so")
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 2 || hist[0].Version != 2 || hist[1].Version != 1 || hist[1].Target2025 == nil || *hist[1].Target2025 != 50 {
			t.Fatalf("history %+v", hist)
		}
		entries, err := audit.NewStore(d).List(ctx, audit.Filter{ObjectType: "target"})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, e := range entries {
			actions[e.Action]++
			if e.Action == "target.update" && (!strings.Contains(string(e.Before), `"target_2025":50`) ||
				!strings.Contains(string(e.After), `"target_2030":80`) || e.Note != "Theo văn bản chính thức") {
				t.Errorf("update entry %+v", e)
			}
		}
		if actions["target.create"] != 1 || actions["target.update"] != 1 {
			t.Errorf("audit actions %v", actions)
		}
	})
}

func TestStoreRefusesBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newStore(d)
		if _, err := s.Create(ctx, coordinator, "ho_so", 1, rateInput()); err != nil {
			t.Fatal(err)
		}
		for name, tc := range map[string]struct {
			edit  func(*targets.Input)
			field string
		}{
			"no note":             {func(in *targets.Input) { in.ChangeNote = " " }, "change_note"},
			"rate over 100":       {func(in *targets.Input) { in.Target2025 = ptr(120.0) }, "target_2025"},
			"baseline, no year":   {func(in *targets.Input) { in.BaselineYear = nil }, "baseline"},
			"baseline after 2025": {func(in *targets.Input) { in.BaselineYear = ptr(2025) }, "target_2025"},
			"rank of 0":           {func(in *targets.Input) { in.Unit, in.Baseline, in.Target2025 = targets.UnitRank, ptr(0.0), nil }, "baseline"},
			"fractional people":   {func(in *targets.Input) { in.Unit, in.Baseline, in.Target2025 = targets.UnitPeople, ptr(10.5), nil }, "baseline"},
			"unknown unit":        {func(in *targets.Input) { in.Unit = "kg" }, "unit"},
			"no source":           {func(in *targets.Input) { in.Source = "" }, "source"},
			"control character":   {func(in *targets.Input) { in.Name = "a\x00b" }, "name"},
		} {
			t.Run(name, func(t *testing.T) {
				in := rateInput()
				in.ChangeNote = "Sửa"
				tc.edit(&in)
				_, err := s.Update(ctx, coordinator, "ho_so", 1, in)
				var inv *targets.InvalidError
				if !errors.As(err, &inv) {
					t.Fatalf("err %v, want InvalidError", err)
				}
				found := false
				for _, f := range inv.Fields {
					found = found || f.Field == tc.field
				}
				if !found || inv.Message() == "" || !strings.HasPrefix(err.Error(), "targets: update ho_so: ") {
					t.Errorf("fields %+v, want %s; message %q", inv.Fields, tc.field, inv.Message())
				}
			})
		}
		got, err := s.Get(ctx, "ho_so")
		if err != nil || got.Version != 1 {
			t.Fatalf("after refused edits: %+v %v", got, err)
		}
		if _, err := s.Create(ctx, coordinator, "Bad Key", 1, rateInput()); err == nil {
			t.Error("bad key accepted")
		}
	})
}

// TestStoreConcurrentEdits: of many edits of the same version at once,
// exactly one is saved and the rest are conflicts.
func TestStoreConcurrentEdits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newStore(d)
		if _, err := s.Create(ctx, coordinator, "ho_so", 1, rateInput()); err != nil {
			t.Fatal(err)
		}
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				in := rateInput()
				in.ChangeNote = "Sửa đồng thời"
				in.Target2025 = ptr(float64(40 + i))
				_, errs[i] = s.Update(ctx, coordinator, "ho_so", 1, in)
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, targets.ErrConflict):
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		hist, err := s.History(ctx, "ho_so")
		if err != nil {
			t.Fatal(err)
		}
		if ok != 1 || len(hist) != 2 {
			t.Errorf("%d saved, %d versions; want 1 and 2", ok, len(hist))
		}
	})
}

func TestStoreObservations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newStore(d)
		if _, err := s.Create(ctx, coordinator, "ho_so", 1, rateInput()); err != nil {
			t.Fatal(err)
		}
		add := func(period string, v float64) error {
			_, err := s.AddObservation(ctx, coordinator, "ho_so", targets.ObservationInput{
				Period: period, Value: v, SourceKind: targets.SourceManual, Source: "Báo cáo " + period})
			return err
		}
		for _, tc := range []struct {
			period string
			v      float64
		}{{"2024", 41}, {"2024-06-30", 39.5}, {"2024", 45}} {
			if err := add(tc.period, tc.v); err != nil {
				t.Fatal(err)
			}
		}
		for _, bad := range []struct {
			period string
			v      float64
		}{{"2025", 46}, {"2025-06-20", 46}, {"2024", 101}, {"24", 40}} {
			err := add(bad.period, bad.v)
			var inv *targets.InvalidError
			if !errors.As(err, &inv) {
				t.Errorf("%s = %v: err %v, want refused", bad.period, bad.v, err)
			}
		}
		if _, err := s.AddObservation(ctx, coordinator, "khong_co", targets.ObservationInput{Period: "2024", Value: 1,
			SourceKind: targets.SourceManual, Source: "x"}); !errors.Is(err, targets.ErrNotFound) {
			t.Errorf("unknown target: %v", err)
		}
		cur, err := s.Observations(ctx, "ho_so")
		if err != nil {
			t.Fatal(err)
		}
		// The 2024 correction replaces 41; mid-2024 comes before 2024.
		if len(cur) != 2 || cur[0].Period.String() != "2024-06-30" || cur[1].Value != 45 || cur[1].Source != "Báo cáo 2024" {
			t.Fatalf("current observations %+v", cur)
		}
		hist, err := s.ObservationHistory(ctx, "ho_so")
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 3 || hist[0].Value != 45 || hist[2].Value != 41 {
			t.Fatalf("history %+v", hist)
		}
		sums, err := s.Summaries(ctx, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if len(sums) != 1 || sums[0].Latest == nil || sums[0].Latest.Value != 45 || sums[0].Assessment.Status != targets.OnTrack {
			t.Fatalf("summary %+v", sums)
		}
		entries, err := audit.NewStore(d).List(ctx, audit.Filter{ObjectType: "target"})
		if err != nil {
			t.Fatal(err)
		}
		observed := 0
		for _, e := range entries {
			if e.Action == "target.observe" {
				observed++
			}
		}
		if observed != 3 {
			t.Errorf("%d observations audited, want 3", observed)
		}
	})
}
