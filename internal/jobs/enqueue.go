package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
)

// InsertOpts are river's per-job options: ScheduledAt (run no earlier than),
// MaxAttempts, Priority, Queue, Tags and UniqueOpts (at most one job per
// args, per period, …). A nil *InsertOpts means run as soon as possible.
type InsertOpts = river.InsertOpts

// EnqueueTx adds a job inside tx, the transaction of the change that causes
// it: the job becomes visible to workers only when tx commits, and vanishes
// with it on rollback, so there is never a publication job for a guide
// version that was not saved, nor a saved version whose job was lost. It
// returns the job's id (that of the existing job when UniqueOpts found a
// duplicate), which a caller may keep to cancel the job later.
//
// A ScheduledAt that is not in the future is treated as "now": river would
// otherwise park the job as scheduled until its scheduler next runs.
func (q *Queue) EnqueueTx(ctx context.Context, tx *db.Tx, args river.JobArgs, opts *InsertOpts) (int64, error) {
	if args == nil {
		return 0, errors.New("jobs: enqueue: nil args")
	}
	kind := args.Kind()
	q.mu.RLock()
	known := q.kinds[kind]
	q.mu.RUnlock()
	if !known {
		return 0, fmt.Errorf("jobs: enqueue %s: no worker registered for this kind (jobs.AddWorker)", kind)
	}
	if opts != nil && !opts.ScheduledAt.IsZero() && !opts.ScheduledAt.After(time.Now()) {
		o := *opts
		o.ScheduledAt = time.Time{}
		opts = &o
	}
	res, err := q.client.InsertTx(ctx, tx.SQLTx(), args, opts)
	if err != nil {
		return 0, fmt.Errorf("jobs: enqueue %s: %w", kind, err)
	}
	return res.Job.ID, nil
}

// Enqueue adds a job in a transaction of its own, for causes that are not a
// database change (an admin pressing "run now"). Inside a transaction use
// EnqueueTx: calling Enqueue there would wait forever on SQLite's single
// writer connection, which the transaction holds.
func (q *Queue) Enqueue(ctx context.Context, args river.JobArgs, opts *InsertOpts) (int64, error) {
	var id int64
	err := q.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = q.EnqueueTx(ctx, tx, args, opts)
		return err
	})
	return id, err
}
