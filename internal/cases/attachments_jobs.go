package cases

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/jobs"
)

// PruneUploadsArgs asks the queue to delete the form uploads no case
// claimed within UploadKeep. It carries nothing: an extra run is harmless.
type PruneUploadsArgs struct{}

// Kind names the job; it is stored with every job and must not change.
func (PruneUploadsArgs) Kind() string { return "cases.prune_uploads" }

type pruneUploadsWorker struct {
	river.WorkerDefaults[PruneUploadsArgs]
	store *Store
}

// Work deletes the abandoned uploads. An error is retried with backoff.
func (w *pruneUploadsWorker) Work(ctx context.Context, _ *river.Job[PruneUploadsArgs]) error {
	_, err := w.store.PruneUploads(ctx, w.store.now().Add(-UploadKeep))
	return err
}

// pruneUploadsEvery is how often abandoned uploads go; they take room
// (up to 15 MB a form), so hourly rather than daily.
const pruneUploadsEvery = time.Hour

// RegisterAttachmentJobs adds the pruning of abandoned form uploads to q.
func RegisterAttachmentJobs(q *jobs.Queue, s *Store) error {
	return jobs.AddSweep(q, &pruneUploadsWorker{store: s}, river.PeriodicInterval(pruneUploadsEvery),
		&river.PeriodicJobOpts{ID: "cases.prune_uploads"})
}
