package measure

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/units"
)

// testDir is a small directory: a ministry, two provinces, and communes.
func testDir() *Directory {
	return NewDirectory([]UnitInfo{
		{Code: "BCA", Agency: "BCA", Kind: units.AgencyMinistry, Name: "Bộ Công an"},
		{Code: "BTC", Agency: "BTC", Kind: units.AgencyMinistry, Name: "Bộ Tài chính"},
		{Code: "BGDDT", Agency: "BGDDT", Kind: units.AgencyMinistry, Name: "Bộ Giáo dục và Đào tạo"},
		{Code: "01", Agency: "UBND-01", Province: "01", Kind: units.AgencyProvince, Name: "UBND Hà Nội"},
		{Code: "00004", Agency: "UBND-00004", Province: "01", Kind: units.AgencyCommune, Name: "UBND Ba Đình"},
		{Code: "00008", Agency: "UBND-00008", Province: "01", Kind: units.AgencyCommune, Name: "UBND Ngọc Hà"},
		{Code: "79", Agency: "UBND-79", Province: "79", Kind: units.AgencyProvince, Name: "UBND TP HCM"},
		{Code: "26734", Agency: "UBND-26734", Province: "79", Kind: units.AgencyCommune, Name: "UBND Sài Gòn"},
	})
}

// testProcs knows two catalogue procedures.
func testProcs(s string) (Procedure, bool) {
	for _, p := range []Procedure{
		{Code: "2.001159", Slug: "thong-bao-luu-tru", Name: "Thông báo lưu trú"},
		{Code: "1.001193", Slug: "dang-ky-khai-sinh", Name: "Đăng ký khai sinh"},
	} {
		if s == p.Code || s == p.Slug {
			return p, true
		}
	}
	return Procedure{}, false
}

// fixedNow is the tests' clock.
var fixedNow = time.Date(2025, 12, 31, 12, 0, 0, 0, time.UTC)

func newTestStore(d *db.DB) *Store {
	return NewStore(d, WithDirectory(testDir()), WithProcedures(testProcs), WithClock(func() time.Time { return fixedNow }))
}

// ev builds a valid received event.
func ev(id string, day int, unit, channel, level string) EventInput {
	return EventInput{
		ID: id, Source: "motcua", Type: "received", Procedure: "2.001159", Unit: unit, Channel: channel, Level: level,
		OccurredAt: time.Date(2025, 3, 1, 9, 0, 0, 0, vietnam).AddDate(0, 0, day).Format(time.RFC3339),
	}
}

// dailyRows reads measure_daily as "day unit proc channel level source" →
// counters.
func dailyRows(t testing.TB, d *db.DB) map[string]Counters {
	t.Helper()
	return rollupRows(t, d, "measure_daily", "day")
}

// monthlyRows reads measure_monthly like dailyRows.
func monthlyRows(t testing.TB, d *db.DB) map[string]Counters {
	t.Helper()
	return rollupRows(t, d, "measure_monthly", "month")
}

// rollupRows reads a rollup table, whose period column is periodCol, keyed by
// fmt.Sprint of its rollupKey. table and periodCol are the tests' constants,
// never input.
func rollupRows(t testing.TB, d *db.DB, table, periodCol string) map[string]Counters {
	t.Helper()
	rows, err := d.Query(context.Background(), `SELECT `+periodCol+`, unit, procedure_code, channel, level, source, province,
		received, resolved, resolved_due_known, resolved_on_time, returned, paid_online, ratings, ratings_satisfied, rating_points
		FROM `+table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]Counters{}
	for rows.Next() {
		var k rollupKey
		var c Counters
		if err := rows.Scan(&k.Period, &k.Unit, &k.Procedure, &k.Channel, &k.Level, &k.Source, &k.Province,
			&c.Received, &c.Resolved, &c.ResolvedDueKnown, &c.ResolvedOnTime, &c.Returned, &c.PaidOnline,
			&c.Ratings, &c.RatingsSatisfied, &c.RatingPoints); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprint(k)] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
