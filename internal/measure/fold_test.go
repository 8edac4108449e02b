package measure

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// foldUnits are the units of testDir with their provinces.
var foldUnits = map[string]string{"00004": "01", "00008": "01", "01": "01", "26734": "79", "79": "79", "BCA": "", "BTC": ""}

// randomRollups puts event rollups of 2025: random units, procedures,
// channels and counters.
func randomRollups(t *testing.T, s *Store, rng *rand.Rand, n int) {
	t.Helper()
	units := []string{"00004", "00008", "01", "26734", "79", "BCA", "BTC"}
	procs := []string{"2.001159", "1.001193", "9.999"}
	var rows []rollupRow
	for range n {
		unit := units[rng.IntN(len(units))]
		k := rollupKey{Period: fmt.Sprintf("2025-%02d-%02d", 1+rng.IntN(6), 1+rng.IntN(28)), Unit: unit, Province: foldUnits[unit],
			Procedure: procs[rng.IntN(len(procs))], Source: "src"}
		switch rng.IntN(3) {
		case 0:
			k.Channel, k.Level = ChannelOnline, LevelFull
		case 1:
			k.Channel, k.Level = ChannelOnline, LevelPartial
		default:
			k.Channel = ChannelInPerson
		}
		res := rng.Int64N(20)
		due := rng.Int64N(res + 1)
		rows = append(rows, rollupRow{k, Counters{Received: 1 + rng.Int64N(50), Resolved: res, ResolvedDueKnown: due,
			ResolvedOnTime: rng.Int64N(due + 1), PaidOnline: rng.Int64N(5), Ratings: rng.Int64N(4)}})
	}
	putRows(t, s, rows...)
}

// randomAggregates imports aggregate lines for random periods (a year, a
// month, a day), units (the nation included) and procedures (all or one),
// some counts unknown.
func randomAggregates(t *testing.T, s *Store, rng *rand.Rand, n int) {
	t.Helper()
	periods := []string{"2025", "2025-03", "2025-04", "2025-03-10"}
	units := []string{"VN", "01", "00004", "79", "BCA"}
	procs := []string{"*", "2.001159", "1.001193"}
	var b strings.Builder
	b.WriteString(strings.Join(AggregateColumns, ",") + "\n")
	seen := map[string]bool{}
	for range n {
		p, u, pr := periods[rng.IntN(len(periods))], units[rng.IntN(len(units))], procs[rng.IntN(len(procs))]
		if seen[p+u+pr] {
			continue
		}
		seen[p+u+pr] = true
		total := 100 + rng.Int64N(10000)
		online := rng.Int64N(total + 1)
		full := rng.Int64N(online + 1)
		resolved := rng.Int64N(total + 1)
		cells := []int64{total, online, full, resolved, rng.Int64N(resolved + 1), rng.Int64N(online + 1)}
		line := []string{p, u, pr}
		for _, c := range cells {
			if rng.IntN(4) == 0 {
				line = append(line, "") // unknown
			} else {
				line = append(line, fmt.Sprint(c))
			}
		}
		if strings.Join(line[3:], "") == "" {
			line[3] = fmt.Sprint(total)
		}
		b.WriteString(strings.Join(line, ",") + "\n")
	}
	parsed, err := s.ParseAggregates(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	// Lines whose unknown cells break an inequality check are rejected;
	// the rest are imported.
	if _, err := s.ImportAggregates(context.Background(), audit.System, parsed, ImportOptions{SkipInvalid: true}); err != nil {
		t.Fatal(err)
	}
}

// sameValue compares a dashboard figure with the report's.
func sameValue(t *testing.T, what string, got, want Value) {
	t.Helper()
	if got.Known != want.Known || got.Numerator != want.Numerator || got.Denominator != want.Denominator ||
		math.Abs(got.Value-want.Value) > 1e-6 {
		t.Errorf("%s %s: dashboard %d/%d=%.4f (%v), report %d/%d=%.4f (%v)", what, want.Indicator.ID,
			got.Numerator, got.Denominator, got.Value, got.Known, want.Numerator, want.Denominator, want.Value, want.Known)
	}
}

// TestDashboardsAgreeWithReport is a property test: with events and
// aggregates mixed at random — nested, overlapping, some counts unknown —
// every figure of the dashboards (headline, rankings, monthly trend,
// procedures) is the figure Report gives for the same slice.
func TestDashboardsAgreeWithReport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for seed := range uint64(20) {
			for _, table := range []string{"measure_daily", "measure_monthly", "measure_aggregates", "measure_unit_months", "measure_proc_months"} {
				if _, err := d.Exec(ctx, "DELETE FROM "+table); err != nil {
					t.Fatal(err)
				}
			}
			s := newTestStore(d)
			rng := rand.New(rand.NewPCG(seed, 42))
			randomRollups(t, s, rng, 300)
			randomAggregates(t, s, rng, 12)
			if err := s.RefreshAllCompact(ctx); err != nil {
				t.Fatal(err)
			}
			report := func(p, unit, proc string) *Report {
				r, err := s.Report(ctx, Slice{Period: mustPeriod(t, p), Unit: unit, Procedure: proc})
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			for _, p := range []string{"2025", "2025-03", "2025-04", "2025-02"} {
				for _, unit := range []string{National, "01", "00004", "00008", "79", "26734", "BCA", "BTC", "BGDDT"} {
					got, err := s.SliceReport(ctx, mustPeriod(t, p), unit)
					if err != nil {
						t.Fatal(err)
					}
					want := report(p, unit, "")
					for name, c := range want.Counts {
						if got.Counts[name] != c {
							t.Errorf("seed %d %s %s %s: dashboard %+v, report %+v", seed, p, unit, name, got.Counts[name], c)
						}
					}
					for _, w := range want.Values {
						g, _ := got.Value(w.Indicator.ID)
						sameValue(t, fmt.Sprintf("seed %d %s %s", seed, p, unit), g, w)
					}
				}
				for _, q := range []RankQuery{{Level: RankProvinces}, {Level: RankMinistries}, {Level: RankCommunes, Province: "01"}} {
					for _, ind := range RateIndicators() {
						q.Indicator, q.Period = ind.ID, mustPeriod(t, p)
						rk, err := s.rankLive(ctx, q, ind)
						if err != nil {
							t.Fatal(err)
						}
						for _, row := range rk.Rows {
							want, _ := report(p, row.Unit.Code, "").Value(ind.ID)
							sameValue(t, fmt.Sprintf("seed %d %s ranking %s %s", seed, p, q.Level, row.Unit.Code), row.Value, want)
						}
					}
				}
			}
			for _, unit := range []string{National, "01", "00004", "BCA"} {
				months, err := s.MonthlyFigures(ctx, mustPeriod(t, "2025"), unit)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range months {
					want := report(m.Month, unit, "")
					for _, ind := range RateIndicators() {
						w, _ := want.Value(ind.ID)
						sameValue(t, fmt.Sprintf("seed %d month %s %s", seed, m.Month, unit), m.Figures.Value(ind), w)
					}
				}
				procs, err := s.ProcedureFigures(ctx, mustPeriod(t, "2025"), unit, 0)
				if err != nil {
					t.Fatal(err)
				}
				if len(procs) == 0 {
					t.Errorf("seed %d %s: no procedures", seed, unit)
				}
				for _, pf := range procs {
					want := report("2025", unit, pf.Procedure.Key())
					if got := pf.Figures.Count("received_total"); got != want.Counts["received_total"] {
						t.Errorf("seed %d %s procedure %s: received %+v, report %+v", seed, unit, pf.Procedure.Key(), got, want.Counts["received_total"])
					}
					for _, ind := range RateIndicators() {
						w, _ := want.Value(ind.ID)
						sameValue(t, fmt.Sprintf("seed %d %s procedure %s", seed, unit, pf.Procedure.Key()), pf.Figures.Value(ind), w)
					}
				}
			}
		}
	})
}

// TestSeedOnDashboards: after the seed file alone, the national headline
// of 2023 is the programme's, and the ministries' lines rank.
func TestSeedOnDashboards(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := demoCatalogStore(t, d)
		importSeed(t, s)
		y := mustPeriod(t, "2023")
		rep, err := s.SliceReport(ctx, y, National)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := rep.Value("online_rate"); math.Abs(v.Value-38.3) > 0.005 {
			t.Errorf("online rate %v", v)
		}
		if v, _ := rep.Value("hours_saved"); v.Value != 36_480_000 {
			t.Errorf("hours saved %v", v.Value)
		}
		dp, err := s.Periods(ctx)
		if err != nil || len(dp.Years) != 1 || dp.Years[0] != "2023" || len(dp.Months) != 0 {
			t.Errorf("periods %+v %v", dp, err)
		}
		rk, err := s.Rank(ctx, RankQuery{Indicator: "online_rate", Period: y, Level: RankMinistries})
		if err != nil {
			t.Fatal(err)
		}
		if rk.Rows[0].Unit.Code != "BTC" || !rk.Rows[0].Ranked() {
			t.Errorf("ministries: %+v", rk.Rows)
		}
		procs, err := s.ProcedureFigures(ctx, y, National, 0)
		if err != nil || len(procs) != 4 {
			t.Fatalf("procedures: %d %v", len(procs), err)
		}
		h, err := s.Honours(ctx, 2023)
		if err != nil || len(h.MostUsed) != 4 {
			t.Errorf("honours: %+v %v", h, err)
		}
	})
}
