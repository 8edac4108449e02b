package jobs

import (
	"errors"
	"fmt"

	"github.com/riverqueue/river"
)

// AddWorker registers the worker for one job kind (T's Kind()). Register
// every kind before Start, and before the first enqueue of that kind:
// EnqueueTx refuses kinds nobody registered, as a forgotten registration
// would otherwise leave jobs waiting forever.
//
// Every process registers every kind, whether or not it runs jobs, because
// any replica may pick up any job.
func AddWorker[T river.JobArgs](q *Queue, w river.Worker[T]) error {
	kind := (*new(T)).Kind()
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.runner != nil {
		return fmt.Errorf("jobs: add worker %s: queue already started", kind)
	}
	if err := river.AddWorkerSafely(q.workers, w); err != nil {
		return fmt.Errorf("jobs: add worker %s: %w", kind, err)
	}
	q.kinds[kind] = true
	return nil
}

// AddPeriodic registers a job inserted on a schedule (river.NewPeriodicJob
// with river.PeriodicInterval, DailyAt, or any river.PeriodicSchedule). Only
// the elected leader among the running processes inserts periodic jobs, so
// several replicas do not multiply them. Register before Start; the job's
// kind needs a worker too.
func (q *Queue) AddPeriodic(job *river.PeriodicJob) error {
	if job == nil {
		return errors.New("jobs: add periodic: nil job")
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.runner != nil {
		return errors.New("jobs: add periodic: queue already started")
	}
	q.periodic = append(q.periodic, job)
	return nil
}

// AddSweep registers a sweep: worker w for the kind of T, and a periodic
// job that inserts a zero T on schedule (opts name it with an ID and may
// ask for RunOnStart). A sweep's args carry nothing because its worker
// finds its own work, so a late, extra or doubled run is harmless; T is a
// value type such as struct{}. Register before Start, like AddWorker and
// AddPeriodic.
func AddSweep[T river.JobArgs](q *Queue, w river.Worker[T], schedule river.PeriodicSchedule, opts *river.PeriodicJobOpts) error {
	if err := AddWorker(q, w); err != nil {
		return err
	}
	return q.AddPeriodic(river.NewPeriodicJob(schedule,
		func() (river.JobArgs, *river.InsertOpts) {
			var args T
			return args, nil
		}, opts))
}
