package channels

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// Retention is how long a closed message (its reply delivered, given up,
// or not needed) is kept. Platforms deliver
// a webhook again within hours when they think a call failed, and the
// unique (channel, event_id) index only needs to recognise those
// redeliveries; the message's personal data is already cleared when it is
// closed, so thirty days is a wide margin for that window and for looking
// into a problem a citizen reports, without keeping rows for ever.
const Retention = 30 * 24 * time.Hour

// PurgeStats counts what a purge deleted.
type PurgeStats struct {
	Messages int64
}

// Purge deletes the messages closed before now − Retention. A message still waiting or being delivered
// is kept whatever its age: its job may still run, and when the queue
// gives up it closes the message, which the next purge past the
// retention deletes.
func (s *Service) Purge(ctx context.Context) (PurgeStats, error) {
	cutoff := s.opts.Now().UTC().Add(-Retention)
	var st PurgeStats
	res, err := s.db.Exec(ctx, `DELETE FROM channel_messages WHERE state IN (?, ?, ?) AND updated_at < ?`,
		stateSent, stateFailed, stateSkipped, cutoff)
	if err != nil {
		return st, fmt.Errorf("channels: purge messages: %w", err)
	}
	if st.Messages, err = res.RowsAffected(); err != nil {
		return st, fmt.Errorf("channels: purge messages: %w", err)
	}
	return st, nil
}

// PurgeArgs asks the queue to run a purge. It carries nothing: the purge
// finds the old rows itself, so an extra run deletes nothing more.
type PurgeArgs struct{}

// Kind names the job; it is stored with every job and must not change.
func (PurgeArgs) Kind() string { return "channels.purge" }

type purgeWorker struct {
	river.WorkerDefaults[PurgeArgs]
	replies *Replies
}

// Work runs one purge with the service the replies use. An error is
// retried with backoff.
func (w *purgeWorker) Work(ctx context.Context, _ *river.Job[PurgeArgs]) error {
	s := w.replies.svc.Load()
	if s == nil {
		return errors.New("channels: purge: the service is not set up yet")
	}
	_, err := s.Purge(ctx)
	return err
}

// purgeEvery is how often the purge runs: the tables grow by one row per
// message, so an hourly DELETE on the (state, updated_at) index stays
// small.
const purgeEvery = time.Hour
