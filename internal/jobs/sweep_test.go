package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

// TestAddSweep checks that a sweep's worker is registered (a second
// registration of the kind fails) and that its periodic job, asked to
// run on start, inserts zero args once and runs them.
func TestAddSweep(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		rec := newRecordWorker(d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error {
			return jobs.AddSweep(q, rec, jobs.DailyAt(3, 0, time.UTC), &river.PeriodicJobOpts{ID: "sweep", RunOnStart: true})
		})
		if err := jobs.AddWorker(q, newRecordWorker(d)); err == nil {
			t.Fatal("AddSweep left the kind unregistered")
		}
		start(t, q)
		deadline := time.Now().Add(10 * time.Second)
		for rec.count("") == 0 {
			if time.Now().After(deadline) {
				t.Fatal("sweep never ran")
			}
			time.Sleep(50 * time.Millisecond)
		}
		got, err := q.List(ctx, jobs.Filter{Kind: "test.record"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("sweep inserted %d times, want once", len(got))
		}
	})
}
