package measure

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// benchEvents returns n distinct realistic events: a system pushing in
// near real time, so one batch spans two days (batch seed moves the window
// through the year), across the test units, three procedures, every
// channel and two kinds.
func benchEvents(n int, seed uint64) []EventInput {
	r := rand.New(rand.NewPCG(seed, 7))
	unitsList := []string{"BCA", "BTC", "01", "00004", "00008", "79", "26734"}
	procs := []string{"2.001159", "1.001193", "9.999999"}
	channels := []string{"online", "in_person", "post"}
	out := make([]EventInput, n)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, vietnam).AddDate(0, 0, int(seed%360))
	for i := range out {
		at := base.Add(time.Duration(r.IntN(2*24*60)) * time.Minute)
		e := EventInput{
			ID: fmt.Sprintf("%d-%d", seed, i), Source: "bench", Procedure: procs[r.IntN(len(procs))],
			Unit: unitsList[r.IntN(len(unitsList))], OccurredAt: at.Format(time.RFC3339), Type: "received",
			Channel: channels[r.IntN(len(channels))],
		}
		if e.Channel == "online" {
			e.Level = []string{"full", "partial"}[r.IntN(2)]
		}
		if r.IntN(3) == 0 {
			e.Type = "resolved"
			e.DueAt = at.Add(72 * time.Hour).Format(time.RFC3339)
			e.ResolvedAt = at.Add(time.Duration(r.IntN(100)) * time.Hour).Format(time.RFC3339)
		}
		out[i] = e
	}
	return out
}

// BenchmarkIngest measures events per second through Store.Ingest in
// batches of MaxBatch, every event new. Run:
//
//	LOA_TEST_DATABASE_URL=postgres://... go test -run '^$' -bench Ingest -benchtime 40x ./internal/measure/
func BenchmarkIngest(b *testing.B) {
	dbtest.EachB(b, func(b *testing.B, d *db.DB) {
		s := newTestStore(d)
		ctx := context.Background()
		batches := make([][]Item, b.N)
		for i := range batches {
			batches[i] = Items(benchEvents(MaxBatch, uint64(i)))
		}
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			res, err := s.Ingest(ctx, Sender{Agency: "VN"}, batches[i])
			if err != nil {
				b.Fatal(err)
			}
			if res.Created != MaxBatch {
				b.Fatalf("batch %d: %+v", i, res.Created)
			}
		}
		b.ReportMetric(float64(b.N*MaxBatch)/time.Since(start).Seconds(), "events/s")
	})
}
