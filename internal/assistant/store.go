package assistant

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// conversation is a conversation's row: its state and how many turns it has.
type conversation struct {
	id      string
	channel string
	state   State
	turns   int
	// exists says the row is in the database (false for a new conversation).
	exists bool
}

// turn is one question and what the assistant did with it.
type turn struct {
	question   string // redacted
	status     Status
	intents    Intent
	topSlug    string
	confidence float32
	latency    time.Duration
	caseCode   string
}

// loadConversation reads conversation id; a missing one is returned with
// exists false.
func loadConversation(ctx context.Context, q db.Querier, id string) (conversation, error) {
	c := conversation{id: id}
	var options, discussed string
	var intent int64
	err := q.QueryRow(ctx, `SELECT channel, service_slug, misses, options, pending_intent, case_code, discussed,
		aside_slug, turns
		FROM assistant_conversations WHERE id = ?`, id).
		Scan(&c.channel, &c.state.Service, &c.state.Misses, &options, &intent, &c.state.CaseCode, &discussed,
			&c.state.Aside, &c.turns)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("assistant: load conversation: %w", err)
	}
	c.exists = true
	c.state.Options = strings.Fields(options)
	c.state.Discussed = strings.Fields(discussed)
	c.state.PendingIntent = Intent(intent)
	return c, nil
}

// saveTurn writes the conversation's new state and appends the turn, in
// tx. It returns the turn's number in the conversation.
func saveTurn(ctx context.Context, tx *db.Tx, c conversation, next State, t turn, now time.Time) (int, error) {
	now = now.UTC().Truncate(time.Microsecond)
	options := strings.Join(next.Options, " ")
	discussed := strings.Join(next.Discussed, " ")
	var seq int
	if !c.exists {
		seq = 1
		if _, err := tx.Exec(ctx, `INSERT INTO assistant_conversations
			(id, channel, service_slug, misses, options, pending_intent, case_code, discussed, aside_slug, turns,
				created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			c.id, c.channel, next.Service, next.Misses, options, int64(next.PendingIntent), next.CaseCode, discussed,
			next.Aside, now, now); err != nil {
			return 0, fmt.Errorf("assistant: save conversation: %w", err)
		}
	} else {
		// The number comes from the row, so two replicas answering the same
		// conversation at once still number their turns apart.
		err := tx.QueryRow(ctx, `UPDATE assistant_conversations
			SET service_slug = ?, misses = ?, options = ?, pending_intent = ?, case_code = ?, discussed = ?,
				aside_slug = ?, turns = turns + 1, updated_at = ?
			WHERE id = ? RETURNING turns`,
			next.Service, next.Misses, options, int64(next.PendingIntent), next.CaseCode, discussed, next.Aside, now,
			c.id).Scan(&seq)
		if err != nil {
			return 0, fmt.Errorf("assistant: save conversation: %w", err)
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO assistant_turns
		(conversation_id, seq, channel, question, status, intent, top_slug, confidence, latency_us, case_code, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.id, seq, c.channel, t.question, string(t.status), t.intents.String(), t.topSlug,
		float64(t.confidence), t.latency.Microseconds(), t.caseCode, now); err != nil {
		return 0, fmt.Errorf("assistant: save turn: %w", err)
	}
	return seq, nil
}

// recentQuestions returns the last n questions of a conversation, oldest
// first (already redacted when stored).
func recentQuestions(ctx context.Context, q db.Querier, id string, n int) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT question FROM assistant_turns WHERE conversation_id = ?
		ORDER BY seq DESC LIMIT ?`, id, n)
	if err != nil {
		return nil, fmt.Errorf("assistant: recent questions: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("assistant: recent questions: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assistant: recent questions: %w", err)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// Turn is one stored question, for the back office and tests.
type Turn struct {
	ConversationID string
	Seq            int
	Channel        string
	// Question is the question as stored: personal data redacted.
	Question   string
	Status     Status
	Intent     string
	TopSlug    string
	Confidence float64
	Latency    time.Duration
	CaseCode   string
	CreatedAt  time.Time
}

// Turns returns the turns of a conversation in order.
func (e *Engine) Turns(ctx context.Context, conversationID string) ([]Turn, error) {
	rows, err := e.db.Query(ctx, `SELECT conversation_id, seq, channel, question, status, intent, top_slug,
		confidence, latency_us, case_code, created_at
		FROM assistant_turns WHERE conversation_id = ? ORDER BY seq`, conversationID)
	if err != nil {
		return nil, fmt.Errorf("assistant: turns: %w", err)
	}
	defer rows.Close()
	var out []Turn
	for rows.Next() {
		var t Turn
		var status string
		var us int64
		if err := rows.Scan(&t.ConversationID, &t.Seq, &t.Channel, &t.Question, &status, &t.Intent, &t.TopSlug,
			&t.Confidence, &us, &t.CaseCode, &t.CreatedAt); err != nil {
			return nil, fmt.Errorf("assistant: turns: %w", err)
		}
		t.Status, t.Latency = Status(status), time.Duration(us)*time.Microsecond
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assistant: turns: %w", err)
	}
	return out, nil
}
