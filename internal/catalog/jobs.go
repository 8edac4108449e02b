package catalog

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/jobs"
)

// PublishDueArgs asks the queue to publish every scheduled revision whose
// time has come. It carries no ids: PublishDue finds the due revisions
// itself, so one job per scheduled time is enough and an extra one is
// harmless.
type PublishDueArgs struct{}

// Kind names the job; it is stored with every job and must not change.
func (PublishDueArgs) Kind() string { return "catalog.publish_due" }

type publishDueWorker struct {
	river.WorkerDefaults[PublishDueArgs]
	store *Store
}

// Work publishes what is due. An error is retried with backoff.
func (w *publishDueWorker) Work(ctx context.Context, _ *river.Job[PublishDueArgs]) error {
	_, err := w.store.PublishDue(ctx, w.store.now())
	return err
}

// publishSweep is how often the queue also looks for due publications, in
// case a job was lost (enqueued by a process that had no queue, such as a
// command-line import) or ran early.
const publishSweep = time.Minute

// RegisterJobs adds the catalogue's job kinds to q: scheduled publication,
// run at each scheduled time and swept every minute.
func RegisterJobs(q *jobs.Queue, s *Store) error {
	return jobs.AddSweep(q, &publishDueWorker{store: s}, river.PeriodicInterval(publishSweep),
		&river.PeriodicJobOpts{ID: "catalog.publish_sweep"})
}

// SchedulePublication enqueues, in the transaction that schedules rev, the
// job that publishes it at its time. Use it in a schedule hook
// (WithScheduleHook).
func SchedulePublication(ctx context.Context, q *jobs.Queue, tx *db.Tx, rev *Revision) error {
	_, err := q.EnqueueTx(ctx, tx, PublishDueArgs{}, &jobs.InsertOpts{ScheduledAt: rev.PublishAt})
	return err
}
