package assistant

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Vote is a citizen's judgement of one answer.
type Vote string

// The votes.
const (
	VoteUp   Vote = "up"
	VoteDown Vote = "down"
)

// Feedback is a vote on the answer to turn Turn of a conversation.
type Feedback struct {
	ConversationID string `json:"conversation_id"`
	// Turn is the answer's number in the conversation (Answer.Turn).
	Turn int  `json:"turn"`
	Vote Vote `json:"vote"`
}

// The messages of InvalidError for feedback.
const (
	msgVote        = "Đánh giá phải là \"up\" (hữu ích) hoặc \"down\" (chưa hữu ích)."
	msgUnknownTurn = "Không tìm thấy câu trả lời này trong cuộc trò chuyện. Có thể cuộc trò chuyện đã hết hạn."
)

// Rate records f, replacing the vote the citizen gave that answer before
// (a second click on the other button changes one's mind, it does not
// count twice). The conversation must exist and the turn belong to it;
// otherwise, and for an unknown vote, it returns an *InvalidError.
func (e *Engine) Rate(ctx context.Context, f Feedback) error {
	if f.Vote != VoteUp && f.Vote != VoteDown {
		return &InvalidError{"vote", msgVote}
	}
	if !conversationPattern.MatchString(f.ConversationID) {
		return &InvalidError{"conversation_id", msgConversation}
	}
	if f.Turn < 1 {
		return &InvalidError{"turn", msgUnknownTurn}
	}
	now := e.opts.Now().UTC().Truncate(time.Microsecond)
	return e.db.InTx(ctx, func(tx *db.Tx) error {
		var one int
		err := tx.QueryRow(ctx, `SELECT 1 FROM assistant_turns WHERE conversation_id = ? AND seq = ?`,
			f.ConversationID, f.Turn).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return &InvalidError{"turn", msgUnknownTurn}
		}
		if err != nil {
			return fmt.Errorf("assistant: rate: find turn: %w", err)
		}
		// An upsert, so two clicks racing on two replicas leave one row
		// holding the last vote.
		if _, err := tx.Exec(ctx, `INSERT INTO assistant_feedback (conversation_id, seq, vote, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (conversation_id, seq) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at`,
			f.ConversationID, f.Turn, string(f.Vote), now, now); err != nil {
			return fmt.Errorf("assistant: rate: %w", err)
		}
		return nil
	})
}

// VoteOf returns the vote given on a turn, or "" when none.
func (e *Engine) VoteOf(ctx context.Context, conversationID string, turn int) (Vote, error) {
	var v string
	err := e.db.QueryRow(ctx, `SELECT vote FROM assistant_feedback WHERE conversation_id = ? AND seq = ?`,
		conversationID, turn).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("assistant: vote of turn: %w", err)
	}
	return Vote(v), nil
}
