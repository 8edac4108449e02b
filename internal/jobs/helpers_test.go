package jobs_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/jobs"
)

// testOptions are fast: short polls and retries that follow within
// milliseconds, so a test waits on the queue, not on production timings.
func testOptions() jobs.Options {
	return jobs.FastOptions(jobs.Options{
		FetchPollInterval: 100 * time.Millisecond,
		RetryPolicy:       jobs.Backoff{Base: 10 * time.Millisecond, Max: 50 * time.Millisecond},
	})
}

// migrated runs river's migrations on d.
func migrated(t *testing.T, d *db.DB) *db.DB {
	t.Helper()
	if err := jobs.Migrate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

// newQueue returns a queue on d with the given workers registered; it is
// not started.
func newQueue(t *testing.T, d *db.DB, opts jobs.Options, register func(q *jobs.Queue) error) *jobs.Queue {
	t.Helper()
	q, err := jobs.New(d, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := register(q); err != nil {
		t.Fatal(err)
	}
	return q
}

// start starts q and stops it when the test ends (before the database
// closes: cleanups run last-registered first).
func start(t *testing.T, q *jobs.Queue) {
	t.Helper()
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
}

// waitState polls until job id reaches state, failing after timeout.
func waitState(t *testing.T, q *jobs.Queue, id int64, want jobs.State, timeout time.Duration) jobs.JobInfo {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		j, err := q.Get(context.Background(), id)
		if err != nil {
			t.Fatalf("get job %d: %v", id, err)
		}
		if j.State == want {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d (%s) is %s after %s, want %s (last error %q)", id, j.Kind, j.State, timeout, want, j.LastError)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// enqueue adds a job in a committed transaction and returns its id.
func enqueue(t *testing.T, q *jobs.Queue, d *db.DB, args river.JobArgs, opts *jobs.InsertOpts) int64 {
	t.Helper()
	var id int64
	if err := d.InTx(context.Background(), func(tx *db.Tx) (err error) {
		id, err = q.EnqueueTx(context.Background(), tx, args, opts)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

// recordArgs asks recordWorker to write meta key "done:<Key>" through the
// database, in a transaction of its own: the way real jobs change data, and
// on SQLite the same single writer connection river uses.
type recordArgs struct {
	Key string `json:"key"`
}

func (recordArgs) Kind() string { return "test.record" }

type recordWorker struct {
	river.WorkerDefaults[recordArgs]
	d    *db.DB
	mu   sync.Mutex
	runs map[string]int
}

func newRecordWorker(d *db.DB) *recordWorker {
	return &recordWorker{d: d, runs: map[string]int{}}
}

func (w *recordWorker) Work(ctx context.Context, job *river.Job[recordArgs]) error {
	w.mu.Lock()
	w.runs[job.Args.Key]++
	w.mu.Unlock()
	return w.d.InTx(ctx, func(tx *db.Tx) error {
		return db.SetMeta(ctx, tx, "done:"+job.Args.Key, fmt.Sprint(job.ID))
	})
}

func (w *recordWorker) count(key string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.runs[key]
}

// flakyArgs fails its first Fails attempts, then succeeds.
type flakyArgs struct {
	Fails int `json:"fails"`
}

func (flakyArgs) Kind() string { return "test.flaky" }

type flakyWorker struct {
	river.WorkerDefaults[flakyArgs]
}

func (flakyWorker) Work(ctx context.Context, job *river.Job[flakyArgs]) error {
	if job.Attempt <= job.Args.Fails {
		return fmt.Errorf("flaky failure on attempt %d", job.Attempt)
	}
	return nil
}
