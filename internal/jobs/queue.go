package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
)

// Defaults for Options fields left zero.
const (
	DefaultMaxWorkers        = 10
	DefaultFetchPollInterval = time.Second
	DefaultMaxAttempts       = 10
	DefaultJobTimeout        = time.Minute
	// DefaultKeepFinished is how long completed and cancelled jobs stay
	// listed; discarded (failed for good) jobs stay four times as long so
	// that an admin back from a week off still finds them.
	DefaultKeepFinished = 7 * 24 * time.Hour
)

// stopGrace bounds how long Stop waits, after its context ran out and the
// running jobs' contexts were cancelled, for those jobs to return and their
// outcome to be written.
const stopGrace = 5 * time.Second

// Options tune a Queue. The zero value is a sensible production setup.
type Options struct {
	// MaxWorkers is how many jobs this process runs at once (DefaultMaxWorkers).
	MaxWorkers int
	// FetchPollInterval is how often an idle process looks for due jobs
	// (DefaultFetchPollInterval): river polls on both databases, so this
	// bounds how long a committed job waits before it starts.
	FetchPollInterval time.Duration
	// MaxAttempts is how many times a job is tried before it is discarded
	// (DefaultMaxAttempts); a kind or an enqueue may override it.
	MaxAttempts int
	// RetryPolicy says when a failed job is tried again; nil means
	// DefaultBackoff.
	RetryPolicy river.ClientRetryPolicy
	// JobTimeout cancels a job's context after this long (DefaultJobTimeout);
	// a worker may override it with a Timeout method.
	JobTimeout time.Duration
	// KeepFinished is how long completed and cancelled jobs are kept for the
	// admin page (DefaultKeepFinished); discarded jobs are kept four times
	// as long.
	KeepFinished time.Duration

	// testOnly turns off river's start-up jitter so tests start fast.
	testOnly bool
}

func (o Options) withDefaults() Options {
	if o.MaxWorkers <= 0 {
		o.MaxWorkers = DefaultMaxWorkers
	}
	if o.FetchPollInterval <= 0 {
		o.FetchPollInterval = DefaultFetchPollInterval
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.RetryPolicy == nil {
		o.RetryPolicy = DefaultBackoff
	}
	if o.JobTimeout <= 0 {
		o.JobTimeout = DefaultJobTimeout
	}
	if o.KeepFinished <= 0 {
		o.KeepFinished = DefaultKeepFinished
	}
	return o
}

// Queue is Loa's durable job queue: jobs are rows in the database (river's
// tables), enqueued inside the transaction that causes them, run by whichever
// `loa serve` process fetches them first, retried with backoff when they fail.
//
// Lifecycle: New, then AddWorker for every kind (and AddPeriodic), then
// Start; Stop before the database is closed. Enqueueing, List, Retry and
// Cancel work from New on, whether or not this process runs jobs.
type Queue struct {
	d    *db.DB
	log  *slog.Logger
	opts Options

	// client inserts, lists, retries and cancels; it never runs jobs, so it
	// exists from New on and needs no workers to be complete.
	client *river.Client[*sql.Tx]

	mu       sync.RWMutex
	workers  *river.Workers
	kinds    map[string]bool
	periodic []*river.PeriodicJob
	// runner works jobs; built by Start from the registered workers, so that
	// river validates the complete set, and dropped by Stop.
	runner *river.Client[*sql.Tx]
}

// New returns a queue on d. It does not touch the database; Start checks that
// Migrate has run. A nil log discards river's logs.
func New(d *db.DB, log *slog.Logger, opts Options) (*Queue, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	q := &Queue{
		d:       d,
		log:     log.With("component", "jobs"),
		opts:    opts.withDefaults(),
		workers: river.NewWorkers(),
		kinds:   map[string]bool{},
	}
	drv, err := driverFor(d)
	if err != nil {
		return nil, err
	}
	cfg := q.config()
	// The inserting client checks kinds itself (EnqueueTx, under q.mu), so
	// that registering a worker never races with river reading its bundle.
	cfg.SkipUnknownJobCheck = true
	if q.client, err = river.NewClient(drv, cfg); err != nil {
		return nil, fmt.Errorf("jobs: new: %w", err)
	}
	return q, nil
}

// config is the river configuration shared by both clients.
func (q *Queue) config() *river.Config {
	o := q.opts
	return &river.Config{
		Logger:                      q.log,
		MaxAttempts:                 o.MaxAttempts,
		RetryPolicy:                 o.RetryPolicy,
		JobTimeout:                  o.JobTimeout,
		FetchPollInterval:           o.FetchPollInterval,
		FetchCooldown:               min(o.FetchPollInterval, 100*time.Millisecond),
		CompletedJobRetentionPeriod: o.KeepFinished,
		CancelledJobRetentionPeriod: o.KeepFinished,
		DiscardedJobRetentionPeriod: 4 * o.KeepFinished,
		ErrorHandler:                &errorLogger{log: q.log},
		// Poll on both databases. PostgreSQL over database/sql has no
		// LISTEN anyway; on SQLite river's listener would poll an outbox
		// table on the single writer connection twenty times a second, and
		// it delivers cancel requests by job id without rechecking them, so
		// a job cancelled and then retried at once could be cancelled again
		// by the stale message. Polling checks the job row instead, and
		// gives both databases the same timings.
		PollOnly: true,
		TestOnly: o.testOnly,
	}
}

// Start begins working jobs in the background and returns. ctx is used only
// for the start-up checks: the queue keeps running until Stop, so that a
// cancelled serve context does not cut jobs off mid-way (Stop decides how
// long they may finish).
func (q *Queue) Start(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.runner != nil {
		return errors.New("jobs: start: already started")
	}
	if len(q.kinds) == 0 {
		return errors.New("jobs: start: no workers registered")
	}
	if err := checkSchema(ctx, q.d); err != nil {
		return err
	}
	drv, err := driverFor(q.d)
	if err != nil {
		return err
	}
	cfg := q.config()
	cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: q.opts.MaxWorkers}}
	cfg.Workers = q.workers
	cfg.PeriodicJobs = q.periodic
	runner, err := river.NewClient(drv, cfg)
	if err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	if err := runner.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	q.runner = runner
	return nil
}

// Stop stops fetching jobs and waits for running ones to finish, up to ctx's
// deadline. If they have not finished by then, their contexts are cancelled
// and Stop waits a few more seconds for them to return; a job cut off this
// way is retried later by another process (or this one after a restart).
// Call Stop before closing the database. Stopping a queue that is not
// running does nothing.
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	runner := q.runner
	q.runner = nil
	q.mu.Unlock()
	if runner == nil {
		return nil
	}
	err := runner.Stop(ctx)
	if err == nil {
		return nil
	}
	q.log.Warn("jobs: running jobs did not finish in time; cancelling them", "error", err)
	hardCtx, cancel := context.WithTimeout(context.Background(), stopGrace)
	defer cancel()
	if hardErr := runner.StopAndCancel(hardCtx); hardErr != nil {
		return fmt.Errorf("jobs: stop: jobs still running %s after cancelling them: %w", stopGrace, hardErr)
	}
	return fmt.Errorf("jobs: stop: running jobs cancelled (%w); they will be retried", err)
}

// Running reports whether Start has been called and Stop has not.
func (q *Queue) Running() bool {
	q.mu.RLock()
	defer q.mu.RUnlock()
	return q.runner != nil
}
