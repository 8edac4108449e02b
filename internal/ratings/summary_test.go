package ratings

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestSummary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk := newTestStore(t, d)
		submit := func(at time.Time, in Submission) {
			t.Helper()
			clk.t = at
			if _, err := s.Submit(ctx, in, ""); err != nil {
				t.Fatal(err)
			}
		}
		oct := time.Date(2026, 10, 5, 2, 0, 0, 0, time.UTC)
		// 31 October 18:30 UTC is 1 November 01:30 in Vietnam.
		edge := time.Date(2026, 10, 31, 18, 30, 0, 0, time.UTC)
		birth, licence := "dang-ky-khai-sinh", "1.002001"
		submit(oct, Submission{Service: birth, Level: 5, WentWell: []Driver{DriverSpeed, DriverEase}})
		submit(oct, Submission{Service: birth, Level: 4, WentWell: []Driver{DriverSpeed}, DidNot: []Driver{DriverCost}})
		submit(edge, Submission{Service: birth, Level: 1, DidNot: []Driver{DriverCost, DriverTechnical}, Comment: "=cmd|' /C calc'!A0"})
		submit(edge, Submission{Service: licence, Agency: "BCA", Level: 3})

		all, err := s.Summary(ctx, Filter{}, Overall)
		if err != nil || len(all) != 1 {
			t.Fatalf("overall: %v, %v", all, err)
		}
		o := all[0]
		if o.Total != 4 || o.Count(5) != 1 || o.Count(4) != 1 || o.Count(3) != 1 || o.Count(1) != 1 || o.Count(2) != 0 {
			t.Fatalf("overall counts %+v", o)
		}
		if math.Abs(o.Mean()-13.0/4) > 1e-9 || o.SatisfiedShare() != 0.5 {
			t.Errorf("mean %v share %v, want 3.25 and 0.5", o.Mean(), o.SatisfiedShare())
		}
		if top := o.TopWentWell(3); len(top) != 2 || top[0] != (DriverCount{DriverSpeed, 2}) || top[1] != (DriverCount{DriverEase, 1}) {
			t.Errorf("top went well %v", top)
		}
		if top := o.TopDidNot(1); len(top) != 1 || top[0] != (DriverCount{DriverCost, 2}) {
			t.Errorf("top did not %v", top)
		}

		byMonth, err := s.Summary(ctx, Filter{}, ByMonth)
		if err != nil || len(byMonth) != 2 || byMonth[0].Key != "2026-10" || byMonth[0].Total != 2 || byMonth[1].Key != "2026-11" || byMonth[1].Total != 2 {
			t.Fatalf("by month %+v, %v: want two in October and two in November (Vietnam's time)", byMonth, err)
		}
		byAgency, err := s.Summary(ctx, Filter{}, ByAgency)
		if err != nil || len(byAgency) != 2 || byAgency[0].Key != "BCA" || byAgency[1].Key != "BTP" || byAgency[1].Total != 3 {
			t.Fatalf("by agency %+v, %v", byAgency, err)
		}
		byService, err := s.Summary(ctx, Filter{FromMonth: "2026-11", ToMonth: "2026-11"}, ByService)
		if err != nil || len(byService) != 2 || byService[0].Key != "1.001193" || byService[0].Total != 1 {
			t.Fatalf("by service in November %+v, %v", byService, err)
		}
		// A scope: only BCA's ratings; an empty scope sees nothing.
		if c, err := s.Count(ctx, Filter{Agencies: []string{"BCA", "UBND-01"}}); err != nil || c != 1 {
			t.Fatalf("scoped count %d, %v", c, err)
		}
		if c, err := s.Count(ctx, Filter{Agencies: []string{}}); err != nil || c != 0 {
			t.Fatalf("empty scope count %d, %v", c, err)
		}
		if empty, err := s.Summary(ctx, Filter{Service: "9.999"}, Overall); err != nil || len(empty) != 1 || empty[0].Total != 0 || empty[0].Mean() != 0 {
			t.Fatalf("empty overall %+v, %v", empty, err)
		}
		if _, err := s.Summary(ctx, Filter{FromMonth: "2026-13"}, Overall); err == nil {
			t.Fatal("a bad month must fail")
		}

		var buf bytes.Buffer
		if err := s.ExportCSV(ctx, &buf, Filter{WithComment: true}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("csv %v, %v", recs, err)
		}
		if got := recs[1][9]; !strings.HasPrefix(got, "'=") {
			t.Errorf("comment cell %q: a formula must be neutralised", got)
		}
		if recs[1][6] != "Rất không hài lòng" || recs[1][8] != "cost,technical" || recs[1][2] != "2026-11" {
			t.Errorf("csv row %v", recs[1])
		}
	})
}
