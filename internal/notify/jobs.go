package notify

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/jobs"
)

// DeliverArgs asks the queue to run a delivery sweep. It carries nothing:
// the sweep finds the due messages itself, so an extra run is harmless.
type DeliverArgs struct{}

// Kind names the job; it is stored with every job and must not change.
func (DeliverArgs) Kind() string { return "notify.deliver" }

type deliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	d *Deliverer
}

// Work runs one sweep. SMTP failures are kept on the messages; only a
// database failure fails the job (river retries it).
func (w *deliverWorker) Work(ctx context.Context, _ *river.Job[DeliverArgs]) error {
	_, err := w.d.Deliver(ctx)
	return err
}

// deliverEvery is how often the sweep runs.
const deliverEvery = 30 * time.Second

// RegisterJobs adds the delivery sweep to q, run every deliverEvery.
func RegisterJobs(q *jobs.Queue, d *Deliverer) error {
	return jobs.AddSweep(q, &deliverWorker{d: d}, river.PeriodicInterval(deliverEvery),
		&river.PeriodicJobOpts{ID: "notify.deliver_sweep"})
}
