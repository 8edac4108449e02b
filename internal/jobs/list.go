package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/loa-vn/loa/internal/db"
)

// State is where a job is in its life. The values are river's.
type State string

// Job states, in the order a job usually passes through them.
const (
	// StateScheduled: waiting for its ScheduledAt, or for a retry far off.
	StateScheduled State = "scheduled"
	// StateAvailable: waiting for a free worker, from its ScheduledAt on
	// (river promotes jobs due within seconds a little early).
	StateAvailable State = "available"
	// StateRunning: being worked now.
	StateRunning State = "running"
	// StateRetryable: failed, will be tried again at ScheduledAt.
	StateRetryable State = "retryable"
	// StateCompleted: done.
	StateCompleted State = "completed"
	// StateCancelled: cancelled by an admin or by its worker; not retried.
	StateCancelled State = "cancelled"
	// StateDiscarded: failed MaxAttempts times and given up.
	StateDiscarded State = "discarded"
	// StatePending: inserted with InsertOpts.Pending, waiting to be released.
	StatePending State = "pending"
)

// States lists every state, for filters on the admin page.
var States = []State{StateScheduled, StateAvailable, StateRunning, StateRetryable,
	StateCompleted, StateCancelled, StateDiscarded, StatePending}

// ErrNotFound is returned for a job id that does not exist (or was cleaned
// up after Options.KeepFinished).
var ErrNotFound = errors.New("jobs: job not found")

// JobInfo is one job as the admin page shows it. Times are UTC; a zero time
// means "not yet".
type JobInfo struct {
	ID          int64
	Kind        string
	Queue       string
	State       State
	Attempt     int // attempts so far (including a running one)
	MaxAttempts int
	// Args is the job's arguments as stored (JSON). Job kinds must not put
	// citizens' personal data in their args: ids, not names.
	Args json.RawMessage
	// LastError is the error of the latest failed attempt, empty if none;
	// Errors counts the failed attempts.
	LastError   string
	Errors      int
	CreatedAt   time.Time
	ScheduledAt time.Time
	AttemptedAt time.Time
	FinalizedAt time.Time
}

func infoFromRow(r *rivertype.JobRow) JobInfo {
	j := JobInfo{
		ID:          r.ID,
		Kind:        r.Kind,
		Queue:       r.Queue,
		State:       State(r.State),
		Attempt:     r.Attempt,
		MaxAttempts: r.MaxAttempts,
		Args:        json.RawMessage(r.EncodedArgs),
		Errors:      len(r.Errors),
		CreatedAt:   r.CreatedAt.UTC(),
		ScheduledAt: r.ScheduledAt.UTC(),
	}
	if n := len(r.Errors); n > 0 {
		j.LastError = r.Errors[n-1].Error
	}
	if r.AttemptedAt != nil {
		j.AttemptedAt = r.AttemptedAt.UTC()
	}
	if r.FinalizedAt != nil {
		j.FinalizedAt = r.FinalizedAt.UTC()
	}
	return j
}

// Filter selects jobs for List. Zero fields select everything.
type Filter struct {
	State State
	Kind  string
	// Limit caps the result (default 100, at most 1000).
	Limit int
}

// List returns jobs matching f, newest first.
func (q *Queue) List(ctx context.Context, f Filter) ([]JobInfo, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	p := river.NewJobListParams().OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(limit)
	if f.State != "" {
		if !validState(f.State) {
			return nil, fmt.Errorf("jobs: list: unknown state %q", f.State)
		}
		p = p.States(rivertype.JobState(f.State))
	}
	if f.Kind != "" {
		p = p.Kinds(f.Kind)
	}
	res, err := q.client.JobList(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("jobs: list: %w", err)
	}
	out := make([]JobInfo, 0, len(res.Jobs))
	for _, r := range res.Jobs {
		out = append(out, infoFromRow(r))
	}
	return out, nil
}

func validState(s State) bool {
	for _, v := range States {
		if v == s {
			return true
		}
	}
	return false
}

// Get returns one job.
func (q *Queue) Get(ctx context.Context, id int64) (JobInfo, error) {
	r, err := q.client.JobGet(ctx, id)
	if err != nil {
		return JobInfo{}, jobErr("get", id, err)
	}
	return infoFromRow(r), nil
}

// RetryTx makes a job that is not running available to run now, inside tx so
// that the admin's action and its audit record commit together. A
// discarded job gets one more attempt. A running job is left alone.
func (q *Queue) RetryTx(ctx context.Context, tx *db.Tx, id int64) (JobInfo, error) {
	r, err := q.client.JobRetryTx(ctx, tx.SQLTx(), id)
	if err != nil {
		return JobInfo{}, jobErr("retry", id, err)
	}
	return infoFromRow(r), nil
}

// Retry is RetryTx in a transaction of its own.
func (q *Queue) Retry(ctx context.Context, id int64) (JobInfo, error) {
	var j JobInfo
	err := q.d.InTx(ctx, func(tx *db.Tx) (err error) {
		j, err = q.RetryTx(ctx, tx, id)
		return err
	})
	return j, err
}

// CancelTx cancels a job inside tx. A job not yet running is cancelled at
// once; a running job has its context cancelled by the process running it
// (within about two seconds) and is not retried; a finished job is left as
// it is.
func (q *Queue) CancelTx(ctx context.Context, tx *db.Tx, id int64) (JobInfo, error) {
	r, err := q.client.JobCancelTx(ctx, tx.SQLTx(), id)
	if err != nil {
		return JobInfo{}, jobErr("cancel", id, err)
	}
	return infoFromRow(r), nil
}

// Cancel is CancelTx in a transaction of its own.
func (q *Queue) Cancel(ctx context.Context, id int64) (JobInfo, error) {
	var j JobInfo
	err := q.d.InTx(ctx, func(tx *db.Tx) (err error) {
		j, err = q.CancelTx(ctx, tx, id)
		return err
	})
	return j, err
}

func jobErr(op string, id int64, err error) error {
	if errors.Is(err, rivertype.ErrNotFound) {
		return fmt.Errorf("jobs: %s %d: %w", op, id, ErrNotFound)
	}
	return fmt.Errorf("jobs: %s %d: %w", op, id, err)
}
