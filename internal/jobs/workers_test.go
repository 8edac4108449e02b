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

// TestStartRefusesUnmigratedOrEmptyQueue covers the registration rules: no
// start without workers or without river's schema, no kind twice, nothing
// registered after Start.
func TestStartRefusesUnmigratedOrEmptyQueue(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, err := jobs.New(d, nil, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err == nil {
			t.Fatal("Start with no workers succeeded")
		}
		if err := jobs.AddWorker(q, flakyWorker{}); err != nil {
			t.Fatal(err)
		}
		if err := jobs.AddWorker(q, flakyWorker{}); err == nil {
			t.Fatal("registering a kind twice succeeded")
		}
		err = q.Start(ctx)
		if err == nil {
			q.Stop(ctx)
			t.Fatal("Start before jobs.Migrate succeeded")
		}
		t.Logf("unmigrated start: %v", err)
		migrated(t, d)
		start(t, q)
		if err := q.Start(ctx); err == nil {
			t.Fatal("second Start succeeded")
		}
		if err := jobs.AddWorker(q, newRecordWorker(d)); err == nil {
			t.Fatal("AddWorker after Start succeeded")
		}
		if err := q.AddPeriodic(river.NewPeriodicJob(river.PeriodicInterval(time.Hour), func() (river.JobArgs, *river.InsertOpts) { return flakyArgs{}, nil }, nil)); err == nil {
			t.Fatal("AddPeriodic after Start succeeded")
		}
	})
}

// TestPeriodicJobIsInserted checks that a periodic job registered with
// RunOnStart, by AddPeriodic or as a sweep by AddSweep, is inserted once
// and run by the elected leader.
func TestPeriodicJobIsInserted(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		key  string // of the args the schedule inserts
		add  func(q *jobs.Queue, rec *recordWorker) error
	}{
		{"periodic", "nightly", func(q *jobs.Queue, rec *recordWorker) error {
			if err := jobs.AddWorker(q, rec); err != nil {
				return err
			}
			return q.AddPeriodic(river.NewPeriodicJob(jobs.DailyAt(3, 0, time.UTC),
				func() (river.JobArgs, *river.InsertOpts) { return recordArgs{Key: "nightly"}, nil },
				&river.PeriodicJobOpts{ID: "nightly", RunOnStart: true}))
		}},
		{"sweep", "", func(q *jobs.Queue, rec *recordWorker) error {
			return jobs.AddSweep(q, rec, jobs.DailyAt(3, 0, time.UTC), &river.PeriodicJobOpts{ID: "sweep", RunOnStart: true})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				t.Parallel()
				ctx := context.Background()
				migrated(t, d)
				rec := newRecordWorker(d)
				q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return tc.add(q, rec) })
				if err := jobs.AddWorker(q, newRecordWorker(d)); err == nil {
					t.Fatal("the job's kind was left unregistered")
				}
				start(t, q)
				deadline := time.Now().Add(10 * time.Second)
				for rec.count(tc.key) == 0 {
					if time.Now().After(deadline) {
						t.Fatal("periodic job never ran")
					}
					time.Sleep(50 * time.Millisecond)
				}
				got, err := q.List(ctx, jobs.Filter{Kind: "test.record"})
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 1 {
					t.Fatalf("periodic job inserted %d times, want once", len(got))
				}
			})
		})
	}
}
