package jobs_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

func TestCommittedJobRuns(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		w := newRecordWorker(d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, w) })
		start(t, q)

		var id int64
		if err := d.InTx(ctx, func(tx *db.Tx) (err error) {
			if err := db.SetMeta(ctx, tx, "cause", "x"); err != nil {
				return err
			}
			id, err = q.EnqueueTx(ctx, tx, recordArgs{Key: "a"}, nil)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		waitState(t, q, id, jobs.StateCompleted, 5*time.Second)
		if v, ok, err := d.Meta(ctx, "done:a"); err != nil || !ok || v == "" {
			t.Fatalf("worker effect: meta done:a = %q %v %v", v, ok, err)
		}
		if n := w.count("a"); n != 1 {
			t.Fatalf("job ran %d times, want 1", n)
		}
	})
}

func TestRolledBackJobNeverRuns(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		w := newRecordWorker(d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, w) })
		start(t, q)

		boom := errors.New("boom")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := q.EnqueueTx(ctx, tx, recordArgs{Key: "ghost"}, nil); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx = %v, want boom", err)
		}
		// A job committed after the rolled-back one has run, so the
		// rolled-back one would have run by now had it survived.
		id := enqueue(t, q, d, recordArgs{Key: "marker"}, nil)
		waitState(t, q, id, jobs.StateCompleted, 5*time.Second)
		if n := w.count("ghost"); n != 0 {
			t.Fatalf("rolled-back job ran %d times", n)
		}
		all, err := q.List(ctx, jobs.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 1 || all[0].ID != id {
			t.Fatalf("jobs after rollback = %+v, want only the marker %d", all, id)
		}
	})
}

// TestScheduledJob checks that a job does not run before ScheduledAt and does
// run after it. River's scheduler runs every five seconds and promotes jobs
// due before its next run, so a job due in 1.5 s may wait for the next run:
// this test takes up to about five seconds.
func TestScheduledJob(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		w := newRecordWorker(d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, w) })
		start(t, q)

		at := time.Now().Add(1500 * time.Millisecond)
		id := enqueue(t, q, d, recordArgs{Key: "later"}, &jobs.InsertOpts{ScheduledAt: at})
		j, err := q.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		// "available" too: the scheduler may already have promoted it; the
		// fetch still waits for ScheduledAt.
		if diff := j.ScheduledAt.Sub(at).Abs(); (j.State != jobs.StateScheduled && j.State != jobs.StateAvailable) || diff > 2*time.Millisecond {
			t.Fatalf("after enqueue: state %s scheduled %s, want scheduled at %s", j.State, j.ScheduledAt, at.UTC())
		}
		time.Sleep(time.Until(at) - 200*time.Millisecond)
		if n := w.count("later"); n != 0 {
			t.Fatalf("job ran %d times before its time", n)
		}
		j = waitState(t, q, id, jobs.StateCompleted, 10*time.Second)
		if j.AttemptedAt.Before(at.Add(-time.Millisecond)) {
			t.Fatalf("job attempted at %s, before its time %s", j.AttemptedAt, at.UTC())
		}
	})
}

// TestScheduledInThePastRunsNow checks that a ScheduledAt already passed does
// not park the job until river's scheduler comes round.
func TestScheduledInThePastRunsNow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		migrated(t, d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, newRecordWorker(d)) })
		opts := &jobs.InsertOpts{ScheduledAt: time.Now().Add(-time.Minute)}
		id := enqueue(t, q, d, recordArgs{Key: "past"}, opts)
		if opts.ScheduledAt.IsZero() {
			t.Fatal("EnqueueTx changed the caller's options")
		}
		j, err := q.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if j.State != jobs.StateAvailable {
			t.Fatalf("state %s, want available", j.State)
		}
	})
}

func TestEnqueueRefusesUnknownKind(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		migrated(t, d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, newRecordWorker(d)) })
		_, err := q.Enqueue(context.Background(), flakyArgs{}, nil)
		if err == nil || !strings.Contains(err.Error(), "no worker registered") {
			t.Fatalf("Enqueue of unregistered kind = %v, want no-worker error", err)
		}
		if _, err := q.Enqueue(context.Background(), nil, nil); err == nil {
			t.Fatal("Enqueue(nil) succeeded")
		}
	})
}
