package measure

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/jobs"
)

// Background work of measuring, on the shared queue:
//
//   - measure.refresh, every RefreshEvery: Loa's ratings of the current and
//     previous month rolled into the satisfaction indicator, the compact
//     rows of those months rebuilt, silent sources raised as alerts;
//   - measure.daily, at 02:30 in Vietnam: every compact month rebuilt (late
//     events of older months), yesterday's outliers held, yesterday's
//     drops raised, due months' rankings frozen, the digests of the week
//     just ended stored, old arrival times pruned.
//
// Every step is idempotent, so a retried or doubled job changes nothing.

// RefreshEvery is how often the recent months are rebuilt.
const RefreshEvery = 10 * time.Minute

// JobOptions plug in what measure cannot reach itself.
type JobOptions struct {
	// RatingTallies tallies Loa's ratings of a month ("YYYY-MM"); nil
	// leaves ratings out.
	RatingTallies func(ctx context.Context, month string) ([]RatingTally, error)
}

// RefreshArgs asks for the frequent refresh.
type RefreshArgs struct{}

// Kind names the job; stored with every job, it must not change.
func (RefreshArgs) Kind() string { return "measure.refresh" }

// DailyArgs asks for the nightly checks.
type DailyArgs struct{}

// Kind names the job; stored with every job, it must not change.
func (DailyArgs) Kind() string { return "measure.daily" }

type refreshWorker struct {
	river.WorkerDefaults[RefreshArgs]
	store *Store
	opts  JobOptions
}

// Work runs the refresh; an error is retried with backoff.
func (w *refreshWorker) Work(ctx context.Context, _ *river.Job[RefreshArgs]) error {
	return w.store.Refresh(ctx, w.opts)
}

type dailyWorker struct {
	river.WorkerDefaults[DailyArgs]
	store *Store
	opts  JobOptions
}

// Work runs the nightly checks; an error is retried with backoff.
func (w *dailyWorker) Work(ctx context.Context, _ *river.Job[DailyArgs]) error {
	return w.store.Nightly(ctx)
}

// Timeout lets the nightly job rebuild a national year.
func (w *dailyWorker) Timeout(*river.Job[DailyArgs]) time.Duration { return 30 * time.Minute }

// RegisterJobs adds measuring's job kinds and schedules to q.
func RegisterJobs(q *jobs.Queue, s *Store, opts JobOptions) error {
	if err := jobs.AddSweep(q, &refreshWorker{store: s, opts: opts}, river.PeriodicInterval(RefreshEvery),
		&river.PeriodicJobOpts{ID: "measure.refresh", RunOnStart: true}); err != nil {
		return err
	}
	return jobs.AddSweep(q, &dailyWorker{store: s, opts: opts}, jobs.DailyAt(2, 30, vietnam),
		&river.PeriodicJobOpts{ID: "measure.daily"})
}

// Refresh is the frequent refresh (see RefreshArgs).
func (s *Store) Refresh(ctx context.Context, opts JobOptions) error {
	now := s.clock().In(vietnam)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	var errs []error
	if opts.RatingTallies != nil {
		for _, m := range []string{first.AddDate(0, -1, 0).Format("2006-01"), first.Format("2006-01")} {
			t, err := opts.RatingTallies(ctx, m)
			if err == nil {
				err = s.ReplaceRatings(ctx, m, t)
			}
			errs = append(errs, err)
		}
	}
	errs = append(errs, s.RefreshRecentCompact(ctx))
	_, err := s.DetectStale(ctx)
	return errors.Join(append(errs, err)...)
}

// Nightly runs the nightly checks (see DailyArgs) for the day before
// now.
func (s *Store) Nightly(ctx context.Context) error {
	now := s.clock()
	yesterday := now.In(vietnam).AddDate(0, 0, -1).Format(time.DateOnly)
	if err := s.RefreshAllCompact(ctx); err != nil {
		return err
	}
	var errs []error
	_, err := s.QuarantineOutliers(ctx, yesterday)
	errs = append(errs, err)
	_, err = s.DetectDrops(ctx, yesterday)
	errs = append(errs, err)
	_, err = s.FreezeDue(ctx)
	errs = append(errs, err)
	_, err = s.BuildDigests(ctx, WeekStart(now).AddDate(0, 0, -7))
	errs = append(errs, err)
	_, err = s.PruneArrivals(ctx)
	errs = append(errs, err)
	return errors.Join(errs...)
}
