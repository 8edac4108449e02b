package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

// slowArgs makes slowWorker signal started, then work for For, or until its
// context is cancelled.
type slowArgs struct {
	For time.Duration `json:"for"`
}

func (slowArgs) Kind() string { return "test.slow" }

type slowWorker struct {
	river.WorkerDefaults[slowArgs]
	started   chan int64
	cancelled chan int64
}

func newSlowWorker() *slowWorker {
	return &slowWorker{started: make(chan int64, 10), cancelled: make(chan int64, 10)}
}

func (w *slowWorker) Work(ctx context.Context, job *river.Job[slowArgs]) error {
	w.started <- job.ID
	select {
	case <-time.After(job.Args.For):
		return nil
	case <-ctx.Done():
		w.cancelled <- job.ID
		return ctx.Err()
	}
}

func waitStarted(t *testing.T, w *slowWorker, id int64) {
	t.Helper()
	select {
	case got := <-w.started:
		if got != id {
			t.Fatalf("job %d started, want %d", got, id)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("job %d did not start", id)
	}
}

// TestStopWaitsForRunningJob: a graceful stop lets the running job finish
// and records it as completed.
func TestStopWaitsForRunningJob(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		w := newSlowWorker()
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, w) })
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		id := enqueue(t, q, d, slowArgs{For: 300 * time.Millisecond}, nil)
		waitStarted(t, w, id)
		stopCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if err := q.Stop(stopCtx); err != nil {
			t.Fatalf("Stop = %v", err)
		}
		if q.Running() {
			t.Fatal("queue still running after Stop")
		}
		select {
		case <-w.cancelled:
			t.Fatal("graceful stop cancelled the job")
		default:
		}
		j, err := q.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.State != jobs.StateCompleted {
			t.Fatalf("job state after Stop = %s, want completed", j.State)
		}
		// Stopping again is harmless; the queue can start again.
		if err := q.Stop(ctx); err != nil {
			t.Fatalf("second Stop = %v", err)
		}
		start(t, q)
	})
}

// TestStopCancelsJobsAfterDeadline: when the stop context runs out, running
// jobs are cancelled, Stop says so, and the job is left to run again.
func TestStopCancelsJobsAfterDeadline(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		w := newSlowWorker()
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, w) })
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		id := enqueue(t, q, d, slowArgs{For: time.Hour}, nil)
		waitStarted(t, w, id)
		stopCtx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		defer cancel()
		began := time.Now()
		err := q.Stop(stopCtx)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Stop = %v, want deadline exceeded", err)
		}
		if took := time.Since(began); took > 3*time.Second {
			t.Fatalf("Stop took %s", took)
		}
		select {
		case <-w.cancelled:
		default:
			t.Fatal("the running job's context was not cancelled")
		}
		j, err := q.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.State == jobs.StateRunning || j.State == jobs.StateCompleted || j.State == jobs.StateDiscarded {
			t.Fatalf("job state after cancelled stop = %s, want it left to run again", j.State)
		}
	})
}

// TestCancelRunningJob: an admin's Cancel reaches a running job's context
// (river polls for cancellations every two seconds when it has no LISTEN)
// and the job ends cancelled, not retried.
func TestCancelRunningJob(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		w := newSlowWorker()
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, w) })
		start(t, q)
		id := enqueue(t, q, d, slowArgs{For: time.Hour}, nil)
		waitStarted(t, w, id)
		if _, err := q.Cancel(ctx, id); err != nil {
			t.Fatal(err)
		}
		select {
		case <-w.cancelled:
		case <-time.After(5 * time.Second):
			t.Fatal("running job's context not cancelled within 5 s")
		}
		j := waitState(t, q, id, jobs.StateCancelled, 5*time.Second)
		if j.Attempt != 1 {
			t.Fatalf("cancelled job attempted %d times, want 1", j.Attempt)
		}
	})
}
