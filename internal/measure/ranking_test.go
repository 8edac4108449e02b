package measure

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// putRows writes rollup rows as if their events had been ingested: the
// day rows and their month rows.
func putRows(t testing.TB, s *Store, rows ...rollupRow) {
	t.Helper()
	days := map[rollupKey]*Counters{}
	months := map[rollupKey]*Counters{}
	for _, r := range rows {
		addTo(days, r.rollupKey, r.Counters)
		k := r.rollupKey
		k.Period = r.Period[:7]
		addTo(months, k, r.Counters)
	}
	err := s.db.InTx(context.Background(), func(tx *db.Tx) error {
		if err := s.upsertRollups(context.Background(), tx, "measure_daily", "day", sortedRows(days)); err != nil {
			return err
		}
		return s.upsertRollups(context.Background(), tx, "measure_monthly", "month", sortedRows(months))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// received is a row of n dossiers, online ones of them online.
func received(day, unit, src string, n, online int64) []rollupRow {
	prov := map[string]string{"01": "01", "00004": "01", "00008": "01", "79": "79", "26734": "79"}[unit]
	k := rollupKey{Period: day, Unit: unit, Procedure: "2.001159", Source: src, Province: prov}
	var out []rollupRow
	if online > 0 {
		on := k
		on.Channel, on.Level = ChannelOnline, LevelFull
		out = append(out, rollupRow{on, Counters{Received: online}})
	}
	if n > online {
		off := k
		off.Channel = ChannelInPerson
		out = append(out, rollupRow{off, Counters{Received: n - online}})
	}
	return out
}

func TestRankingMinimumVolumeAndTieBreaks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		var rows []rollupRow
		// Hà Nội (01): 600 of 1,000 online through two communes; TP HCM
		// (79): 1,200 of 2,000 — the same 60 %, more dossiers, so first.
		rows = append(rows, received("2025-03-03", "00004", "a", 500, 300)...)
		rows = append(rows, received("2025-03-04", "00008", "a", 500, 300)...)
		rows = append(rows, received("2025-03-03", "26734", "a", 2000, 1200)...)
		// Ministries: BCA 90 % of 600, BTC 100 % of 10 (below the minimum).
		rows = append(rows, received("2025-03-03", "BCA", "a", 600, 540)...)
		rows = append(rows, received("2025-03-03", "BTC", "a", 10, 10)...)
		putRows(t, s, rows...)
		if err := s.RefreshCompact(ctx, "2025-03"); err != nil {
			t.Fatal(err)
		}
		r, err := s.Rank(ctx, RankQuery{Indicator: "online_rate", Period: mustPeriod(t, "2025-03"), Level: RankProvinces})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Rows) != 2 || r.Rows[0].Unit.Code != "79" || r.Rows[0].Position != 1 || r.Rows[1].Unit.Code != "01" || r.Rows[1].Position != 2 {
			t.Fatalf("provinces: %+v", r.Rows)
		}
		if v := r.Rows[1].Value; v.Numerator != 600 || v.Denominator != 1000 || v.Value != 60 {
			t.Errorf("Hà Nội: %+v", v)
		}
		if r.Frozen || r.MethodVersion != RankMethodVersion || r.MinVolume != 500 {
			t.Errorf("ranking: frozen %v method %d min %d", r.Frozen, r.MethodVersion, r.MinVolume)
		}
		m, err := s.Rank(ctx, RankQuery{Indicator: "online_rate", Period: mustPeriod(t, "2025-03"), Level: RankMinistries})
		if err != nil {
			t.Fatal(err)
		}
		// BCA ranked; BTC (100 % of 10) and BGDDT (nothing) are not.
		got := map[string]int{}
		for _, row := range m.Rows {
			got[row.Unit.Code] = row.Position
		}
		if m.Rows[0].Unit.Code != "BCA" || got["BCA"] != 1 || got["BTC"] != 0 || got["BGDDT"] != 0 || len(m.Rows) != 3 {
			t.Errorf("ministries: %+v", m.Rows)
		}
		c, err := s.Rank(ctx, RankQuery{Indicator: "online_rate", Period: mustPeriod(t, "2025-03"), Level: RankCommunes, Province: "01"})
		if err != nil {
			t.Fatal(err)
		}
		// Equal rates and volumes: the unit code decides.
		if len(c.Rows) != 2 || c.Rows[0].Unit.Code != "00004" || c.Rows[1].Position != 2 {
			t.Errorf("communes: %+v", c.Rows)
		}
		if _, err := s.Rank(ctx, RankQuery{Indicator: "hours_saved", Period: mustPeriod(t, "2025-03"), Level: RankProvinces}); err == nil {
			t.Error("ranked by a non-rate")
		}
		if _, err := s.Rank(ctx, RankQuery{Indicator: "online_rate", Period: mustPeriod(t, "2025-03-01..2025-03-10"), Level: RankProvinces}); err == nil {
			t.Error("ranked a period of days")
		}
	})
}

func TestOrderRankingRoundsBeforeTieBreak(t *testing.T) {
	ind, _ := IndicatorByID("online_rate")
	v := func(num, den int64) Value {
		return Value{Indicator: ind, Numerator: num, Denominator: den, Known: true, Value: 100 * float64(num) / float64(den)}
	}
	rows := []RankRow{
		{Unit: UnitInfo{Code: "A"}, Value: v(500001, 1000000)}, // 50.0001 % → 50.00
		{Unit: UnitInfo{Code: "B"}, Value: v(1000, 2000)},      // 50.00 on more? no: fewer dossiers
		{Unit: UnitInfo{Code: "C"}, Value: v(700, 1000)},
	}
	orderRanking(rows, 1000)
	if rows[0].Unit.Code != "C" || rows[1].Unit.Code != "A" || rows[2].Unit.Code != "B" || rows[2].Position != 3 {
		t.Errorf("order: %v %v %v", rows[0].Unit.Code, rows[1].Unit.Code, rows[2].Unit.Code)
	}
}

func TestSnapshotFrozenNeverRecomputed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		putRows(t, s, received("2025-03-03", "01", "a", 1000, 600)...)
		putRows(t, s, received("2025-03-03", "79", "a", 1000, 500)...)
		if err := s.RefreshCompact(ctx, "2025-03"); err != nil {
			t.Fatal(err)
		}
		// fixedNow is 2025-12-31: March is due.
		n, err := s.FreezeDue(ctx)
		if err != nil || n != 2*len(RateIndicators()) {
			t.Fatalf("froze %d, %v", n, err)
		}
		// Late data would put TP HCM first if it were recomputed.
		putRows(t, s, received("2025-03-20", "79", "late", 4000, 4000)...)
		if err := s.RefreshCompact(ctx, "2025-03"); err != nil {
			t.Fatal(err)
		}
		r, err := s.Rank(ctx, RankQuery{Indicator: "online_rate", Period: mustPeriod(t, "2025-03"), Level: RankProvinces})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Frozen || r.Rows[0].Unit.Code != "01" || r.Rows[0].Value.Value != 60 || r.RegistryVersion != RegistryVersion {
			t.Fatalf("frozen ranking: %+v", r)
		}
		if !r.FrozenAt.Equal(fixedNow) {
			t.Errorf("frozen at %v", r.FrozenAt)
		}
		if n, err := s.FreezeMonth(ctx, "2025-03"); err != nil || n != 0 {
			t.Errorf("second freeze: %d, %v", n, err)
		}
		// The year, never frozen, sees the late data; its minimum volume
		// is twelve months' (6,000), so nobody is ranked.
		y, err := s.Rank(ctx, RankQuery{Indicator: "online_rate", Period: mustPeriod(t, "2025"), Level: RankProvinces})
		if err != nil || y.Frozen || y.MinVolume != 6000 || y.Rows[1].Unit.Code != "79" || y.Rows[1].Value.Value != 90 || y.Rows[1].Ranked() {
			t.Errorf("year: %+v %v", y, err)
		}
	})
}

func TestSliceFiguresAndProcedures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		putRows(t, s, received("2025-03-03", "00004", "a", 100, 40)...)
		putRows(t, s, received("2025-04-03", "01", "a", 50, 50)...)
		putRows(t, s, received("2025-04-03", "BCA", "a", 10, 0)...)
		// A quarantined source is left out of every sum.
		putRows(t, s, received("2025-04-03", "01", "bad", 1000, 0)...)
		if _, err := d.Exec(ctx, `INSERT INTO measure_sources (source, agency, first_seen_at, last_seen_at, quarantined) VALUES ('bad', 'UBND-01', ?, ?, TRUE)`, fixedNow, fixedNow); err != nil {
			t.Fatal(err)
		}
		if err := s.RefreshCompact(ctx, "2025-03", "2025-04"); err != nil {
			t.Fatal(err)
		}
		sm, err := s.SliceReport(ctx, mustPeriod(t, "2025"), "01")
		if err != nil {
			t.Fatal(err)
		}
		if sm.Counts["received_total"].N != 150 || sm.Counts["received_online"].N != 90 {
			t.Errorf("Hà Nội 2025: %v", sm.Counts)
		}
		nat, _ := s.SliceReport(ctx, mustPeriod(t, "2025"), National)
		if nat.Counts["received_total"].N != 160 {
			t.Errorf("nation: %v", nat.Counts)
		}
		ms, err := s.MonthlyFigures(ctx, mustPeriod(t, "2025"), "00004")
		if err != nil || len(ms) != 12 || ms[2].Figures.Count("received_total").N != 100 || !ms[3].Figures.Empty() {
			t.Errorf("months: %+v %v", ms, err)
		}
		ps, err := s.ProcedureFigures(ctx, mustPeriod(t, "2025"), "01", 0)
		if err != nil || len(ps) != 1 || ps[0].Procedure.Name != "Thông báo lưu trú" || ps[0].Figures.Count("received_total").N != 150 {
			t.Errorf("procedures: %+v %v", ps, err)
		}
		if v, _ := s.DataVersion(ctx); v == 0 {
			t.Error("data version not set by a refresh")
		}
	})
}
