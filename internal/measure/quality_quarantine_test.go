package measure

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// weeks of Mondays before 2025-03-31 with about 100 dossiers each, then
// the 31st with the given count.
func mondays(t *testing.T, s *Store, unit, src string, last int64) {
	t.Helper()
	end := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	for k := 1; k <= OutlierWeeks; k++ {
		n := int64(96 + k%4*3) // 99, 102, 105, 96 …
		putRows(t, s, received(end.AddDate(0, 0, -7*k).Format(time.DateOnly), unit, src, n, n/2)...)
	}
	putRows(t, s, received("2025-03-31", unit, src, last, last/2)...)
}

func TestOutlierHeldThenReleased(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		mondays(t, s, "00004", "a", 1000) // a batch sent ten times over
		mondays(t, s, "00008", "a", 101)  // an ordinary Monday
		if err := s.RefreshCompact(ctx, "2025-02", "2025-03"); err != nil {
			t.Fatal(err)
		}
		march := Slice{Period: mustPeriod(t, "2025-03"), Unit: "01"}
		before, err := s.Report(ctx, march)
		if err != nil {
			t.Fatal(err)
		}
		found, err := s.FindOutliers(ctx, "2025-03-31")
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != 1 || found[0].Unit != "00004" || found[0].Value != 1000 || !IsOutlier(found[0].Score) {
			t.Fatalf("outliers: %+v", found)
		}
		held, err := s.QuarantineOutliers(ctx, "2025-03-31")
		if err != nil || len(held) != 1 {
			t.Fatalf("held %+v, %v", held, err)
		}
		// Held: out of the month's report (monthly rollup) and the day's
		// (daily rollup) and the compact tables.
		after, _ := s.Report(ctx, march)
		if got, want := after.Counts["received_total"].N, before.Counts["received_total"].N-1000; got != want {
			t.Errorf("March while held: %d, want %d", got, want)
		}
		dayRep, _ := s.Report(ctx, Slice{Period: mustPeriod(t, "2025-03-31"), Unit: "00004"})
		if dayRep.Counts["received_total"].N != 0 {
			t.Errorf("the held day still counts %d", dayRep.Counts["received_total"].N)
		}
		sm, _ := s.SliceReport(ctx, mustPeriod(t, "2025-03"), "01")
		if sm.Counts["received_total"] != after.Counts["received_total"] {
			t.Errorf("compact %v vs report %v", sm.Counts["received_total"], after.Counts["received_total"])
		}
		// Flagging again holds nothing more.
		if again, err := s.QuarantineOutliers(ctx, "2025-03-31"); err != nil || len(again) != 0 {
			t.Errorf("second pass: %+v %v", again, err)
		}
		alerts, _ := s.Alerts(ctx, AlertFilter{})
		if len(alerts) != 1 || alerts[0].Kind != AlertOutlier || alerts[0].Agency != "UBND-00004" {
			t.Errorf("alerts: %+v", alerts)
		}
		if _, err := s.Release(ctx, audit.System, held[0].ID, "  "); !errors.Is(err, ErrReleaseNote) {
			t.Errorf("release without a note: %v", err)
		}
		by := audit.Actor{ID: 1, Name: "dieuphoi", Agency: "VN"}
		q, err := s.Release(ctx, by, held[0].ID, "Đã xác minh: ngày tiếp nhận cao điểm.")
		if err != nil || q.Status != QuarantineReleased || q.ReleasedBy != "dieuphoi" {
			t.Fatalf("release: %+v %v", q, err)
		}
		restored, _ := s.Report(ctx, march)
		if restored.Counts["received_total"].N != before.Counts["received_total"].N ||
			restored.Counts["received_online"].N != before.Counts["received_online"].N {
			t.Errorf("after release %v, before %v", restored.Counts, before.Counts)
		}
		dayRep, _ = s.Report(ctx, Slice{Period: mustPeriod(t, "2025-03-31"), Unit: "00004"})
		if dayRep.Counts["received_total"].N != 1000 {
			t.Errorf("the released day counts %d", dayRep.Counts["received_total"].N)
		}
		if _, err := s.Release(ctx, by, held[0].ID, "lần nữa"); !errors.Is(err, ErrNotHeld) {
			t.Errorf("second release: %v", err)
		}
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log WHERE action IN ('measure.quarantine', 'measure.release')").Scan(&n); err != nil || n != 2 {
			t.Errorf("audit entries %d, %v", n, err)
		}
		list, _ := s.Quarantines(ctx, false, nil, 0)
		if len(list) != 1 || list[0].Note == "" {
			t.Errorf("list: %+v", list)
		}
		if held, _ := s.Quarantines(ctx, true, nil, 0); len(held) != 0 {
			t.Errorf("still held: %+v", held)
		}
	})
}

func TestSourceHealth(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2025, 12, 31, 12, 0, 0, 0, time.UTC)
		clock := now
		s := NewStore(d, WithDirectory(testDir()), WithProcedures(testProcs), WithClock(func() time.Time { return clock }))
		// Hourly batches, the last at 12:00.
		for h := 5; h >= 0; h-- {
			clock = now.Add(-time.Duration(h) * time.Hour)
			e := ev("e"+clock.Format("15"), 0, "01", "online", "full")
			res, err := s.Ingest(ctx, Sender{Agency: "UBND-01"}, Items([]EventInput{e, e}))
			if err != nil || res.Created != 1 || res.Duplicates != 1 {
				t.Fatalf("ingest: %+v %v", res, err)
			}
		}
		clock = now.Add(90 * time.Minute)
		h, times, err := s.Source(ctx, "UBND-01:motcua")
		if err != nil {
			t.Fatal(err)
		}
		if h.Interval != time.Hour || len(times) != 6 || h.Silent || h.Duplicates != 6 || h.Events != 6 {
			t.Errorf("at 13:30: %+v", h)
		}
		if h.DuplicateShare() != 0.5 {
			t.Errorf("duplicate share %v", h.DuplicateShare())
		}
		clock = now.Add(2*time.Hour + time.Minute)
		if n, err := s.DetectStale(ctx); err != nil || n != 1 {
			t.Fatalf("stale: %d %v", n, err)
		}
		if n, _ := s.DetectStale(ctx); n != 0 {
			t.Error("the same silence raised twice")
		}
		all, err := s.Sources(ctx, func(a string) bool { return a == "UBND-01" })
		if err != nil || len(all) != 1 || !all[0].Silent {
			t.Errorf("sources: %+v %v", all, err)
		}
		if none, _ := s.Sources(ctx, func(a string) bool { return a == "UBND-79" }); len(none) != 0 {
			t.Errorf("out of scope: %+v", none)
		}
		if _, _, err := s.Source(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown source: %v", err)
		}
	})
}

func TestUsualInterval(t *testing.T) {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(mins ...int) []time.Time {
		var out []time.Time
		for _, m := range mins {
			out = append(out, base.Add(time.Duration(m)*time.Minute))
		}
		return out
	}
	if got := UsualInterval(at(0, 10)); got != 0 {
		t.Errorf("two batches: %v", got)
	}
	// Gaps 10, 10, 300, 10: one long pause does not move the median.
	if got := UsualInterval(at(330, 0, 10, 20, 320)); got != 10*time.Minute {
		t.Errorf("interval %v", got)
	}
}
