package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

func TestListShowsStates(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error {
			if err := jobs.AddWorker(q, newRecordWorker(d)); err != nil {
				return err
			}
			return jobs.AddWorker(q, flakyWorker{})
		})
		start(t, q)
		later := enqueue(t, q, d, recordArgs{Key: "later"}, &jobs.InsertOpts{ScheduledAt: time.Now().Add(time.Hour)})
		done := enqueue(t, q, d, recordArgs{Key: "done"}, nil)
		failed := enqueue(t, q, d, flakyArgs{Fails: 5}, &jobs.InsertOpts{MaxAttempts: 1})
		waitState(t, q, done, jobs.StateCompleted, 5*time.Second)
		waitState(t, q, failed, jobs.StateDiscarded, 5*time.Second)

		for state, want := range map[jobs.State]int64{jobs.StateScheduled: later, jobs.StateCompleted: done, jobs.StateDiscarded: failed} {
			got, err := q.List(ctx, jobs.Filter{State: state})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].ID != want || got[0].State != state {
				t.Errorf("List(%s) = %+v, want job %d only", state, got, want)
			}
		}
		all, err := q.List(ctx, jobs.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 3 || all[0].ID != failed || all[2].ID != later {
			t.Fatalf("List() = %+v, want 3 jobs newest first", all)
		}
		f := all[0]
		if f.Kind != "test.flaky" || f.Attempt != 1 || f.MaxAttempts != 1 || f.Errors != 1 ||
			f.LastError != "flaky failure on attempt 1" || f.AttemptedAt.IsZero() || f.FinalizedAt.IsZero() ||
			f.CreatedAt.IsZero() || !argsEqual(f.Args, flakyArgs{Fails: 5}) {
			t.Fatalf("discarded job info = %+v", f)
		}
		if l := all[2]; !l.AttemptedAt.IsZero() || !l.FinalizedAt.IsZero() || l.LastError != "" {
			t.Fatalf("scheduled job info = %+v, want no attempt, no error", l)
		}
		byKind, err := q.List(ctx, jobs.Filter{Kind: "test.record"})
		if err != nil {
			t.Fatal(err)
		}
		if len(byKind) != 2 {
			t.Fatalf("List(kind test.record) = %d jobs, want 2", len(byKind))
		}
		limited, err := q.List(ctx, jobs.Filter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(limited) != 1 {
			t.Fatalf("List(limit 1) = %d jobs", len(limited))
		}
		if _, err := q.List(ctx, jobs.Filter{State: "bogus"}); err == nil {
			t.Fatal("List with unknown state succeeded")
		}
	})
}

func TestCancel(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		ctx := context.Background()
		migrated(t, d)
		w := newRecordWorker(d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, w) })
		start(t, q)
		id := enqueue(t, q, d, recordArgs{Key: "cancelled"}, &jobs.InsertOpts{ScheduledAt: time.Now().Add(time.Hour)})
		j, err := q.Cancel(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.State != jobs.StateCancelled || j.FinalizedAt.IsZero() {
			t.Fatalf("after Cancel: %+v", j)
		}
		// Retrying a cancelled job brings it back, now due.
		if j, err = q.Retry(ctx, id); err != nil || j.State != jobs.StateAvailable {
			t.Fatalf("Retry after cancel = %+v, %v", j, err)
		}
		waitState(t, q, id, jobs.StateCompleted, 5*time.Second)
		for _, op := range []func(context.Context, int64) (jobs.JobInfo, error){q.Cancel, q.Retry, q.Get} {
			if _, err := op(ctx, 999999); !errors.Is(err, jobs.ErrNotFound) {
				t.Errorf("operation on missing job = %v, want ErrNotFound", err)
			}
		}
	})
}

// TestCancelTxRollsBack checks that CancelTx joins the caller's transaction,
// so an admin's action and its audit row stand or fall together.
func TestCancelTxRollsBack(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		migrated(t, d)
		q := newQueue(t, d, testOptions(), func(q *jobs.Queue) error { return jobs.AddWorker(q, newRecordWorker(d)) })
		id := enqueue(t, q, d, recordArgs{Key: "x"}, &jobs.InsertOpts{ScheduledAt: time.Now().Add(time.Hour)})
		boom := errors.New("boom")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := q.CancelTx(ctx, tx, id); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx = %v", err)
		}
		j, err := q.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.State != jobs.StateScheduled {
			t.Fatalf("state after rolled-back cancel = %s, want scheduled", j.State)
		}
	})
}

// argsEqual compares stored args by value: PostgreSQL's jsonb reformats them.
func argsEqual(raw json.RawMessage, want flakyArgs) bool {
	var got flakyArgs
	return json.Unmarshal(raw, &got) == nil && got == want
}
