package assistant

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestSaveTurnNumbersConcurrentTurnsApart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
		c := conversation{id: "conv_conv_conv_conv_00", channel: "web"}
		next := State{Service: "dang-ky-khai-sinh", Options: []string{"a", "b"}, PendingIntent: IntentFee, Misses: 1}
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := saveTurn(ctx, tx, c, next, turn{question: "q0", status: StatusClarify, latency: 1500 * time.Microsecond}, now)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		loaded, err := loadConversation(ctx, d, c.id)
		if err != nil || !loaded.exists || loaded.turns != 1 || loaded.state.Service != next.Service ||
			len(loaded.state.Options) != 2 || loaded.state.PendingIntent != IntentFee || loaded.state.Misses != 1 {
			t.Fatalf("%+v %v", loaded, err)
		}
		// Two replicas answer the same conversation at once.
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := range 8 {
			wg.Go(func() {
				errs <- d.InTx(ctx, func(tx *db.Tx) error {
					_, err := saveTurn(ctx, tx, loaded, State{}, turn{question: "q", status: StatusAnswered}, now.Add(time.Duration(i)*time.Second))
					return err
				})
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		e := &Engine{db: d}
		turns, err := e.Turns(ctx, c.id)
		if err != nil || len(turns) != 9 {
			t.Fatalf("%d turns, %v", len(turns), err)
		}
		for i, tr := range turns {
			if tr.Seq != i+1 {
				t.Errorf("turn %d has number %d", i, tr.Seq)
			}
		}
		if turns[0].Latency != 1500*time.Microsecond || !turns[0].CreatedAt.Equal(now) {
			t.Errorf("first turn %+v", turns[0])
		}
		if missing, err := loadConversation(ctx, d, "nope"); err != nil || missing.exists {
			t.Errorf("missing conversation: %+v %v", missing, err)
		}
	})
}
