package targets

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// fakeMeasure serves figures by indicator and "from..to" span.
type fakeMeasure map[string]map[string][2]int64

func (f fakeMeasure) fn(ctx context.Context, id string, sp Span) (Measured, error) {
	c, ok := f[id][sp.From.Format(time.DateOnly)+".."+sp.To.Format(time.DateOnly)]
	if !ok || c[1] == 0 {
		return Measured{}, nil
	}
	return Measured{Known: true, Value: 100 * float64(c[0]) / float64(c[1]), Numerator: c[0], Denominator: c[1], Counted: "hồ sơ"}, nil
}

const (
	span2023 = "2023-01-01..2023-12-31"
	span2024 = "2024-01-01..2024-12-31"
	spanYTD  = "2026-01-01..2026-10-31" // at seedNow, 23 November 2026
)

func boundStore(t *testing.T, d *db.DB) *Store {
	t.Helper()
	s := NewStore(d, WithClock(func() time.Time { return seedNow }),
		WithIndicators([]IndicatorRef{{"online_rate", "Tỷ lệ hồ sơ trực tuyến"}, {"fully_online_rate", "Tỷ lệ hồ sơ trực tuyến toàn trình"}}))
	in := Input{Name: "Tỷ lệ hồ sơ trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter, Baseline: ptr(38.3),
		BaselineYear: ptr(2023), Target2025: ptr(50.0), Source: "Thử", Indicator: "online_rate"}
	if _, err := s.Create(context.Background(), audit.System, "ho_so", 1, in); err != nil {
		t.Fatal(err)
	}
	return s
}

func computeAudits(t *testing.T, d *db.DB) int {
	t.Helper()
	entries, err := audit.NewStore(d).List(context.Background(), audit.Filter{ObjectType: "target"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.Action == "target.compute" {
			n++
		}
	}
	return n
}

func TestComputeObservations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := boundStore(t, d)
		m := fakeMeasure{"online_rate": {span2023: {18_240_000, 47_624_021}, spanYTD: {30_000_000, 60_000_000}}}

		sum, err := s.ComputeObservations(ctx, m.fn)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Added != 2 || sum.Updated+sum.Removed+sum.Unchanged != 0 {
			t.Fatalf("first run %+v", sum)
		}
		obs, err := s.Observations(ctx, "ho_so")
		if err != nil {
			t.Fatal(err)
		}
		if len(obs) != 2 {
			t.Fatalf("observations %+v", obs)
		}
		y, ytd := obs[0], obs[1]
		if y.Period.String() != "2023" || y.Value != 38.3 || !y.Automatic() || y.SourceKind != SourceComputed ||
			y.Note != "Tính từ số liệu đo lường của Loa: 18.240.000/47.624.021 hồ sơ" ||
			!strings.Contains(y.Source, "“Tỷ lệ hồ sơ trực tuyến” (online_rate), toàn quốc, năm 2023") {
			t.Errorf("2023: %+v", y)
		}
		if ytd.Period.String() != "2026-10-31" || ytd.Value != 50 || !strings.Contains(ytd.Source, "từ 01/01/2026 đến 31/10/2026") {
			t.Errorf("year to date: %+v", ytd)
		}
		// Computed observations count like any other: 2026-10-31 is the latest.
		sums, err := s.Summaries(ctx, seedNow)
		if err != nil {
			t.Fatal(err)
		}
		if sums[0].Latest == nil || sums[0].Latest.ID != ytd.ID || sums[0].Assessment.ObservedGrowth == nil {
			t.Errorf("summary %+v", sums[0])
		}

		// Again: nothing changes, nothing is audited.
		audits := computeAudits(t, d)
		if sum, err := s.ComputeObservations(ctx, m.fn); err != nil || !reflect.DeepEqual(sum, ComputeSummary{Unchanged: 2}) {
			t.Fatalf("second run %+v: %v", sum, err)
		}
		if n := computeAudits(t, d); n != audits || n != 2 {
			t.Errorf("audit entries %d then %d, want 2", audits, n)
		}

		// A corrected figure replaces the computed one in place; data gone
		// remove it; new data add one.
		m["online_rate"][span2023] = [2]int64{19_000_000, 47_624_021}
		delete(m["online_rate"], spanYTD)
		m["online_rate"][span2024] = [2]int64{21_000_000, 50_000_000}
		if sum, err := s.ComputeObservations(ctx, m.fn); err != nil || !reflect.DeepEqual(sum, ComputeSummary{Added: 1, Updated: 1, Removed: 1}) {
			t.Fatalf("third run %+v: %v", sum, err)
		}
		obs, _ = s.Observations(ctx, "ho_so")
		hist, _ := s.ObservationHistory(ctx, "ho_so")
		if len(obs) != 2 || obs[0].ID != y.ID || obs[0].Value != 39.9 || obs[1].Period.String() != "2024" || obs[1].Value != 42 || len(hist) != 2 {
			t.Errorf("after changes: %+v (history %d)", obs, len(hist))
		}
	})
}

// TestComputePersonWins: a person's value for a period is kept instead of
// Loa's figure, whichever came first.
func TestComputePersonWins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := boundStore(t, d)
		m := fakeMeasure{"online_rate": {span2023: {18_240_000, 47_624_021}, span2024: {21_000_000, 50_000_000}}}
		coordinator := audit.Actor{ID: 7, Name: "dieuphoi", Agency: "VN"}
		manual := func(period string, v float64) {
			t.Helper()
			if _, err := s.AddObservation(ctx, coordinator, "ho_so", ObservationInput{Period: period, Value: v,
				SourceKind: SourceManual, Source: "Báo cáo của Văn phòng Chính phủ"}); err != nil {
				t.Fatal(err)
			}
		}
		manual("2024", 43.5) // before the sweep
		if sum, err := s.ComputeObservations(ctx, m.fn); err != nil || sum.Added != 1 {
			t.Fatalf("first run %+v: %v", sum, err)
		}
		manual("2023", 38.5) // after it
		obs, _ := s.Observations(ctx, "ho_so")
		if len(obs) != 2 || obs[0].Value != 38.5 || obs[0].Automatic() || obs[1].Value != 43.5 {
			t.Fatalf("people's values not current: %+v", obs)
		}
		// The sweep removes its figure for 2023 and adds none for 2024.
		if sum, err := s.ComputeObservations(ctx, m.fn); err != nil || !reflect.DeepEqual(sum, ComputeSummary{Removed: 1}) {
			t.Fatalf("second run %+v: %v", sum, err)
		}
		hist, _ := s.ObservationHistory(ctx, "ho_so")
		for _, o := range hist {
			if o.Automatic() {
				t.Errorf("computed observation left beside a person's: %+v", o)
			}
		}
		if sum, err := s.ComputeObservations(ctx, m.fn); err != nil || !reflect.DeepEqual(sum, ComputeSummary{}) {
			t.Fatalf("third run %+v: %v", sum, err)
		}
	})
}

// TestCurrentPrefersPeople: even when Loa's row for a period is newer (the
// sweep raced a person's entry), the person's value is current.
func TestCurrentPrefersPeople(t *testing.T) {
	p, _ := ParsePeriod("2023")
	person := Observation{ID: 1, TargetKey: "k", Period: p, Value: 40, SourceKind: SourceManual, CreatedByID: 7}
	loa := Observation{ID: 2, TargetKey: "k", Period: p, Value: 38.3, SourceKind: SourceComputed, CreatedByID: audit.System.ID}
	// A person who picked "computed" in the old form is still a person.
	legacy := Observation{ID: 3, TargetKey: "k", Period: p, Value: 41, SourceKind: SourceComputed, CreatedByID: 7}
	if got := current([]Observation{person, loa})["k"]; len(got) != 1 || got[0].ID != 1 {
		t.Errorf("person then Loa: %+v", got)
	}
	if got := current([]Observation{loa})["k"]; len(got) != 1 || got[0].ID != 2 {
		t.Errorf("Loa alone: %+v", got)
	}
	if got := current([]Observation{person, loa, legacy})["k"]; len(got) != 1 || got[0].ID != 3 || legacy.Automatic() {
		t.Errorf("legacy entry: %+v", got)
	}
}

func TestComputeUnboundAndInvalid(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := boundStore(t, d)
		m := fakeMeasure{"online_rate": {span2023: {18_240_000, 47_624_021}}, "fully_online_rate": {span2023: {60, 50}}}
		if _, err := s.ComputeObservations(ctx, m.fn); err != nil {
			t.Fatal(err)
		}
		// Bound to a rate whose figure is over 100%: skipped, and the
		// figure of the former binding goes.
		cur, _ := s.Get(ctx, "ho_so")
		in := Input{Name: cur.Name, Unit: cur.Unit, Direction: cur.Direction, Baseline: cur.Baseline, BaselineYear: cur.BaselineYear,
			Target2025: cur.Target2025, Source: cur.Source, Indicator: "fully_online_rate", ChangeNote: "Đổi chỉ số"}
		if _, err := s.Update(ctx, audit.System, "ho_so", cur.Version, in); err != nil {
			t.Fatal(err)
		}
		sum, err := s.ComputeObservations(ctx, m.fn)
		if err != nil || sum.Removed != 1 || sum.Added != 0 || len(sum.Skipped) != 1 || !strings.Contains(sum.Skipped[0], "tỷ lệ phải từ 0 đến 100") {
			t.Fatalf("rebound run %+v: %v", sum, err)
		}
		// An error of the measurements stops the sweep and says where.
		boom := func(context.Context, string, Span) (Measured, error) { return Measured{}, errors.New("boom") }
		if _, err := s.ComputeObservations(ctx, boom); err == nil || !strings.Contains(err.Error(), "compute ho_so") {
			t.Errorf("measure error: %v", err)
		}
	})
}

func TestBindingValidated(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := boundStore(t, d)
		cur, _ := s.Get(ctx, "ho_so")
		for name, tc := range map[string]struct {
			unit      Unit
			indicator string
		}{
			"unknown indicator": {UnitPercent, "satisfaction"},
			"not a rate target": {UnitPeople, "online_rate"},
			"malformed":         {UnitPercent, "Online Rate"},
		} {
			in := Input{Name: cur.Name, Unit: tc.unit, Direction: cur.Direction, Source: "x", Indicator: tc.indicator, ChangeNote: "Sửa"}
			_, err := s.Update(ctx, audit.System, "ho_so", cur.Version, in)
			var inv *InvalidError
			if !errors.As(err, &inv) || !strings.Contains(inv.Message(), "Chỉ số tự động tính") {
				t.Errorf("%s: %v", name, err)
			}
		}
		// A person may not enter a "computed" value.
		_, err := s.AddObservation(ctx, audit.Actor{ID: 7, Name: "dieuphoi"}, "ho_so",
			ObservationInput{Period: "2024", Value: 40, SourceKind: SourceComputed, Source: "x"})
		var inv *InvalidError
		if !errors.As(err, &inv) || inv.Fields[0].Field != "source_kind" {
			t.Errorf("computed entered by hand: %v", err)
		}
	})
}

func TestSpans(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	for _, tc := range []struct {
		now         time.Time
		first, last string
		n           int
	}{
		{time.Date(2026, 11, 23, 10, 0, 0, 0, ict), "2019", "2026-10-31", 8},
		{time.Date(2027, 1, 15, 10, 0, 0, 0, ict), "2019", "2026", 8}, // January: the year just ended, no year to date
		{time.Date(2026, 3, 1, 0, 30, 0, 0, ict), "2019", "2026-02-28", 8},
	} {
		periods := computedPeriods(tc.now)
		last := periods[len(periods)-1]
		if len(periods) != tc.n || periods[0].String() != tc.first || last.String() != tc.last || last.End().After(tc.now) ||
			span(last).To.Format(time.DateOnly) != last.Date.Format(time.DateOnly) && !last.Date.IsZero() {
			t.Errorf("%s: %d periods %s … %s", tc.now, len(periods), periods[0], last)
		}
	}
}

// TestComputeConcurrent: sweeps running at once (two replicas) leave one
// computed observation per period, and none fails.
func TestComputeConcurrent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := boundStore(t, d)
		m := fakeMeasure{"online_rate": {span2023: {18_240_000, 47_624_021}, spanYTD: {30_000_000, 60_000_000}}}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Go(func() { _, errs[i] = s.ComputeObservations(ctx, m.fn) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		hist, err := s.ObservationHistory(ctx, "ho_so")
		if err != nil || len(hist) != 2 {
			t.Fatalf("%d observations after concurrent sweeps: %v", len(hist), err)
		}
	})
}
