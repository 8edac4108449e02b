package idempotency

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/jobs"
)

// PruneArgs asks the queue to delete keys older than Keep. It carries
// nothing: an extra run deletes nothing more.
type PruneArgs struct{}

// Kind names the job; it is stored with every job and must not change.
func (PruneArgs) Kind() string { return "idempotency.prune" }

type pruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	d   *db.DB
	now func() time.Time
}

// Work deletes the old keys. An error is retried with backoff.
func (w *pruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	_, err := Prune(ctx, w.d, w.now().Add(-Keep))
	return err
}

// pruneEvery is how often old keys go: the table grows by one row per
// keyed write, so an hourly DELETE on the created_at index stays small.
const pruneEvery = time.Hour

// RegisterJobs adds the pruning of old keys to q, run every pruneEvery.
func RegisterJobs(q *jobs.Queue, d *db.DB) error {
	return jobs.AddSweep(q, &pruneWorker{d: d, now: time.Now}, river.PeriodicInterval(pruneEvery),
		&river.PeriodicJobOpts{ID: "idempotency.prune"})
}
