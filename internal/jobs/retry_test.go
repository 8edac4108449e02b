package jobs_test

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

func TestBackoffDelay(t *testing.T) {
	b := jobs.Backoff{Base: time.Second, Max: 10 * time.Second}
	for n, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 4: 8 * time.Second, 5: 10 * time.Second, 60: 10 * time.Second} {
		if got := b.Delay(n); got != want {
			t.Errorf("Delay(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestBackoffNextRetryIsBoundedAndJittered(t *testing.T) {
	b := jobs.Backoff{Base: time.Second, Max: time.Minute}
	job := &rivertype.JobRow{Errors: make([]rivertype.AttemptError, 2)} // third failure: 4 s
	seen := map[time.Duration]bool{}
	for range 50 {
		before := time.Now()
		d := b.NextRetry(job).Sub(before)
		if d < 3600*time.Millisecond-10*time.Millisecond || d > 4*time.Second+10*time.Millisecond {
			t.Fatalf("third retry after %s, want between 3.6 s and 4 s", d)
		}
		seen[d.Round(time.Millisecond)] = true
	}
	if len(seen) < 2 {
		t.Fatal("no jitter: every retry at the same delay")
	}
}

func TestFailingJobIsRetriedThenSucceeds(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		migrated(t, d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, flakyWorker{}) })
		start(t, q)
		id := enqueue(t, q, d, flakyArgs{Fails: 2}, nil)
		j := waitState(t, q, id, jobs.StateCompleted, 5*time.Second)
		if j.Attempt != 3 || j.Errors != 2 || !strings.Contains(j.LastError, "attempt 2") {
			t.Fatalf("completed job: attempt %d, errors %d, last error %q; want 3 attempts, 2 errors, last on attempt 2", j.Attempt, j.Errors, j.LastError)
		}
		if j.MaxAttempts != jobs.DefaultMaxAttempts {
			t.Fatalf("max attempts %d, want default %d", j.MaxAttempts, jobs.DefaultMaxAttempts)
		}
	})
}

func TestJobIsDiscardedAfterMaxAttemptsAndCanBeRetried(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, flakyWorker{}) })
		start(t, q)
		id := enqueue(t, q, d, flakyArgs{Fails: 2}, &jobs.InsertOpts{MaxAttempts: 2})
		j := waitState(t, q, id, jobs.StateDiscarded, 5*time.Second)
		if j.Attempt != 2 || j.FinalizedAt.IsZero() {
			t.Fatalf("discarded job: attempt %d, finalized %s", j.Attempt, j.FinalizedAt)
		}
		// An admin's retry grants one more attempt, which succeeds.
		if _, err := q.Retry(ctx, id); err != nil {
			t.Fatal(err)
		}
		j = waitState(t, q, id, jobs.StateCompleted, 5*time.Second)
		if j.Attempt != 3 {
			t.Fatalf("after retry: attempt %d, want 3", j.Attempt)
		}
	})
}

// logRecorder keeps the messages and levels logged through it.
type logRecorder struct {
	mu   sync.Mutex
	recs []string
}

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recs = append(l.recs, r.Level.String()+" "+r.Message)
	return nil
}
func (l *logRecorder) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logRecorder) WithGroup(string) slog.Handler      { return l }

func (l *logRecorder) has(rec string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Contains(l.recs, rec)
}

// TestFailuresAreLogged: a failed attempt is a warning, the last one an
// error, so that failures reach the operator's logs.
func TestFailuresAreLogged(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		migrated(t, d)
		rec := &logRecorder{}
		q, err := jobs.New(d, slog.New(rec), testOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := jobs.AddWorker(q, flakyWorker{}); err != nil {
			t.Fatal(err)
		}
		start(t, q)
		id := enqueue(t, q, d, flakyArgs{Fails: 5}, &jobs.InsertOpts{MaxAttempts: 2})
		waitState(t, q, id, jobs.StateDiscarded, 5*time.Second)
		for _, want := range []string{"WARN jobs: attempt failed; will retry", "ERROR jobs: attempt failed; giving up"} {
			if !rec.has(want) {
				t.Errorf("no log %q", want)
			}
		}
	})
}
