package assistant

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestAnalytics(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		hcm := time.FixedZone("ICT", 7*3600)
		// 2026-11-20 23:30 in Hồ Chí Minh City is 16:30 UTC: it counts on
		// the 20th, while 17:30 UTC is already the 21st.
		day1 := time.Date(2026, 11, 20, 16, 30, 0, 0, time.UTC)
		day2 := time.Date(2026, 11, 20, 17, 30, 0, 0, time.UTC)
		ms := time.Millisecond
		var turns []storedTurn
		// Day 1, web: 20 turns with latencies 1..20 ms; 10 answered, 5
		// clarify, 3 handoff, 2 out of scope; 4 up, 2 down.
		for i := range 20 {
			st := storedTurn{conv: convID(1), question: "q", channel: "web", latency: time.Duration(i+1) * ms, at: day1.Add(time.Duration(i) * time.Second)}
			switch {
			case i < 10:
				st.status = StatusAnswered
			case i < 15:
				st.status = StatusClarify
			case i < 18:
				st.status = StatusHandoff
			default:
				st.status = StatusOutOfScope
			}
			switch {
			case i < 4:
				st.vote = VoteUp
			case i < 6:
				st.vote = VoteDown
			}
			turns = append(turns, st)
		}
		turns = append(turns,
			storedTurn{conv: convID(2), question: "q", channel: "zalo", status: StatusAnswered, latency: 100 * ms, at: day1},
			storedTurn{conv: convID(3), question: "q", channel: "web", status: StatusAnswered, latency: 7 * ms, at: day2, vote: VoteDown},
			// Outside the period.
			storedTurn{conv: convID(4), question: "q", channel: "web", status: StatusAnswered, latency: time.Second, at: day1.Add(-72 * time.Hour)},
		)
		storeTurns(t, d, turns)
		e := &Engine{db: d, opts: Options{Now: time.Now}}
		from := time.Date(2026, 11, 20, 0, 0, 0, 0, hcm)
		r, err := e.Analytics(ctx, from, from.AddDate(0, 0, 2), hcm)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Days) != 3 {
			t.Fatalf("%d day rows: %+v", len(r.Days), r.Days)
		}
		web := r.Days[0]
		want := Stats{Day: "2026-11-20", Channel: "web", Questions: 20, Answered: 10, Clarify: 5, Handoff: 3, OutOfScope: 2,
			Up: 4, Down: 2, P50: 10 * ms, P95: 19 * ms}
		if web != want {
			t.Errorf("day 1 web:\n got %+v\nwant %+v", web, want)
		}
		if web.Rate(web.Answered) != 0.5 {
			t.Errorf("answered rate %v", web.Rate(web.Answered))
		}
		if z := r.Days[1]; z.Day != "2026-11-20" || z.Channel != "zalo" || z.Questions != 1 || z.P50 != 100*ms || z.P95 != 100*ms {
			t.Errorf("day 1 zalo: %+v", z)
		}
		if d2 := r.Days[2]; d2.Day != "2026-11-21" || d2.Channel != "web" || d2.Down != 1 {
			t.Errorf("day 2: %+v", d2)
		}
		if len(r.Channels) != 2 || r.Channels[0].Channel != "web" || r.Channels[0].Questions != 21 || r.Channels[1].Questions != 1 {
			t.Errorf("channels: %+v", r.Channels)
		}
		// 22 latencies: 1..20, 7 and 100 ms. The 11th smallest is 10 ms,
		// the 21st (ceil 0.95 × 22) is 20 ms.
		if r.Total.Questions != 22 || r.Total.Down != 3 || r.Total.P50 != 10*ms || r.Total.P95 != 20*ms {
			t.Errorf("total: %+v", r.Total)
		}

		var buf bytes.Buffer
		if err := r.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(lines) != 5 || lines[0] != strings.Join(CSVHeader, ",") ||
			lines[1] != "2026-11-20,web,20,10,5,3,2,4,2,10,19" || lines[4] != "all,all,22,12,5,3,2,4,3,10,20" {
			t.Errorf("csv:\n%s", buf.String())
		}

		var inv *InvalidError
		if _, err := e.Analytics(ctx, from, from, hcm); !errors.As(err, &inv) {
			t.Errorf("empty period: %v", err)
		}
		if _, err := e.Analytics(ctx, from, from.AddDate(2, 0, 0), hcm); !errors.As(err, &inv) {
			t.Errorf("two years: %v", err)
		}
		empty, err := e.Analytics(ctx, from.AddDate(1, 0, 0), from.AddDate(1, 0, 1), hcm)
		if err != nil || len(empty.Days) != 0 || empty.Total.Questions != 0 || empty.Total.P95 != 0 {
			t.Errorf("empty: %+v %v", empty, err)
		}
	})
}

func TestPercentiles(t *testing.T) {
	for _, tc := range []struct {
		us       []int64
		p50, p95 time.Duration
	}{
		{nil, 0, 0},
		{[]int64{5}, 5 * time.Microsecond, 5 * time.Microsecond},
		{[]int64{3, 1, 2}, 2 * time.Microsecond, 3 * time.Microsecond},
		{[]int64{4, 1, 3, 2}, 2 * time.Microsecond, 4 * time.Microsecond},
	} {
		if p50, p95 := percentiles(tc.us); p50 != tc.p50 || p95 != tc.p95 {
			t.Errorf("%v: %v %v, want %v %v", tc.us, p50, p95, tc.p50, tc.p95)
		}
	}
}
