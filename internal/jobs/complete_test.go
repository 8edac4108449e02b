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

// onceArgs/onceWorker complete the job inside the worker's own transaction,
// then fail if told to: a failure after CompleteTx's transaction committed
// must not make the job run again.
type onceArgs struct {
	FailAfter bool `json:"fail_after"`
}

func (onceArgs) Kind() string { return "test.once" }

type onceWorker struct {
	river.WorkerDefaults[onceArgs]
	d *db.DB
}

func (w *onceWorker) Work(ctx context.Context, job *river.Job[onceArgs]) error {
	if err := w.d.InTx(ctx, func(tx *db.Tx) error {
		if err := db.SetMeta(ctx, tx, "once", "done"); err != nil {
			return err
		}
		return jobs.CompleteTx(ctx, tx, job)
	}); err != nil {
		return err
	}
	if job.Args.FailAfter {
		return errors.New("failed after completing")
	}
	return nil
}

func TestCompleteTx(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, &onceWorker{d: d}) })
		start(t, q)
		id := enqueue(t, q, d, onceArgs{FailAfter: true}, nil)
		j := waitState(t, q, id, jobs.StateCompleted, 5*time.Second)
		time.Sleep(300 * time.Millisecond) // give a wrongful retry time to show
		if j, err := q.Get(ctx, id); err != nil || j.State != jobs.StateCompleted || j.Attempt != 1 {
			t.Fatalf("job after CompleteTx = %+v, %v; want completed after one attempt", j, err)
		}
		if v, ok, err := d.Meta(ctx, "once"); err != nil || !ok || v != "done" {
			t.Fatalf("worker effect missing: %q %v %v", v, ok, err)
		}
		_ = j
	})
}
