package cases

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/jobs"
)

// EscalateArgs asks the queue to run the escalation sweep. It carries no
// ids: the sweep finds the open cases itself and records each rung once,
// so an extra run is harmless.
type EscalateArgs struct{}

// Kind names the job; it is stored with every job and must not change.
func (EscalateArgs) Kind() string { return "cases.escalate" }

type escalateWorker struct {
	river.WorkerDefaults[EscalateArgs]
	store *Store
}

// Work runs the sweep. An error is retried with backoff.
func (w *escalateWorker) Work(ctx context.Context, _ *river.Job[EscalateArgs]) error {
	_, err := w.store.Escalate(ctx)
	return err
}

// escalateEvery is how often the sweep runs. Deadlines are counted in
// working days, so a reminder a few minutes late changes nothing.
const escalateEvery = 5 * time.Minute

// RegisterJobs adds the escalation sweep to q, run every escalateEvery.
func RegisterJobs(q *jobs.Queue, s *Store) error {
	return jobs.AddSweep(q, &escalateWorker{store: s}, river.PeriodicInterval(escalateEvery),
		&river.PeriodicJobOpts{ID: "cases.escalate_sweep"})
}
