package channels

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/jobs"
)

// ReplyArgs asks the queue to answer a received message. It carries the
// message's row id only: the user's id and text stay in channel_messages,
// out of the job page.
type ReplyArgs struct {
	MessageID int64 `json:"message_id"`
}

// Kind names the job; it is stored with every job and must not change.
func (ReplyArgs) Kind() string { return "channels.reply" }

// Replies runs the reply jobs. It is registered once per queue, before the
// queue starts, while the Service it runs is built with the web server and
// set with Serve (a process that builds the server again replaces it).
type Replies struct {
	svc atomic.Pointer[Service]
}

// RegisterJobs adds the reply job kind to q, and the hourly purge of old
// messages (Purge). Every serving process registers them, with or without
// a channel configured, so that replies enqueued while one was find their
// worker and the rows they left still go.
func RegisterJobs(q *jobs.Queue) (*Replies, error) {
	r := &Replies{}
	if err := jobs.AddWorker(q, &replyWorker{replies: r}); err != nil {
		return nil, err
	}
	if err := jobs.AddSweep(q, &purgeWorker{replies: r}, river.PeriodicInterval(purgeEvery),
		&river.PeriodicJobOpts{ID: "channels.purge"}); err != nil {
		return nil, err
	}
	return r, nil
}

// Serve makes the jobs answer with s.
func (r *Replies) Serve(s *Service) { r.svc.Store(s) }

type replyWorker struct {
	river.WorkerDefaults[ReplyArgs]
	replies *Replies
}

// Work answers the message. An error is retried with the queue's backoff,
// from the first part not yet delivered. When the last attempt fails the
// message is closed as failed, which clears the user's id and text: the
// queue will not try again, and nothing should keep them.
func (w *replyWorker) Work(ctx context.Context, job *river.Job[ReplyArgs]) error {
	s := w.replies.svc.Load()
	if s == nil {
		return errors.New("channels: reply: the service is not set up yet")
	}
	err := s.reply(ctx, job.Args.MessageID)
	var snooze *river.JobSnoozeError
	if err == nil || errors.As(err, &snooze) || job.JobRow == nil || job.Attempt < job.MaxAttempts {
		return err
	}
	s.log.WarnContext(ctx, "channels: reply given up after the last attempt",
		"message_id", job.Args.MessageID, "attempt", job.Attempt, "err", err)
	// A background context: ctx may be what failed.
	return errors.Join(err, s.finish(context.WithoutCancel(ctx), job.Args.MessageID, stateFailed))
}

// snoozeFor is how long a message waits for its user's earlier message.
const snoozeFor = 2 * time.Second

// reply answers message id and delivers the answer, with the options of a
// clarifying question as quick replies under its last part where the
// platform has them.
func (s *Service) reply(ctx context.Context, id int64) error {
	m, ok, err := s.loadMessage(ctx, id)
	if err != nil || !ok || m.state != stateReceived && m.state != stateAnswered {
		return err
	}
	sender := s.opts.Senders[m.channel]
	if sender == nil || !s.Enabled(m.channel) {
		return fmt.Errorf("channels: reply to message %d: channel %s is off", id, m.channel)
	}
	if m.state == stateReceived {
		wait, err := s.earlierWaiting(ctx, m)
		if err != nil {
			return err
		}
		if wait {
			return river.JobSnooze(snoozeFor)
		}
		out, err := s.respond(ctx, m)
		if err != nil {
			return err
		}
		if out.skip {
			return s.finish(ctx, id, stateSkipped)
		}
		if err := s.saveAnswer(ctx, m, out); err != nil {
			return err
		}
		m.reply, m.options, m.state = out.reply, out.options, stateAnswered
	}
	parts := Split(m.reply, MaxText)
	for i := m.partsSent; i < len(parts); i++ {
		var err error
		if cs, ok := sender.(ChoiceSender); ok && i == len(parts)-1 && len(m.options) > 0 {
			err = cs.SendChoices(ctx, m.recipient, parts[i], Choices(m.options))
		} else {
			err = sender.Send(ctx, m.recipient, parts[i])
		}
		if errors.Is(err, ErrUndeliverable) {
			s.log.WarnContext(ctx, "channels: reply refused by the platform; giving up",
				"message_id", id, "channel", m.channel, "err", err)
			return s.finish(ctx, id, stateFailed)
		}
		if err != nil {
			return fmt.Errorf("channels: reply to message %d: part %d of %d: %w", id, i+1, len(parts), err)
		}
		if err := s.markSent(ctx, id, i+1); err != nil {
			return err
		}
	}
	return s.finish(ctx, id, stateSent)
}
