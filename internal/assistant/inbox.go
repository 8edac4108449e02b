package assistant

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// The inbox "Câu hỏi chưa trả lời được" lists the questions the assistant
// did not answer well, grouped by similarity (inbox_group.go), for editors
// to turn into FAQ paraphrases or new FAQs (inbox_propose.go) or to
// ignore.

// LowConfidence is the confidence below which an answered question still
// goes to the inbox: an answer that near was a guess editors should see.
// It was the decision's minSim, the least phrasing match for answering
// without asking, and stays at 0.4 now that minSim is 0.3: the answers
// given on a weaker match are the ones whose wording the catalogue lacks.
const LowConfidence = 0.4

// Reason is why a question is in the inbox.
type Reason string

// The reasons, in the order shown.
const (
	ReasonThumbsDown    Reason = "thumbs_down"
	ReasonHandoff       Reason = "handoff"
	ReasonClarify       Reason = "clarify"
	ReasonLowConfidence Reason = "low_confidence"
	ReasonOutOfScope    Reason = "out_of_scope"
)

var reasonOrder = []Reason{ReasonThumbsDown, ReasonHandoff, ReasonClarify, ReasonLowConfidence, ReasonOutOfScope}

// InboxFilter selects the inbox's questions.
type InboxFilter struct {
	// From and To bound the questions' times, [From, To).
	From, To time.Time
	// OutOfScope includes questions found not to be about public
	// services; they are left out by default, as most are small talk.
	OutOfScope bool
	// Limit is how many questions (occurrences) are read at most, newest
	// first; 0 means DefaultInboxLimit.
	Limit int
}

// DefaultInboxLimit bounds the questions an inbox reads, which keeps the
// page fast however busy the assistant is: older questions come back into
// view as the newer ones are dealt with.
const DefaultInboxLimit = 5000

// InboxQuestion is one wording of a question, with how often it was asked.
type InboxQuestion struct {
	Question string
	Count    int
	Last     time.Time
}

// ReasonCount is how many of a group's occurrences are there for a reason.
type ReasonCount struct {
	Reason Reason
	Count  int
}

// InboxGroup is a set of similar questions.
type InboxGroup struct {
	// Questions are the group's distinct wordings, most asked first; the
	// first is the one to show.
	Questions []InboxQuestion
	// Count is the number of occurrences; Last the newest.
	Count int
	Last  time.Time
	// Reasons says why, most important first; an occurrence may have two
	// (an answer voted down with low confidence).
	Reasons []ReasonCount
	// Services are the slugs the assistant thought of (its best
	// candidate), most frequent first: the likely home of an FAQ.
	Services []string
	// ProposedAt is when an editor last proposed an FAQ change for one of
	// the questions; zero when never. The group is here again because it
	// was asked since.
	ProposedAt time.Time
}

// resolution is a row of assistant_inbox_resolved.
type resolution struct {
	action string
	at     time.Time
}

// The actions of assistant_inbox_resolved.
const (
	resolvedIgnored    = "ignored"
	resolvedParaphrase = "paraphrase"
	resolvedFAQ        = "faq"
)

// Inbox returns the groups of questions needing attention in f's period,
// newest first. Ignored questions never appear; questions for which a
// draft was proposed appear only for occurrences after the proposal.
func (e *Engine) Inbox(ctx context.Context, f InboxFilter) ([]InboxGroup, error) {
	if f.Limit <= 0 {
		f.Limit = DefaultInboxLimit
	}
	resolved, err := loadResolved(ctx, e.db)
	if err != nil {
		return nil, err
	}
	statuses := "'clarify', 'handoff'"
	if f.OutOfScope {
		statuses += ", 'out_of_scope'"
	}
	rows, err := e.db.Query(ctx, `SELECT t.question, t.status, t.confidence, t.top_slug, t.created_at, COALESCE(fb.vote, '')
		FROM assistant_turns t
		LEFT JOIN assistant_feedback fb ON fb.conversation_id = t.conversation_id AND fb.seq = t.seq
		WHERE t.created_at >= ? AND t.created_at < ?
		  AND (t.status IN (`+statuses+`) OR (t.status = 'answered' AND t.confidence < ?) OR fb.vote = 'down')
		ORDER BY t.created_at DESC, t.id DESC LIMIT ?`,
		f.From.UTC(), f.To.UTC(), LowConfidence, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("assistant: inbox: %w", err)
	}
	defer rows.Close()

	type item struct {
		q        InboxQuestion
		reasons  map[Reason]int
		services map[string]int
		proposed time.Time
	}
	var items []*item
	byKey := map[string]*item{}
	for rows.Next() {
		var (
			question, status, top, vote string
			confidence                  float64
			at                          time.Time
		)
		if err := rows.Scan(&question, &status, &confidence, &top, &at, &vote); err != nil {
			return nil, fmt.Errorf("assistant: inbox: %w", err)
		}
		key := questionKey(question)
		var proposed time.Time
		if r, ok := resolved[key]; ok {
			if r.action == resolvedIgnored || !at.After(r.at) {
				continue
			}
			proposed = r.at
		}
		it := byKey[key]
		if it == nil {
			// Rows come newest first: the first occurrence is the newest
			// and gives the wording shown.
			it = &item{q: InboxQuestion{Question: question, Last: at}, reasons: map[Reason]int{}, services: map[string]int{}, proposed: proposed}
			byKey[key] = it
			items = append(items, it)
		}
		it.q.Count++
		if vote == string(VoteDown) {
			it.reasons[ReasonThumbsDown]++
		}
		switch Status(status) {
		case StatusClarify:
			it.reasons[ReasonClarify]++
		case StatusHandoff:
			it.reasons[ReasonHandoff]++
		case StatusOutOfScope:
			it.reasons[ReasonOutOfScope]++
		case StatusAnswered:
			if confidence < LowConfidence {
				it.reasons[ReasonLowConfidence]++
			}
		}
		if top != "" {
			it.services[top]++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assistant: inbox: %w", err)
	}

	feats := make([][]string, len(items))
	for i, it := range items {
		feats[i] = features(it.q.Question)
	}
	var out []InboxGroup
	for _, members := range groupQuestions(feats) {
		g := InboxGroup{}
		reasons, services := map[Reason]int{}, map[string]int{}
		for _, i := range members {
			it := items[i]
			g.Questions = append(g.Questions, it.q)
			g.Count += it.q.Count
			if it.q.Last.After(g.Last) {
				g.Last = it.q.Last
			}
			if it.proposed.After(g.ProposedAt) {
				g.ProposedAt = it.proposed
			}
			for r, n := range it.reasons {
				reasons[r] += n
			}
			for s, n := range it.services {
				services[s] += n
			}
		}
		// Most asked wording first; among equals the newest (stable sort
		// keeps the newest-first input order).
		slices.SortStableFunc(g.Questions, func(a, b InboxQuestion) int { return b.Count - a.Count })
		for _, r := range reasonOrder {
			if n := reasons[r]; n > 0 {
				g.Reasons = append(g.Reasons, ReasonCount{r, n})
			}
		}
		for s := range services {
			g.Services = append(g.Services, s)
		}
		slices.SortFunc(g.Services, func(a, b string) int {
			if services[a] != services[b] {
				return services[b] - services[a]
			}
			return strings.Compare(a, b)
		})
		out = append(out, g)
	}
	// Groups are made in order of their newest question, so they are
	// already newest first.
	return out, nil
}

// loadResolved reads the inbox's resolutions by question key.
func loadResolved(ctx context.Context, q db.Querier) (map[string]resolution, error) {
	rows, err := q.Query(ctx, `SELECT question_key, action, resolved_at FROM assistant_inbox_resolved`)
	if err != nil {
		return nil, fmt.Errorf("assistant: inbox resolutions: %w", err)
	}
	defer rows.Close()
	out := map[string]resolution{}
	for rows.Next() {
		var key string
		var r resolution
		if err := rows.Scan(&key, &r.action, &r.at); err != nil {
			return nil, fmt.Errorf("assistant: inbox resolutions: %w", err)
		}
		out[key] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assistant: inbox resolutions: %w", err)
	}
	return out, nil
}

// The audit actions of the inbox.
const (
	ActionInboxIgnore = "assistant.inbox_ignore"
	// AuditQuestion is the audit log's object type for inbox questions;
	// the object id is the first question's key.
	AuditQuestion = "assistant_question"
)

// maxResolve bounds the questions resolved at once (one group's).
const maxResolve = 500

// Ignore puts questions on the inbox's ignore list: they, and every later
// question written the same way (same key), never appear in the inbox
// again. The change is audited in the same transaction.
func (e *Engine) Ignore(ctx context.Context, actor audit.Actor, questions []string) error {
	return e.resolve(ctx, nil, actor, resolvedIgnored, "", questions)
}

// resolve records an action on questions, in tx when given (else in a
// transaction of its own), and audits it.
func (e *Engine) resolve(ctx context.Context, tx *db.Tx, actor audit.Actor, action, slug string, questions []string) error {
	keys, texts := map[string]bool{}, []string{}
	var firstKey string
	for _, q := range questions {
		q = strings.TrimSpace(q)
		if q == "" || !utf8.ValidString(q) || utf8.RuneCountInString(q) > MaxQuestion {
			continue
		}
		k := questionKey(q)
		if k == "" || keys[k] {
			continue
		}
		if firstKey == "" {
			firstKey = k
		}
		keys[k] = true
		texts = append(texts, q)
	}
	if len(texts) == 0 {
		return &InvalidError{"questions", "Chưa chọn câu hỏi nào."}
	}
	if len(texts) > maxResolve {
		return &InvalidError{"questions", fmt.Sprintf("Mỗi lần chỉ xử lý được %d câu hỏi.", maxResolve)}
	}
	now := e.opts.Now().UTC().Truncate(time.Microsecond)
	after, err := json.Marshal(map[string]any{"action": action, "service": slug, "questions": texts})
	if err != nil {
		return fmt.Errorf("assistant: inbox %s: %w", action, err)
	}
	write := func(tx *db.Tx) error {
		for _, q := range texts {
			if _, err := tx.Exec(ctx, `INSERT INTO assistant_inbox_resolved
				(question_key, question, action, service_slug, resolved_by, resolved_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (question_key) DO UPDATE SET question = excluded.question, action = excluded.action,
				service_slug = excluded.service_slug, resolved_by = excluded.resolved_by, resolved_at = excluded.resolved_at`,
				questionKey(q), q, action, slug, actor.ID, now); err != nil {
				return fmt.Errorf("assistant: inbox %s: %w", action, err)
			}
		}
		if action != resolvedIgnored {
			// Proposals are audited by the editorial workflow's draft.
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{
			At: now, Actor: actor, Action: ActionInboxIgnore, ObjectType: AuditQuestion, ObjectID: firstKey,
			Agency: actor.Agency, After: after,
		})
	}
	if tx != nil {
		return write(tx)
	}
	return e.db.InTx(ctx, write)
}
