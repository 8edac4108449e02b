package cases

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestTransition(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := fixedNow
		s := NewStore(d, WithClock(func() time.Time { return now }))
		c := mustOpen(t, s, valid())
		now = now.Add(time.Hour)
		moved, err := s.Transition(ctx, c.ID, Change{To: StateClassified, By: StaffActor(3),
			Note: "Lĩnh vực: phí", Visibility: Internal})
		if err != nil {
			t.Fatal(err)
		}
		if moved.State != StateClassified || !moved.UpdatedAt.Equal(now) || !moved.CreatedAt.Equal(fixedNow) {
			t.Fatalf("moved %+v", *moved)
		}
		got, err := s.ByID(ctx, c.ID)
		if err != nil || *got != *moved {
			t.Fatalf("ByID = %+v, %v; want %+v", got, err, moved)
		}
		// Not allowed by the table: nothing changes, no event.
		if _, err := s.Transition(ctx, c.ID, Change{To: StatePublished, By: StaffActor(3), Visibility: Public}); !errors.Is(err, ErrBadTransition) {
			t.Fatalf("classified → published: %v, want ErrBadTransition", err)
		}
		if _, err := s.Transition(ctx, c.ID+99, Change{To: StateClassified, By: ActorSystem, Visibility: Public}); !errors.Is(err, ErrNotFound) {
			t.Fatalf("unknown case: %v, want ErrNotFound", err)
		}
		if _, err := s.Transition(ctx, c.ID, Change{To: StateAssigned, By: "nobody", Visibility: Public}); err == nil {
			t.Fatal("transition by an unknown actor accepted")
		}
		events, err := s.Events(ctx, c.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 2 {
			t.Fatalf("%d events, want 2: %+v", len(events), events)
		}
		e := events[1]
		if e.Kind != EventStateChanged || e.FromState != StateReceived || e.ToState != StateClassified ||
			e.Actor != "staff:3" || e.Note != "Lĩnh vực: phí" || e.Visibility != Internal || !e.At.Equal(now) {
			t.Errorf("state_changed event %+v", e)
		}
		public, err := s.Events(ctx, c.ID, true)
		if err != nil || len(public) != 1 || public[0].Kind != EventCreated {
			t.Errorf("public events %+v, %v; want only created", public, err)
		}
	})
}

// A transition whose transaction fails leaves neither the new state nor
// its event.
func TestTransitionTxRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		c := mustOpen(t, s, valid())
		boom := errors.New("boom")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := s.TransitionTx(ctx, tx, c.ID, Change{To: StateAssigned, By: ActorSystem, Visibility: Public}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		got, err := s.ByID(ctx, c.ID)
		if err != nil || got.State != StateReceived {
			t.Fatalf("state after rollback %v, %v", got, err)
		}
		if n := countRows(t, d, "case_events"); n != 1 {
			t.Fatalf("%d events after rollback, want 1", n)
		}
	})
}

// TestConcurrentTransitionsConflict runs two moves of one case at once on
// PostgreSQL: the second reads the old state, waits for the first's row
// lock, and must then fail with ErrConflict instead of moving the case
// from a state it is no longer in. SQLite has a single writer, so there
// the second transaction starts only after the first ended and simply
// sees the new state; the test is PostgreSQL's alone.
func TestConcurrentTransitionsConflict(t *testing.T) {
	d := dbtest.Postgres(t)
	ctx := context.Background()
	s := testStore(d)
	c := mustOpen(t, s, valid())

	firstMoved, release := make(chan struct{}), make(chan struct{})
	firstDone := make(chan error, 1)
	go func() {
		firstDone <- d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := s.TransitionTx(ctx, tx, c.ID, Change{To: StateClassified, By: ActorSystem, Visibility: Public}); err != nil {
				close(firstMoved)
				return err
			}
			close(firstMoved)
			<-release
			return nil
		})
	}()
	<-firstMoved
	secondDone := make(chan error, 1)
	go func() {
		_, err := s.Transition(ctx, c.ID, Change{To: StateAssigned, By: ActorSystem, Visibility: Public})
		secondDone <- err
	}()
	// Wait until the second transaction is blocked on the first's row lock,
	// then let the first commit.
	for i := 0; ; i++ {
		var waiting int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'
			AND query LIKE 'UPDATE cases SET state%'`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
		if i == 500 {
			t.Fatal("the second transaction never waited for the first")
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(release)
	if err := <-firstDone; err != nil {
		t.Fatalf("first move: %v", err)
	}
	if err := <-secondDone; !errors.Is(err, ErrConflict) {
		t.Fatalf("second move: %v, want ErrConflict", err)
	}
	got, err := s.ByID(ctx, c.ID)
	if err != nil || got.State != StateClassified {
		t.Fatalf("state %v, %v; want classified", got, err)
	}
	if n := countRows(t, d, "case_events"); n != 2 {
		t.Fatalf("%d events, want 2", n)
	}
}
