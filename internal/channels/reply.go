package channels

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/assistant"
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

// RegisterJobs adds the reply job kind to q. Every serving process
// registers it, with or without a channel configured, so that replies
// enqueued while one was find their worker.
func RegisterJobs(q *jobs.Queue) (*Replies, error) {
	r := &Replies{}
	if err := jobs.AddWorker(q, &replyWorker{replies: r}); err != nil {
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
// from the first part not yet delivered.
func (w *replyWorker) Work(ctx context.Context, job *river.Job[ReplyArgs]) error {
	s := w.replies.svc.Load()
	if s == nil {
		return errors.New("channels: reply: the service is not set up yet")
	}
	return s.reply(ctx, job.Args.MessageID)
}

// snoozeFor is how long a message waits for its user's earlier message.
const snoozeFor = 2 * time.Second

// reply answers message id and delivers the answer.
func (s *Service) reply(ctx context.Context, id int64) error {
	m, ok, err := s.loadMessage(ctx, id)
	if err != nil || !ok || m.state == stateSent || m.state == stateFailed {
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
		reply, conv, err := s.answer(ctx, m)
		if err != nil {
			return err
		}
		if err := s.saveAnswer(ctx, m, reply, conv); err != nil {
			return err
		}
		m.reply, m.state = reply, stateAnswered
	}
	parts := Split(m.reply, MaxText)
	for i := m.partsSent; i < len(parts); i++ {
		err := sender.Send(ctx, m.recipient, parts[i])
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

// answer asks the assistant in the user's conversation and writes the
// answer for the chat; it returns the conversation to remember. A question
// the assistant refuses (too long, unreadable) is answered with the
// assistant's Vietnamese explanation.
func (s *Service) answer(ctx context.Context, m inboxMessage) (reply, conversation string, err error) {
	conv, err := s.conversationOf(ctx, m.channel, m.userKey)
	if err != nil {
		return "", "", err
	}
	ans, err := s.asker.Ask(ctx, assistant.Request{Question: m.question, ConversationID: conv, Channel: m.channel})
	var invalid *assistant.InvalidError
	if errors.As(err, &invalid) {
		return invalid.Message, conv, nil
	}
	if err != nil {
		return "", "", fmt.Errorf("channels: ask for message %d: %w", m.id, err)
	}
	base := m.baseURL
	if base == "" {
		base = s.opts.BaseURL
	}
	return ChatText(ans, base), ans.ConversationID, nil
}
