package jobs_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

// chainArgs makes chainWorker write through db.DB and enqueue a follow-up
// job in that same transaction: on SQLite it holds the single writer
// connection for the whole job, the case that must not deadlock against
// river's fetches and completions on that connection.
type chainArgs struct {
	N int `json:"n"`
}

func (chainArgs) Kind() string { return "test.chain" }

type chainWorker struct {
	river.WorkerDefaults[chainArgs]
	d *db.DB
	q *jobs.Queue
}

func (w *chainWorker) Work(ctx context.Context, job *river.Job[chainArgs]) error {
	return w.d.InTx(ctx, func(tx *db.Tx) error {
		if err := db.SetMeta(ctx, tx, fmt.Sprintf("chain:%d", job.Args.N), "ran"); err != nil {
			return err
		}
		time.Sleep(5 * time.Millisecond) // hold the writer a little, as real work would
		_, err := w.q.EnqueueTx(ctx, tx, recordArgs{Key: fmt.Sprint(job.Args.N)}, nil)
		return err
	})
}

func TestJobsWritingThroughDBDoNotDeadlock(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		rec := newRecordWorker(d)
		opts := testOptions()
		opts.MaxWorkers = 8
		var q *jobs.Queue
		q = newQueue(t, d, opts, func(q *jobs.Queue) error {
			if err := jobs.AddWorker(q, rec); err != nil {
				return err
			}
			return jobs.AddWorker(q, &chainWorker{d: d, q: q})
		})
		start(t, q)
		const n = 30
		var ids []int64
		for i := range n {
			ids = append(ids, enqueue(t, q, d, chainArgs{N: i}, nil))
		}
		for _, id := range ids {
			waitState(t, q, id, jobs.StateCompleted, 10*time.Second)
		}
		deadline := time.Now().Add(10 * time.Second)
		for i := range n {
			for rec.count(fmt.Sprint(i)) == 0 {
				if time.Now().After(deadline) {
					t.Fatalf("follow-up job %d never ran", i)
				}
				time.Sleep(20 * time.Millisecond)
			}
			if _, ok, err := d.Meta(ctx, fmt.Sprintf("chain:%d", i)); err != nil || !ok {
				t.Fatalf("chain job %d left no trace: %v", i, err)
			}
		}
	})
}

// countArgs/countWorker count how often each job runs across queues.
type countArgs struct{}

func (countArgs) Kind() string { return "test.count" }

type countWorker struct {
	river.WorkerDefaults[countArgs]
	mu   *sync.Mutex
	runs map[int64]int
	by   map[string]int
	name string
}

func (w *countWorker) Work(ctx context.Context, job *river.Job[countArgs]) error {
	w.mu.Lock()
	w.runs[job.ID]++
	w.by[w.name]++
	w.mu.Unlock()
	time.Sleep(10 * time.Millisecond)
	return nil
}

// TestReplicasRunEachJobOnce runs two queues (as two `loa serve` replicas
// would) on one database and checks that no job runs twice.
func TestReplicasRunEachJobOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		migrated(t, d)
		var mu sync.Mutex
		runs, by := map[int64]int{}, map[string]int{}
		var queues []*jobs.Queue
		for _, name := range []string{"a", "b"} {
			opts := testOptions()
			opts.MaxWorkers = 3
			q := newQueue(t, d, opts, func(q *jobs.Queue) error {
				return jobs.AddWorker(q, &countWorker{mu: &mu, runs: runs, by: by, name: name})
			})
			start(t, q)
			queues = append(queues, q)
		}
		const n = 40
		var ids []int64
		for range n {
			ids = append(ids, enqueue(t, queues[0], d, countArgs{}, nil))
		}
		for _, id := range ids {
			waitState(t, queues[1], id, jobs.StateCompleted, 10*time.Second)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, id := range ids {
			if runs[id] != 1 {
				t.Errorf("job %d ran %d times", id, runs[id])
			}
		}
		t.Logf("jobs run per replica: %v", by)
	})
}
