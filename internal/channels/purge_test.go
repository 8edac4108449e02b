package channels

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestPurgeDeletesClosedMessagesPastTheRetention(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := &clock{now: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)}
		zalo := &recorder{}
		fb := &choiceRecorder{}
		s := newServiceWith(t, d, &menuAsker{}, map[string]Sender{Zalo: zalo, Messenger: fb}, clk.Now, nil)

		// Day 0: a delivered answer, a notice, a skipped photo, a reply the
		// platform refused, and a clarifying question.
		oldSent := deliver(t, s, d, Message{Channel: Zalo, EventID: "old-1", UserID: "U1", Text: "hộ chiếu"})
		oldNotice := deliver(t, s, d, Message{Channel: Zalo, EventID: "old-2", UserID: "U1", Kind: KindMedia})
		oldSkipped := deliver(t, s, d, Message{Channel: Zalo, EventID: "old-3", UserID: "U1", Kind: KindMedia})
		fb.err = ErrUndeliverable
		oldFailed := deliver(t, s, d, Message{Channel: Messenger, EventID: "old-4", UserID: "P1", Text: "hỏi"})
		fb.err = nil
		deliver(t, s, d, Message{Channel: Messenger, EventID: "old-5", UserID: "P2", Text: "vợ tôi vừa sinh em bé"})
		// And one still waiting for its reply (its job retrying).
		if _, err := s.Receive(ctx, Message{Channel: Zalo, EventID: "old-6", UserID: "U3", Text: "chờ"}, ""); err != nil {
			t.Fatal(err)
		}
		waiting := lastMessageID(t, d)
		for id, want := range map[int64]string{oldSent: stateSent, oldNotice: stateSent, oldSkipped: stateSkipped, oldFailed: stateFailed, waiting: stateReceived} {
			if state, _, _, _ := messageState(t, d, id); state != want {
				t.Fatalf("message %d: %q, want %q", id, state, want)
			}
		}

		// Day 20: newer messages.
		clk.Add(20 * 24 * time.Hour)
		newSent := deliver(t, s, d, Message{Channel: Zalo, EventID: "new-1", UserID: "U1", Text: "căn cước"})
		deliver(t, s, d, Message{Channel: Messenger, EventID: "new-2", UserID: "P3", Text: "vợ tôi vừa sinh em bé"})

		// Day 29: nothing is past the retention yet.
		clk.Add(9 * 24 * time.Hour)
		if st, err := s.Purge(ctx); err != nil || st != (PurgeStats{}) {
			t.Fatalf("purge within the retention: %+v, %v", st, err)
		}
		// Day 31: the old closed ones go.
		clk.Add(2 * 24 * time.Hour)
		st, err := s.Purge(ctx)
		if err != nil || st != (PurgeStats{Messages: 5}) {
			t.Fatalf("purge: %+v, %v", st, err)
		}
		var ids []int64
		rows, err := d.Query(ctx, `SELECT id FROM channel_messages ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if len(ids) != 3 || ids[0] != waiting || ids[1] != newSent {
			t.Fatalf("left %v, want the waiting one (%d) and the two new ones (%d, …)", ids, waiting, newSent)
		}
		// A redelivery of a purged event would be taken as new: the
		// retention is far past the platforms' redelivery window, which is
		// what the unique index is for. A second run finds nothing.
		if st, err := s.Purge(ctx); err != nil || st != (PurgeStats{}) {
			t.Fatalf("second purge: %+v, %v", st, err)
		}

		// The periodic job runs the same purge with the service the replies use.
		clk.Add(30 * 24 * time.Hour)
		r := &Replies{}
		w := &purgeWorker{replies: r}
		if err := w.Work(ctx, &river.Job[PurgeArgs]{}); err == nil {
			t.Fatal("purge ran without a service")
		}
		r.Serve(s)
		if err := w.Work(ctx, &river.Job[PurgeArgs]{}); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM channel_messages`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d messages after the job, want the waiting one (%v)", n, err)
		}
	})
}
