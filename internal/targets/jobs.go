package targets

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/jobs"
)

// ComputeArgs asks the queue to run a compute sweep. It carries nothing:
// ComputeObservations finds its own work, so an extra run changes nothing.
type ComputeArgs struct{}

// Kind names the job; it is stored with every job and must not change.
func (ComputeArgs) Kind() string { return "targets.compute" }

type computeWorker struct {
	river.WorkerDefaults[ComputeArgs]
	store   *Store
	measure MeasureFunc
}

// Work recomputes the computed observations. An error is retried.
func (w *computeWorker) Work(ctx context.Context, _ *river.Job[ComputeArgs]) error {
	_, err := w.store.ComputeObservations(ctx, w.measure)
	return err
}

// computeEvery is how often the sweep runs: an import of aggregates or a
// day of events shows in the targets within the hour, and a run costs a
// few national reports per bound target.
const computeEvery = time.Hour

// RegisterJobs adds the compute sweep to q, run at start and every
// computeEvery, reading the measurements through measure.
func RegisterJobs(q *jobs.Queue, s *Store, measure MeasureFunc) error {
	if measure == nil {
		return errors.New("targets: register jobs: no measure function")
	}
	return jobs.AddSweep(q, &computeWorker{store: s, measure: measure}, river.PeriodicInterval(computeEvery),
		&river.PeriodicJobOpts{ID: "targets.compute_sweep", RunOnStart: true})
}
