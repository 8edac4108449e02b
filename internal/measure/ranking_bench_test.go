package measure

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/units"
)

// The dashboard quality bar: with a national year loaded at full scale
// (about 200,000 dossiers a day over 3,321 communes, 34 provinces, 17
// ministries and about 2,000 procedures), the national dashboard's
// queries p95 ≤ 200 ms and a ranking ≤ 100 ms. Loading scale 1 takes
// minutes, so the full run is by hand:
//
//	LOA_DASH_SCALE=1 go test -run TestDashboardLatency -v -timeout 2h ./internal/measure/
//
// (LOA_DASH_SCALE=0.05 for a quick look), and BenchmarkRanking runs the
// same queries at a small scale under go test -bench.

// dashStore loads the real units, the demo catalogue, and a demo year at
// scale — 2,000 procedures, the catalogue's and the long tail outside it —
// into a temporary SQLite database.
func dashStore(tb testing.TB, d *db.DB, scale float64) (*Store, string, time.Duration) {
	tb.Helper()
	ctx := context.Background()
	us := units.NewStore(d)
	if err := us.Seed(ctx); err != nil {
		tb.Fatal(err)
	}
	dir, err := LoadDirectory(ctx, us)
	if err != nil {
		tb.Fatal(err)
	}
	svcs, err := catalog.DemoServices()
	if err != nil {
		tb.Fatal(err)
	}
	s := NewStore(d, WithDirectory(dir), WithProcedures(CatalogProcedures(StaticCatalog(svcs))))
	end := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	start := time.Now()
	sum, err := s.Demo(ctx, DemoOptions{Scale: scale, Seed: 1, End: end, Services: svcs})
	if err != nil {
		tb.Fatal(err)
	}
	load := time.Since(start)
	tb.Logf("loaded scale %v: %d dossiers (%.0f a day), %d day rows, %d month rows, %d units, %d procedures in %s",
		scale, sum.Dossiers, float64(sum.Dossiers)/365, sum.Days, sum.Months, sum.Units, sum.Procedures, load.Round(time.Second))
	return s, "2025-11", load
}

// dashQueries are the national dashboard's queries for a period and an
// indicator: the headline (period and the one before), the rankings of
// provinces and ministries, the twelve-month trend.
func dashQueries(ctx context.Context, s *Store, p Period, ind string) (rank time.Duration, err error) {
	if _, err = s.SliceReport(ctx, p, National); err != nil {
		return
	}
	if _, err = s.SliceReport(ctx, p.Previous(), National); err != nil {
		return
	}
	t0 := time.Now()
	if _, err = s.Rank(ctx, RankQuery{Indicator: ind, Period: p, Level: RankProvinces}); err != nil {
		return
	}
	rank = time.Since(t0)
	if _, err = s.Rank(ctx, RankQuery{Indicator: ind, Period: p, Level: RankMinistries}); err != nil {
		return
	}
	trend, _ := ParsePeriod("2025")
	_, err = s.MonthlyFigures(ctx, trend, National)
	return
}

func percentile(ds []time.Duration, q float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

func TestDashboardLatency(t *testing.T) {
	v := os.Getenv("LOA_DASH_SCALE")
	if v == "" {
		t.Skip("set LOA_DASH_SCALE (1 for the national year) to load a demo year and time the dashboard's queries")
	}
	scale, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, _, _ := dashStore(t, dbtest.SQLite(t), scale)
	measureDashboard(t, s, "events only")
	// Agencies that send totals instead of events: lines for the whole
	// year and for a month, for the nation, a province and a ministry,
	// for all procedures and for one, folded into the same queries.
	lines := "period,unit,procedure,received_total,received_online,received_fully_online,resolved_total,resolved_on_time,paid_online\n" +
		"2025,VN,1.001193,2000000,1500000,1000000,,,\n" +
		"2025,01,*,9000000,4000000,2000000,8000000,7000000,\n" +
		"2025-06,BCA,*,500000,450000,,,,\n" +
		"2025-06,79,2.001159,300000,290000,290000,,,\n"
	parsed, err := s.ParseAggregates(strings.NewReader(lines))
	if err != nil || len(parsed.Errors) > 0 {
		t.Fatalf("aggregates: %v %v", err, parsed.Errors)
	}
	if _, err := s.ImportAggregates(ctx, audit.System, parsed, ImportOptions{Source: "bench"}); err != nil {
		t.Fatal(err)
	}
	measureDashboard(t, s, "with aggregates folded in")
}

// measureDashboard times the national dashboard's queries 120 times over
// a mix of periods and indicators, and logs p50 and p95.
func measureDashboard(t *testing.T, s *Store, what string) {
	t.Helper()
	ctx := context.Background()
	periods := []string{"2025", "2025-01", "2025-06", "2025-11", "2025-03", "2025-09"}
	inds := RateIndicators()
	var dash, ranks []time.Duration
	for i := range 120 {
		p, _ := ParsePeriod(periods[i%len(periods)])
		start := time.Now()
		rank, err := dashQueries(ctx, s, p, inds[i%len(inds)].ID)
		if err != nil {
			t.Fatal(err)
		}
		dash, ranks = append(dash, time.Since(start)), append(ranks, rank)
	}
	t.Logf("%s: national dashboard (headline ×2, 34 provinces, 17 ministries, 12-month trend), %d runs: p50 %s p95 %s", what,
		len(dash), percentile(dash, 0.5).Round(time.Microsecond), percentile(dash, 0.95).Round(time.Microsecond))
	t.Logf("%s: ranking of the 34 provinces, %d runs: p50 %s p95 %s max %s", what, len(ranks),
		percentile(ranks, 0.5).Round(time.Microsecond), percentile(ranks, 0.95).Round(time.Microsecond), slices.Max(ranks).Round(time.Microsecond))
}

// BenchmarkRanking times a year's ranking of the provinces at a small
// scale: go test -run '^$' -bench Ranking ./internal/measure/
func BenchmarkRanking(b *testing.B) {
	ctx := context.Background()
	s, _, _ := dashStore(b, dbtest.SQLite(b), 0.01)
	p, _ := ParsePeriod("2025")
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Rank(ctx, RankQuery{Indicator: "online_rate", Period: p, Level: RankProvinces}); err != nil {
			b.Fatal(err)
		}
	}
}
