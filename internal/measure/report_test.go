package measure

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func mustPeriod(t *testing.T, s string) Period {
	t.Helper()
	p, err := ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func value(t *testing.T, r *Report, id string) Value {
	t.Helper()
	v, ok := r.Value(id)
	if !ok {
		t.Fatalf("no indicator %s", id)
	}
	return v
}

// reportFixture ingests a handful of March 2025 events.
func reportFixture(t *testing.T, s *Store) {
	t.Helper()
	due := time.Date(2025, 3, 5, 17, 0, 0, 0, vietnam)
	resolved := func(id, at string, withDue bool) EventInput {
		e := ev(id, 1, "00004", "", "")
		e.Type, e.ResolvedAt = "resolved", at
		if withDue {
			e.DueAt = due.Format(time.RFC3339)
		}
		return e
	}
	batch := []EventInput{
		ev("r1", 0, "00004", "online", "full"),
		ev("r2", 0, "00004", "online", "partial"),
		ev("r3", 1, "00004", "in_person", ""),
		ev("r4", 1, "26734", "online", "full"),
		ev("r5", 0, "BCA", "post", ""),
		resolved("s1", "2025-03-04T10:00:00+07:00", true),
		resolved("s2", "2025-03-06T10:00:00+07:00", true),
		resolved("s3", "2025-03-06T10:00:00+07:00", false),
		{ID: "p1", Source: "motcua", Type: "rated", Score: 5, Procedure: "2.001159", Unit: "00004", OccurredAt: "2025-03-02T08:00:00+07:00"},
		{ID: "p2", Source: "motcua", Type: "rated", Score: 2, Procedure: "2.001159", Unit: "00004", OccurredAt: "2025-03-02T08:00:00+07:00"},
	}
	res, err := s.Ingest(context.Background(), Sender{Agency: "VN"}, Items(batch))
	if err != nil || res.Created != len(batch) {
		t.Fatalf("fixture: %v %+v", err, res)
	}
}

func TestReportFromEvents(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		reportFixture(t, s)

		nat, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025-03"), Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string]float64{"online_rate": 60, "fully_online_rate": 40, "on_time_rate": 50, "satisfaction": 50} {
			if v := value(t, nat, id); !v.Known || v.Value != want {
				t.Errorf("national %s = %+v, want %v", id, v, want)
			}
		}
		if v := value(t, nat, "hours_saved"); v.Value != 6 {
			t.Errorf("hours saved %v, want 3 online × 2", v.Value)
		}
		if v := value(t, nat, "online_payment_rate"); !v.Known || v.Value != 0 {
			t.Errorf("payment rate %+v: known zero expected (events are always counted)", v)
		}

		// The daily path (a range that is not whole months) agrees.
		daily, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025-02-27..2025-03-15"), Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		if a, b := nat.JSON(), daily.JSON(); *a.ReceivedTotal != *b.ReceivedTotal || *a.OnlineRate != *b.OnlineRate || *a.HoursSaved != *b.HoursSaved {
			t.Errorf("monthly %+v and daily %+v differ", a, b)
		}

		// A province is itself and its communes; a commune only itself.
		for _, tc := range []struct {
			unit     string
			received int64
		}{{"01", 3}, {"00004", 3}, {"79", 1}, {"BCA", 1}, {"BTC", 0}} {
			r, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025"), Unit: tc.unit})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Counts["received_total"].N; got != tc.received {
				t.Errorf("%s: received %d, want %d", tc.unit, got, tc.received)
			}
		}
		if _, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025"), Unit: "99999"}); err == nil {
			t.Error("report on an unknown unit")
		}
		// A procedure by slug finds the rows stored by code.
		r, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025"), Unit: National, Procedure: "thong-bao-luu-tru"})
		if err != nil || r.Counts["received_total"].N != 5 {
			t.Errorf("by slug: %v %+v", err, r.Counts["received_total"])
		}

		// A quarantined source drops out of every figure.
		if _, err := d.Exec(ctx, "UPDATE measure_sources SET quarantined = ? WHERE source = ?", true, "VN:motcua"); err != nil {
			t.Fatal(err)
		}
		q, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025-03"), Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		if v := value(t, q, "online_rate"); v.Known || q.Counts["received_total"].N != 0 {
			t.Errorf("quarantined source still counted: %+v", v)
		}
	})
}

func TestAggregateSupersedesTheEventsItCovers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		reportFixture(t, s)
		csv := "period,unit,procedure,received_total,received_online,received_fully_online,resolved_total,resolved_on_time,paid_online\n" +
			"2025-03,01,*,100,50,20,,,\n"
		p, err := s.ParseAggregates(strings.NewReader(csv))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportAggregates(ctx, audit.System, p, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		march := mustPeriod(t, "2025-03")
		prov, err := s.Report(ctx, Slice{Period: march, Unit: "01"})
		if err != nil {
			t.Fatal(err)
		}
		if got := prov.Counts["received_total"].N; got != 100 {
			t.Errorf("province 01: %d received, want the province's own total 100", got)
		}
		nat, err := s.Report(ctx, Slice{Period: march, Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		// 100 from the aggregate, plus the events of 79 and BCA it does not cover.
		if got := nat.Counts["received_total"].N; got != 102 {
			t.Errorf("national: %d received, want 102", got)
		}
		if v := value(t, nat, "online_rate"); v.Numerator != 51 || v.Denominator != 102 {
			t.Errorf("national online rate from %d/%d, want 51/102", v.Numerator, v.Denominator)
		}
		// Ratings are unknown in the aggregate, so satisfaction comes from
		// the events it does not cover (none rated): n/a, not 0 %.
		if v := value(t, nat, "satisfaction"); v.Known {
			t.Errorf("satisfaction %+v, want n/a", v)
		}
		// A single day inside the month is not covered by the monthly total.
		one, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025-03-01"), Unit: "01"})
		if err != nil {
			t.Fatal(err)
		}
		if got := one.Counts["received_total"].N; got != 2 {
			t.Errorf("1 March in province 01: %d, want the 2 events", got)
		}
	})
}

func TestParamVersionsApplyFromTheirMonth(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		batch := []EventInput{ev("a", 0, "00004", "online", "full"), ev("b", 31, "00004", "online", "full")} // 1 March, 1 April
		if _, err := s.Ingest(ctx, Sender{Agency: "VN"}, Items(batch)); err != nil {
			t.Fatal(err)
		}
		by := audit.Actor{ID: 1, Name: "dieuphoi", Agency: "VN"}
		if _, err := s.AddParams(ctx, by, Params{ValidFrom: "2025-04-15", MinutesPerDossier: 90, VNDPerHour: 40000, Note: "x"}); err != ErrBadParamDate {
			t.Fatalf("mid-month version: %v", err)
		}
		if _, err := s.AddParams(ctx, by, Params{ValidFrom: "2025-04-01", MinutesPerDossier: 90, VNDPerHour: 40000, Note: ""}); err != ErrBadParamNote {
			t.Fatalf("version without a note: %v", err)
		}
		if _, err := s.AddParams(ctx, by, Params{ValidFrom: "2025-04-01", MinutesPerDossier: 90, VNDPerHour: 40000, Note: "Khảo sát 2025"}); err != nil {
			t.Fatal(err)
		}
		vs, err := s.ParamVersions(ctx)
		if err != nil || len(vs) != 2 || vs[0].MinutesPerDossier != 120 || vs[0].VNDPerHour != 35000 {
			t.Fatalf("versions: %v %+v", err, vs)
		}
		r, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025"), Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		// March at 2 h × 35,000; April at 1.5 h × 40,000.
		if h := value(t, r, "hours_saved").Value; h != 3.5 {
			t.Errorf("hours %v, want 3.5", h)
		}
		if v := value(t, r, "value_saved_vnd").Value; v != 70000+60000 {
			t.Errorf("value %v, want 130000", v)
		}
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'measure.params'").Scan(&n); err != nil || n != 1 {
			t.Errorf("audit entries: %d %v", n, err)
		}
	})
}

func TestCompareEqualPeriods(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		batch := []EventInput{
			ev("feb1", -28, "00004", "online", "full"), ev("feb2", -28, "00004", "in_person", ""),
			ev("m1", 0, "00004", "online", "full"), ev("m2", 0, "00004", "online", "full"),
			ev("m3", 0, "00004", "online", "partial"), ev("m4", 0, "00004", "post", ""),
		}
		if _, err := s.Ingest(ctx, Sender{Agency: "VN"}, Items(batch)); err != nil {
			t.Fatal(err)
		}
		cur, prev, changes, err := s.Compare(ctx, Slice{Period: mustPeriod(t, "2025-03"), Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		if prev.Slice.Period.Label != "2025-02" || cur.Counts["received_total"].N != 4 || prev.Counts["received_total"].N != 2 {
			t.Fatalf("periods: %+v / %+v", cur.Slice.Period, prev.Slice.Period)
		}
		byID := map[string]Change{}
		for _, c := range changes {
			byID[c.Indicator.ID] = c
		}
		if c := byID["online_rate"]; !c.Known || c.Delta != 25 || c.String() != "+25.00 điểm %" {
			t.Errorf("online rate change %+v (%s), want +25 points (75%% vs 50%%)", c, c)
		}
		if c := byID["hours_saved"]; !c.Known || c.Delta != 200 {
			t.Errorf("hours change %+v, want +200%%", c)
		}
		// January had nothing: no base, so n/a.
		_, _, changes, err = s.Compare(ctx, Slice{Period: mustPeriod(t, "2025-02"), Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range changes {
			if c.Known || c.String() != "n/a" {
				t.Errorf("%s: %s on a zero base", c.Indicator.ID, c)
			}
		}
	})
}

func TestPeriods(t *testing.T) {
	for _, tc := range []struct{ in, from, to, prev string }{
		{"2023", "2023-01-01", "2023-12-31", "2022"},
		{"2024-02", "2024-02-01", "2024-02-29", "2024-01"},
		{"2024-03-01", "2024-03-01", "2024-03-01", "2024-02-29"},
		{"2024-03-01..2024-03-10", "2024-03-01", "2024-03-10", "2024-02-20..2024-02-29"},
	} {
		p, err := ParsePeriod(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if p.From != tc.from || p.To != tc.to || p.Previous().Label != tc.prev {
			t.Errorf("%s: %+v, previous %+v", tc.in, p, p.Previous())
		}
	}
	for _, bad := range []string{"", "23", "2023-13", "2023-02-30", "2023-03-10..2023-03-01", "x..y"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
