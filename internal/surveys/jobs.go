package surveys

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/jobs"
)

// FileKeep is how long an uploaded file waits for the response that
// claims it. A respondent uploads on one page and sends the form pages
// later; a day covers a form left open over lunch or overnight, the same
// grace as reports' uploads.
const FileKeep = 24 * time.Hour

// PruneFilesArgs asks the queue to delete the survey uploads no response
// claimed within FileKeep. It carries nothing: an extra run is harmless.
type PruneFilesArgs struct{}

// Kind names the job; it is stored with every job and must not change.
func (PruneFilesArgs) Kind() string { return "surveys.prune_files" }

type pruneFilesWorker struct {
	river.WorkerDefaults[PruneFilesArgs]
	store *Store
}

// Work deletes the abandoned uploads. An error is retried with backoff.
func (w *pruneFilesWorker) Work(ctx context.Context, _ *river.Job[PruneFilesArgs]) error {
	_, err := w.store.PruneFiles(ctx, w.store.now().Add(-FileKeep))
	return err
}

// pruneFilesEvery is how often abandoned uploads go: their bytes sit in
// the database (up to the question's limit each), so hourly rather than
// daily keeps the table from carrying a day's abandoned forms for long.
const pruneFilesEvery = time.Hour

// RegisterJobs adds the pruning of abandoned survey uploads to q.
func RegisterJobs(q *jobs.Queue, s *Store) error {
	return jobs.AddSweep(q, &pruneFilesWorker{store: s}, river.PeriodicInterval(pruneFilesEvery),
		&river.PeriodicJobOpts{ID: "surveys.prune_files"})
}
