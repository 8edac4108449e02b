package jobs

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Backoff is a bounded exponential retry policy: after the n-th failure a job
// waits Base·2^(n-1), at most Max, less up to a tenth at random so that jobs
// that failed together (a mail server down) do not all come back at once.
type Backoff struct {
	Base time.Duration
	Max  time.Duration
}

// DefaultBackoff waits 15 s, 30 s, 1 min … up to an hour; with
// DefaultMaxAttempts (10) a job is given up about two and a half hours after
// its first failure, long enough to ride out an outage of a neighbouring
// system, short enough for an admin to notice the same day.
var DefaultBackoff = Backoff{Base: 15 * time.Second, Max: time.Hour}

// Delay returns the wait after the n-th failure (n ≥ 1), before jitter.
func (b Backoff) Delay(n int) time.Duration {
	d := b.Base
	for i := 1; i < n && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// NextRetry implements river.ClientRetryPolicy. River passes the job before
// the failure being handled is added to its errors, hence the +1.
func (b Backoff) NextRetry(job *rivertype.JobRow) time.Time {
	d := b.Delay(len(job.Errors) + 1)
	if tenth := int64(d / 10); tenth > 0 {
		d -= time.Duration(rand.Int64N(tenth))
	}
	return time.Now().UTC().Add(d)
}

var _ river.ClientRetryPolicy = Backoff{}

// errorLogger logs every failed attempt at warning level, and a job given up
// for good at error level, so that failures reach the operator's logs and
// not only the admin page. River itself logs them at info level.
type errorLogger struct {
	log *slog.Logger
}

func (e *errorLogger) HandleError(ctx context.Context, job *rivertype.JobRow, err error) *river.ErrorHandlerResult {
	e.report(ctx, job, "error", err.Error())
	return nil
}

func (e *errorLogger) HandlePanic(ctx context.Context, job *rivertype.JobRow, panicVal any, trace string) *river.ErrorHandlerResult {
	e.report(ctx, job, "panic", slog.AnyValue(panicVal).String(), slog.String("trace", trace))
	return nil
}

func (e *errorLogger) report(ctx context.Context, job *rivertype.JobRow, what, msg string, extra ...any) {
	level, text := slog.LevelWarn, "jobs: attempt failed; will retry"
	if job.Attempt >= job.MaxAttempts {
		level, text = slog.LevelError, "jobs: attempt failed; giving up"
	}
	args := append([]any{"job_id", job.ID, "kind", job.Kind, "attempt", job.Attempt, "max_attempts", job.MaxAttempts, what, msg}, extra...)
	e.log.Log(ctx, level, text, args...)
}
