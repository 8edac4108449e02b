package assistant

import (
	"context"
	"errors"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestRate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e, _ := newTestEngine(t, d)
		a1, err := e.Ask(ctx, Request{Question: "làm căn cước cần giấy tờ gì"})
		if err != nil {
			t.Fatal(err)
		}
		a2, err := e.Ask(ctx, Request{Question: "mất bao lâu", ConversationID: a1.ConversationID})
		if err != nil {
			t.Fatal(err)
		}
		if a1.Turn != 1 || a2.Turn != 2 {
			t.Fatalf("turns %d, %d; want 1, 2", a1.Turn, a2.Turn)
		}
		other, err := e.Ask(ctx, Request{Question: "đăng ký khai sinh"})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Rate(ctx, Feedback{ConversationID: a1.ConversationID, Turn: 2, Vote: VoteDown}); err != nil {
			t.Fatal(err)
		}
		// A change of mind replaces the vote rather than adding one.
		if err := e.Rate(ctx, Feedback{ConversationID: a1.ConversationID, Turn: 2, Vote: VoteUp}); err != nil {
			t.Fatal(err)
		}
		if v, err := e.VoteOf(ctx, a1.ConversationID, 2); err != nil || v != VoteUp {
			t.Errorf("vote %q, %v; want up", v, err)
		}
		if v, err := e.VoteOf(ctx, a1.ConversationID, 1); err != nil || v != "" {
			t.Errorf("unvoted turn: %q, %v", v, err)
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM assistant_feedback`).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d feedback rows, %v; want 1", n, err)
		}
		for _, tc := range []struct {
			name  string
			f     Feedback
			field string
		}{
			{"bad vote", Feedback{ConversationID: a1.ConversationID, Turn: 1, Vote: "meh"}, "vote"},
			{"turn of another conversation", Feedback{ConversationID: other.ConversationID, Turn: 2, Vote: VoteDown}, "turn"},
			{"turn zero", Feedback{ConversationID: a1.ConversationID, Turn: 0, Vote: VoteDown}, "turn"},
			{"unknown conversation", Feedback{ConversationID: "AAAAAAAAAAAAAAAAAAAAAA", Turn: 1, Vote: VoteDown}, "turn"},
			{"malformed conversation", Feedback{ConversationID: "x'; DROP", Turn: 1, Vote: VoteDown}, "conversation_id"},
		} {
			var inv *InvalidError
			if err := e.Rate(ctx, tc.f); !errors.As(err, &inv) || inv.Field != tc.field || inv.Message == "" {
				t.Errorf("%s: %v; want invalid %s", tc.name, err, tc.field)
			}
		}
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM assistant_feedback`).Scan(&n); err != nil || n != 1 {
			t.Errorf("after refusals %d feedback rows, %v; want 1", n, err)
		}
	})
}
