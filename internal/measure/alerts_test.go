package measure

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestIsDrop(t *testing.T) {
	ind, _ := IndicatorByID("online_rate")
	v := func(num, den int64) Value {
		return Value{Indicator: ind, Numerator: num, Denominator: den, Known: den > 0, Value: 100 * float64(num) / float64(max(den, 1))}
	}
	tests := []struct {
		name      string
		cur, prev Value
		want      bool
	}{
		{"ten points on a large base", v(500, 1000), v(2400, 4000), true},
		{"four points only", v(560, 1000), v(2400, 4000), false},
		{"six points on a tiny week", v(27, 50), v(120, 200), false},
		{"below the minimum volume", v(10, 40), v(3000, 4000), false},
		{"a rise", v(700, 1000), v(2400, 4000), false},
		{"unknown before", v(500, 1000), v(0, 0), false},
	}
	for _, tt := range tests {
		if got := IsDrop(tt.cur, tt.prev); got != tt.want {
			t.Errorf("%s: %v", tt.name, got)
		}
	}
}

func TestDetectDropsAndDigest(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		end := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
		// Ba Đình: 60 % online for four weeks, 40 % in the last one.
		// Sài Gòn: steady at 60 %.
		for i := 0; i < 35; i++ {
			day := end.AddDate(0, 0, -i).Format(time.DateOnly)
			online := int64(60)
			if i < 7 {
				online = 40
			}
			putRows(t, s, received(day, "00004", "a", 100, online)...)
			putRows(t, s, received(day, "26734", "a", 100, 60)...)
		}
		n, err := s.DetectDrops(ctx, "2025-03-31")
		if err != nil {
			t.Fatal(err)
		}
		alerts, _ := s.Alerts(ctx, AlertFilter{})
		byUnit := map[string]Alert{}
		for _, a := range alerts {
			if a.Indicator == "online_rate" {
				byUnit[a.Unit] = a
			}
		}
		// The commune, its province (half of it fell) and the nation.
		a, ok := byUnit["00004"]
		if !ok || a.Agency != "UBND-00004" || *a.Current != 40 || *a.Previous != 60 || a.Period != "2025-03-25..2025-03-31" {
			t.Errorf("commune alert: %+v", a)
		}
		if _, ok := byUnit["01"]; !ok {
			t.Error("no alert for the province")
		}
		if _, ok := byUnit["26734"]; ok {
			t.Error("alert for a steady commune")
		}
		if n != len(alerts) || n < 3 {
			t.Errorf("raised %d, listed %d", n, len(alerts))
		}
		if again, _ := s.DetectDrops(ctx, "2025-03-31"); again != 0 {
			t.Errorf("raised %d again", again)
		}
		// Scope: Hà Nội sees its commune's alert, TP HCM sees none.
		hn, _ := s.Alerts(ctx, AlertFilter{Allows: func(ag string) bool { return ag == "UBND-01" || ag == "UBND-00004" }})
		hcm, _ := s.Alerts(ctx, AlertFilter{Allows: func(ag string) bool { return ag == "UBND-79" }})
		if len(hn) < 2 || len(hcm) != 0 {
			t.Errorf("scoped: Hà Nội %d, TP HCM %d", len(hn), len(hcm))
		}
		if err := s.MarkAlertRead(ctx, a.ID, "cb"); err != nil {
			t.Fatal(err)
		}
		unread, _ := s.Alerts(ctx, AlertFilter{UnreadOnly: true})
		if len(unread) != len(alerts)-1 {
			t.Errorf("unread %d of %d", len(unread), len(alerts))
		}
		if err := s.MarkAlertRead(ctx, 99999, "cb"); err == nil {
			t.Error("marked an unknown alert")
		}

		// The digest of the week the alerts were raised (fixedNow's week).
		if err := s.RefreshCompact(ctx, "2025-02", "2025-03"); err != nil {
			t.Fatal(err)
		}
		monday := WeekStart(fixedNow)
		if monday.Weekday() != time.Monday || monday.After(fixedNow) {
			t.Fatalf("week start %v", monday)
		}
		stored, err := s.BuildDigests(ctx, monday)
		if err != nil || stored != 1+2+3 { // the nation, 2 provinces, 3 ministries
			t.Fatalf("digests %d, %v", stored, err)
		}
		if again, _ := s.BuildDigests(ctx, monday); again != 0 {
			t.Errorf("stored %d again", again)
		}
		ds, err := s.Digests(ctx, func(ag string) bool { return ag == "UBND-01" }, 0)
		if err != nil || len(ds) != 1 {
			t.Fatalf("Hà Nội digests: %+v %v", ds, err)
		}
		dg, err := s.DigestByID(ctx, ds[0].ID)
		if err != nil || len(dg.Alerts) < 2 || dg.Unit != "01" || len(dg.Indicators) != len(RateIndicators()) {
			t.Errorf("digest: %+v %v", dg, err)
		}
	})
}

func TestRatingsFeedSatisfaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		tallies := []RatingTally{
			{Day: "2025-03-02", Service: "thong-bao-luu-tru", Agency: "UBND-01", Ratings: 4, Satisfied: 3, Points: 17},
			{Day: "2025-03-05", Service: "2.001159", Agency: "UBND-00004", Ratings: 2, Satisfied: 0, Points: 4},
			{Day: "2025-03-05", Service: "2.001159", Agency: "", Ratings: 4, Satisfied: 4, Points: 20},
		}
		for range 2 { // replacing twice counts once
			if err := s.ReplaceRatings(ctx, "2025-03", tallies); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025-03"), Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := rep.Value("satisfaction"); v.Numerator != 7 || v.Denominator != 10 {
			t.Errorf("nation: %+v", v)
		}
		sm, _ := s.SliceReport(ctx, mustPeriod(t, "2025-03"), "01")
		if sm.Counts["ratings"].N != 6 || sm.Counts["ratings_satisfied"].N != 3 {
			t.Errorf("Hà Nội: %v", sm.Counts)
		}
		// A later tally replaces the month.
		if err := s.ReplaceRatings(ctx, "2025-03", tallies[:1]); err != nil {
			t.Fatal(err)
		}
		rep, _ = s.Report(ctx, Slice{Period: mustPeriod(t, "2025-03-05"), Unit: National})
		if rep.Counts["ratings"].N != 0 {
			t.Errorf("the 5th after replacement: %d", rep.Counts["ratings"].N)
		}
		if err := s.ReplaceRatings(ctx, "2025-03", []RatingTally{{Day: "2025-04-01", Service: "x", Ratings: 1, Points: 5}}); err == nil {
			t.Error("a day outside the month accepted")
		}
		if err := s.ReplaceRatings(ctx, "2025-03", []RatingTally{{Day: "2025-03-01", Service: "x", Ratings: 1, Satisfied: 2, Points: 5}}); err == nil {
			t.Error("an inconsistent tally accepted")
		}
	})
}

func TestHonours(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		// Six months; Hà Nội rises from 50 % to 80 % online, TP HCM stays.
		for m := 1; m <= 6; m++ {
			day := fmt.Sprintf("2025-%02d-10", m)
			online := int64(500)
			if m > 3 {
				online = 800
			}
			putRows(t, s, received(day, "01", "a", 1000, online)...)
			putRows(t, s, received(day, "79", "a", 1000, 600)...)
			if err := s.RefreshCompact(ctx, day[:7]); err != nil {
				t.Fatal(err)
			}
		}
		h, err := s.Honours(ctx, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Improved) != 2 || h.Improved[0].Unit.Code != "01" || Round2(h.Improved[0].Points) != 30 {
			t.Errorf("improved: %+v", h.Improved)
		}
		if h.FirstQuarter != [2]string{"2025-01", "2025-03"} || h.LastQuarter != [2]string{"2025-04", "2025-06"} {
			t.Errorf("quarters %v %v", h.FirstQuarter, h.LastQuarter)
		}
		if len(h.MostUsed) != 1 || h.MostUsed[0].Online != 6*500+3*300+6*600 {
			t.Errorf("most used: %+v", h.MostUsed)
		}
		if len(h.MostSatisfying) != 0 {
			t.Errorf("satisfying without ratings: %+v", h.MostSatisfying)
		}
	})
}
