package measure

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// randomEvents draws n events of every kind over a few days, units and
// procedures, with deadlines met or missed; ids repeat across kinds never.
func randomEvents(r *rand.Rand, n int) []EventInput {
	evs := benchEvents(n, r.Uint64()%1000)
	for i := range evs {
		switch r.IntN(6) {
		case 0:
			evs[i].Type = "returned"
			evs[i].DueAt, evs[i].ResolvedAt = "", ""
		case 1:
			evs[i].Type = "paid_online"
			evs[i].DueAt, evs[i].ResolvedAt = "", ""
		case 2:
			evs[i].Type, evs[i].Score = "rated", 1+r.IntN(5)
			evs[i].DueAt, evs[i].ResolvedAt = "", ""
		}
		evs[i].ID = fmt.Sprintf("e%d", i)
	}
	return evs
}

// TestRetriesAndDisorderGiveSameRollups is the property: whatever the
// batching, repetition, lateness and order of delivery — and on PostgreSQL
// with two senders at once — the rollups equal those of one clean
// delivery, which equal the sums computed here from the distinct events.
func TestRetriesAndDisorderGiveSameRollups(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for round := range 4 {
			r := rand.New(rand.NewPCG(uint64(round), 99))
			evs := randomEvents(r, 300+r.IntN(500))
			src := fmt.Sprintf("r%d", round) // a source per round keeps rounds apart in one database
			for i := range evs {
				evs[i].Source = src
			}
			s := newTestStore(d)

			// Expected: computed in Go from the events, each once.
			v := validator{dir: testDir(), procs: testProcs, now: fixedNow}
			var parsed []*Event
			for i := range evs {
				e, _, probs := v.validate(&evs[i])
				if probs != nil {
					t.Fatalf("event %d invalid: %v", i, probs)
				}
				e.Source = sourceKey("VN", e.Source)
				parsed = append(parsed, &e)
			}
			wantDays, wantMonths := rollups(parsed)

			// Messy delivery: shuffled, cut into random batches, some
			// batches sent twice, a random early part sent again at the
			// end (late retries), two senders at once.
			order := r.Perm(len(evs))
			var batches [][]EventInput
			for i := 0; i < len(order); {
				n := 1 + r.IntN(120)
				var b []EventInput
				for _, j := range order[i:min(i+n, len(order))] {
					b = append(b, evs[j])
				}
				batches = append(batches, b)
				if r.IntN(3) == 0 {
					batches = append(batches, b)
				}
				i += n
			}
			batches = append(batches, batches[:len(batches)/3]...)
			r.Shuffle(len(batches), func(i, j int) { batches[i], batches[j] = batches[j], batches[i] })
			var wg sync.WaitGroup
			errs := make(chan error, 2)
			for w := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := w; i < len(batches); i += 2 {
						if _, err := s.Ingest(ctx, Sender{Agency: "VN"}, Items(batches[i])); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			days := filterSource(dailyRows(t, d), "VN:"+src)
			months := filterSource(monthlyRows(t, d), "VN:"+src)
			if !maps.Equal(days, asMap(wantDays)) {
				t.Fatalf("round %d: daily rollups differ from the clean sums (%d rows, want %d)", round, len(days), len(wantDays))
			}
			if !maps.Equal(months, asMap(wantMonths)) {
				t.Fatalf("round %d: monthly rollups differ from the clean sums", round)
			}
		}
	})
}

func asMap(rows []rollupRow) map[string]Counters {
	out := map[string]Counters{}
	for _, r := range rows {
		c := r.Counters
		// Online counts are not columns: channel and level are in the key.
		c.ReceivedOnline, c.ReceivedFullyOnline = 0, 0
		out[fmt.Sprint(r.rollupKey)] = c
	}
	return out
}

func filterSource(m map[string]Counters, src string) map[string]Counters {
	out := map[string]Counters{}
	for k, v := range m {
		if containsField(k, src) {
			out[k] = v
		}
	}
	return out
}

func containsField(k, field string) bool {
	for _, f := range splitFields(k) {
		if f == field {
			return true
		}
	}
	return false
}

func splitFields(k string) []string {
	k = k[1 : len(k)-1] // fmt.Sprint of a struct: {a b c}
	var out []string
	start := 0
	for i := 0; i <= len(k); i++ {
		if i == len(k) || k[i] == ' ' {
			out = append(out, k[start:i])
			start = i + 1
		}
	}
	return out
}
