package channels

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
)

// outcome is what a message is answered with, and what the answer changes.
type outcome struct {
	reply string
	// conversation is the user's conversation after the answer; "" leaves
	// the stored one as it is.
	conversation string
	// options are a clarifying question's options, offered under the
	// reply (quick replies where the platform has them).
	options []assistant.Option
	// skip closes the message without a reply.
	skip bool
}

// mediaQuiet is how long after a MediaNotice further media from the same
// user get no reply: a citizen who sends four photos of a form gets one
// notice, not four.
const mediaQuiet = 2 * time.Minute

// respond decides the answer to a message: the notice for media, and for
// a choice or text, the assistant's answer in the user's conversation. A
// choice is answered only when it names one of the options last offered
// to the user; a text that is only a number picks the option of that
// number. The chosen option goes to the assistant as its slug, which the
// assistant reads as the pick of that option (as it reads the widget's
// "2" or slug), so its conversation moves to that service.
func (s *Service) respond(ctx context.Context, m inboxMessage) (outcome, error) {
	if m.kind == KindMedia {
		quiet, err := s.noticedRecently(ctx, m)
		if err != nil || quiet {
			return outcome{skip: quiet}, err
		}
		return outcome{reply: MediaNotice}, nil
	}
	conv, err := s.conversationOf(ctx, m.channel, m.userKey)
	if err != nil {
		return outcome{}, err
	}
	offered, err := s.asker.Offered(ctx, conv)
	if err != nil {
		return outcome{}, fmt.Errorf("channels: options offered to message %d: %w", m.id, err)
	}
	question := m.question
	switch m.kind {
	case KindChoice:
		if !slices.Contains(offered, m.question) {
			return outcome{reply: staleChoice}, nil
		}
	case KindText:
		if n, ok := optionNumber(m.question); ok && len(offered) > 0 {
			if n < 1 || n > len(offered) {
				return outcome{reply: numberOutOfRange(len(offered))}, nil
			}
			question = offered[n-1]
		}
	default:
		return outcome{}, fmt.Errorf("channels: reply to message %d: unknown kind %q", m.id, m.kind)
	}
	return s.ask(ctx, m, conv, question)
}

// ask asks the assistant in conversation conv and writes the answer for
// the chat. A question the assistant refuses (too long, unreadable) is
// answered with the assistant's Vietnamese explanation.
func (s *Service) ask(ctx context.Context, m inboxMessage, conv, question string) (outcome, error) {
	ans, err := s.asker.Ask(ctx, assistant.Request{Question: question, ConversationID: conv, Channel: m.channel})
	var invalid *assistant.InvalidError
	if errors.As(err, &invalid) {
		return outcome{reply: invalid.Message, conversation: conv}, nil
	}
	if err != nil {
		return outcome{}, fmt.Errorf("channels: ask for message %d: %w", m.id, err)
	}
	base := m.baseURL
	if base == "" {
		base = s.opts.BaseURL
	}
	out := outcome{reply: ChatText(ans, base), conversation: ans.ConversationID}
	if ans.Status == assistant.StatusClarify {
		out.options = ans.Options
	}
	return out, nil
}

// noticedRecently reports whether the user was sent a MediaNotice for a
// media message received within mediaQuiet before m.
func (s *Service) noticedRecently(ctx context.Context, m inboxMessage) (bool, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM channel_messages
		WHERE channel = ? AND user_key = ? AND id < ? AND kind = ? AND state IN (?, ?) AND received_at > ?`,
		m.channel, m.userKey, m.id, KindMedia, stateAnswered, stateSent, m.receivedAt.Add(-mediaQuiet)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("channels: earlier media: %w", err)
	}
	return n > 0, nil
}
