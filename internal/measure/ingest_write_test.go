package measure

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// storedEvents reads measure_events back as the validated events, keyed
// by event id.
func storedEvents(t *testing.T, d *db.DB) map[string]Event {
	t.Helper()
	rows, err := d.Query(context.Background(), `SELECT source, event_id, kind, occurred_at, day, procedure_code, known_procedure,
		unit, province, channel, level, due_at, resolved_at, score, ingested_at FROM measure_events`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]Event{}
	for rows.Next() {
		var e Event
		var kind, channel, level string
		var due, resolved nullableTime
		var ingested time.Time
		if err := rows.Scan(&e.Source, &e.ID, &kind, &e.OccurredAt, &e.Day, &e.Procedure, &e.KnownProcedure,
			&e.Unit, &e.Province, &channel, &level, &due, &resolved, &e.Score, &ingested); err != nil {
			t.Fatal(err)
		}
		if !ingested.Equal(fixedNow) {
			t.Errorf("event %s ingested at %v, want %v", e.ID, ingested, fixedNow)
		}
		e.Kind, e.Channel, e.Level = Kind(kind), Channel(channel), Level(level)
		e.DueAt, e.ResolvedAt = due.Time, resolved.Time
		out[e.ID] = e
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type nullableTime struct{ Time time.Time }

func (n *nullableTime) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		n.Time = time.Time{}
	case time.Time:
		n.Time = v
	default:
		return fmt.Errorf("timestamp: %T", v)
	}
	return nil
}

// sameEvent compares what is stored of an event (times as instants).
func sameEvent(a, b Event) bool {
	a.Agency, b.Agency = "", ""
	if !a.OccurredAt.Equal(b.OccurredAt) || !a.DueAt.Equal(b.DueAt) || !a.ResolvedAt.Equal(b.ResolvedAt) {
		return false
	}
	a.OccurredAt, b.OccurredAt, a.DueAt, b.DueAt, a.ResolvedAt, b.ResolvedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return a == b
}

// TestIngestStoresEveryFieldOnBothPaths checks every column as stored: a
// batch of new events (COPY on PostgreSQL) and a batch mixing stored and
// new events (INSERT … ON CONFLICT after COPY met the stored one), with
// every kind, unknown deadlines and ratings.
func TestIngestStoresEveryFieldOnBothPaths(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		in := randomEvents(rand.New(rand.NewPCG(7, 99)), 300)
		want := map[string]Event{}
		v := validator{dir: testDir(), procs: testProcs, now: fixedNow}
		for i := range in {
			e, _, probs := v.validate(&in[i])
			if probs != nil {
				t.Fatalf("event %d invalid: %v", i, probs)
			}
			e.Source = sourceKey("VN", e.Source)
			want[e.ID] = e
		}
		first, second := in[:200], append([]EventInput{in[150]}, in[200:]...) // in[150] is stored by then
		res, err := s.Ingest(ctx, Sender{Agency: "VN"}, Items(first))
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 200 {
			t.Fatalf("first batch: %+v", res.Created)
		}
		res, err = s.Ingest(ctx, Sender{Agency: "VN"}, Items(second))
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 100 || res.Duplicates != 1 || res.Items[0].Status != StatusDuplicate || res.Items[1].Status != StatusCreated {
			t.Fatalf("second batch: created %d, duplicates %d, first items %+v %+v", res.Created, res.Duplicates, res.Items[0], res.Items[1])
		}
		got := storedEvents(t, d)
		if len(got) != len(want) {
			t.Fatalf("%d events stored, want %d", len(got), len(want))
		}
		for id, w := range want {
			if g, ok := got[id]; !ok || !sameEvent(g, w) {
				t.Errorf("event %s stored as %+v, want %+v", id, g, w)
			}
		}
		var arrivals int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM measure_source_arrivals WHERE source = ?", "VN:bench").Scan(&arrivals); err != nil {
			t.Fatal(err)
		}
		var events, dups, rejected int64
		if err := d.QueryRow(ctx, "SELECT events, duplicates, rejected FROM measure_sources WHERE source = ?", "VN:bench").
			Scan(&events, &dups, &rejected); err != nil {
			t.Fatal(err)
		}
		if arrivals != 2 || events != 300 || dups != 1 || rejected != 0 {
			t.Errorf("source: %d arrivals, events %d, duplicates %d, rejected %d", arrivals, events, dups, rejected)
		}
	})
}

// TestIngestSameBatchAtOnceCountsOnce sends the same batches from four
// senders at once, as replicas behind a load balancer would when a client
// retries: every event is created exactly once and the rollups are those
// of one delivery. On PostgreSQL the losers' COPY waits for the winner's
// keys, fails, and their batch goes the ON CONFLICT way.
func TestIngestSameBatchAtOnceCountsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		var batches [][]EventInput
		for i := range 4 {
			batches = append(batches, benchEvents(500, uint64(100+i)))
		}
		var wg sync.WaitGroup
		created := make([]int, 4)
		errs := make([]error, 4)
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range batches {
					b := batches[(i+w)%len(batches)] // each sender starts elsewhere
					res, err := s.Ingest(ctx, Sender{Agency: "VN"}, Items(b))
					if err != nil {
						errs[w] = err
						return
					}
					created[w] += res.Created
				}
			}()
		}
		wg.Wait()
		total := 0
		for w := range 4 {
			if errs[w] != nil {
				t.Fatal(errs[w])
			}
			total += created[w]
		}
		if total != 4*500 {
			t.Fatalf("created %d in all, want %d", total, 4*500)
		}
		clean := dbtest.SQLite(t)
		cs := newTestStore(clean)
		for _, b := range batches {
			if _, err := cs.Ingest(ctx, Sender{Agency: "VN"}, Items(b)); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := dailyRows(t, d), dailyRows(t, clean); !maps.Equal(got, want) {
			t.Errorf("daily rollups differ from one clean delivery (%d rows, want %d)", len(got), len(want))
		}
		if got, want := monthlyRows(t, d), monthlyRows(t, clean); !maps.Equal(got, want) {
			t.Errorf("monthly rollups differ from one clean delivery")
		}
	})
}
