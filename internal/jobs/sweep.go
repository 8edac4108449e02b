package jobs

import "github.com/riverqueue/river"

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
