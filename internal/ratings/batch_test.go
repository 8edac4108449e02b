package ratings

import (
	"context"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// One bad write in a batch must fail alone: its neighbours are retried on
// their own and committed.
func TestBatchIsolatesAFailure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := newTestStore(t, d)
		now := time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)
		good := clean{service: "1.001193", level: Satisfied, source: SourceAPI}
		bad := good
		bad.level = 9 // past validation, the CHECK constraint refuses it
		batch := []*write{
			{c: good, key: "a", hash: "h1", now: now, done: make(chan writeResult, 1)},
			{c: bad, now: now, done: make(chan writeResult, 1)},
			{c: good, key: "a", hash: "h1", now: now, done: make(chan writeResult, 1)}, // a twin of the first
			{c: good, now: now, done: make(chan writeResult, 1)},
		}
		s.writeBatch(batch)
		res := make([]writeResult, len(batch))
		for i, w := range batch {
			res[i] = <-w.done
		}
		if res[0].err != nil || res[0].state != written || res[3].err != nil || res[3].state != written {
			t.Fatalf("good writes: %+v, %+v", res[0], res[3])
		}
		if res[1].err == nil {
			t.Fatal("the bad write succeeded")
		}
		if res[2].err != nil || res[2].state != keyTaken {
			t.Fatalf("the twin: %+v, want keyTaken", res[2])
		}
		if n := countRows(t, d, "SELECT COUNT(*) FROM ratings"); n != 2 {
			t.Fatalf("%d ratings stored, want 2", n)
		}
		out, ok, err := s.replay(context.Background(), "a", "h1")
		if err != nil || !ok || out.Receipt.ID != res[0].rec.ID {
			t.Fatalf("replay of the twin: %+v %v %v, want receipt %d", out, ok, err, res[0].rec.ID)
		}
	})
}
