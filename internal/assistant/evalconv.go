package assistant

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// The styles a conversation set gives its messages: the first of each
// conversation, and the ones after it. A follow-up usually names no
// service ("mất bao lâu?", "con dưới 14 tuổi thì sao") and is right only
// when the assistant kept the service in context.
const (
	StyleFirst    = "first"
	StyleFollowUp = "follow-up"
)

// EvalConversation is one conversation of a conversation set: its number
// in the file and its messages in order, each an EvalQuestion whose
// Expected is the service that message is about.
type EvalConversation struct {
	Number string
	Turns  []EvalQuestion
}

// ReadConversationSet reads a set of conversations: tab-separated
// conversation number, message and expected (slugs separated by "|", or
// out_of_scope), one message per line; consecutive lines with the same
// number are one conversation, in order. Blank lines and lines starting
// with # are skipped. The first message of each conversation has style
// StyleFirst, the others StyleFollowUp.
func ReadConversationSet(r io.Reader) ([]EvalConversation, error) {
	var out []EvalConversation
	err := eachRow(r, func(line int, f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("line %d: want conversation<TAB>message<TAB>expected", line)
		}
		num := strings.TrimSpace(f[0])
		q, err := evalRow(line, f[1], f[2])
		if err != nil {
			return err
		}
		if num == "" {
			return fmt.Errorf("line %d: no conversation number", line)
		}
		if n := len(out); n > 0 && out[n-1].Number == num {
			q.Style = StyleFollowUp
			out[n-1].Turns = append(out[n-1].Turns, q)
			return nil
		}
		if slices.ContainsFunc(out, func(c EvalConversation) bool { return c.Number == num }) {
			return fmt.Errorf("line %d: conversation %s resumes after another: keep its lines together", line, num)
		}
		q.Style = StyleFirst
		out = append(out, EvalConversation{Number: num, Turns: []EvalQuestion{q}})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assistant: conversation set %w", err)
	}
	return out, nil
}

// evalRow reads the question and expected columns of line.
func evalRow(line int, question, expected string) (EvalQuestion, error) {
	q := EvalQuestion{Line: line, Question: strings.TrimSpace(question), Style: "unknown"}
	exp := strings.TrimSpace(expected)
	if exp == OutOfScopeLabel {
		q.OutOfScope = true
	} else {
		for _, s := range strings.Split(exp, "|") {
			if s = strings.TrimSpace(s); s != "" {
				q.Expected = append(q.Expected, s)
			}
		}
	}
	if q.Question == "" || (!q.OutOfScope && len(q.Expected) == 0) {
		return q, fmt.Errorf("line %d: empty question or expected", line)
	}
	return q, nil
}

// PickExpected returns the reply a citizen sends to choose the expected
// service among a's options — its number, as the quick replies send it —
// or "" when a offers none of them.
func (q EvalQuestion) PickExpected(a *Answer) string {
	if a.Status != StatusClarify {
		return ""
	}
	for i, o := range a.Options {
		if slices.Contains(q.Expected, o.Slug) {
			return fmt.Sprint(i + 1)
		}
	}
	return ""
}
