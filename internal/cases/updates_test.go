package cases

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestOutboxHook checks that the outbox hook sees the created event and
// every move, inside the transaction: an error from it rolls the change
// back.
func TestOutboxHook(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var seen []EventKind
		var states []State
		fail := false
		hook := func(ctx context.Context, tx *db.Tx, c *Case, e Event) error {
			if fail {
				return errors.New("outbox down")
			}
			if e.CaseID != c.ID || e.ID == 0 {
				t.Errorf("hook: event %+v for case %d", e, c.ID)
			}
			// The hook reads through the transaction: the event is there.
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM case_events WHERE id = ?", e.ID).Scan(&n); err != nil || n != 1 {
				t.Errorf("hook: event %d not in the transaction: %d %v", e.ID, n, err)
			}
			seen, states = append(seen, e.Kind), append(states, c.State)
			return nil
		}
		s := testStore(d, WithOutbox(hook))
		in := valid()
		in.Contact.Email = "an@example.vn"
		c := mustOpen(t, s, in)
		if _, err := s.Transition(ctx, c.ID, Change{To: StateClassified, By: StaffActor(1), Visibility: Public}); err != nil {
			t.Fatal(err)
		}
		want := []EventKind{EventCreated, EventStateChanged}
		if !slices.Equal(seen, want) || !slices.Equal(states, []State{StateReceived, StateClassified}) {
			t.Fatalf("hook saw %v %v, want %v", seen, states, want)
		}
		fail = true
		if _, err := s.Transition(ctx, c.ID, Change{To: StateAssigned, By: StaffActor(1), Visibility: Public}); err == nil {
			t.Fatal("a failing hook did not fail the transition")
		}
		if got, _ := s.ByID(ctx, c.ID); got.State != StateClassified {
			t.Fatalf("state after a failed hook: %s, want classified", got.State)
		}
		before := countRows(t, d, "cases")
		if _, err := s.Open(ctx, in); err == nil {
			t.Fatal("a failing hook did not fail Open")
		}
		if countRows(t, d, "cases") != before {
			t.Fatal("a failed hook left a case behind")
		}
	})
}

func TestPublicUpdatesAndFilter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := fixedNow
		s := NewStore(d, WithClock(func() time.Time { return now }))
		in := valid()
		in.Contact = Contact{Name: "Nguyễn Văn An", Email: "an@example.vn"}
		in.Category = CategoryFee
		a := mustOpen(t, s, in)
		now = now.Add(time.Hour)
		b := mustOpen(t, s, valid())
		now = now.Add(time.Hour)
		if _, err := s.Transition(ctx, a.ID, Change{To: StateClassified, By: StaffActor(1),
			Note: "Đã gọi cho Nguyễn Văn An", Visibility: Public}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Transition(ctx, b.ID, Change{To: StateClassified, By: StaffActor(1),
			Note: "nội bộ", Visibility: Internal}); err != nil {
			t.Fatal(err)
		}
		ups, err := s.PublicUpdates(ctx, time.Time{}, time.Time{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(ups) != 3 {
			t.Fatalf("%d updates, want 3 (two openings, one public move): %+v", len(ups), ups)
		}
		last := ups[2]
		if last.Code != a.Code || last.State != StateClassified || last.Note != "Đã gọi cho "+RedactedName {
			t.Errorf("last update %+v", last)
		}
		ups, err = s.PublicUpdates(ctx, fixedNow.Add(30*time.Minute), now, 0)
		if err != nil || len(ups) != 2 || ups[0].Code != b.Code {
			t.Errorf("updates since 30 min: %+v, %v", ups, err)
		}

		list := func(f Filter) []string {
			cs, err := s.List(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range cs {
				out = append(out, c.Code)
			}
			return out
		}
		if got := list(Filter{Categories: []Category{CategoryFee, CategoryDelay}}); !slices.Equal(got, []string{a.Code}) {
			t.Errorf("categories filter: %v", got)
		}
		if got := list(Filter{States: []State{StateReceived, StateClosed}}); len(got) != 0 {
			t.Errorf("states filter: %v, want none", got)
		}
		if got := list(Filter{States: []State{StateClassified}}); len(got) != 2 {
			t.Errorf("classified: %v, want both", got)
		}
		if got := list(Filter{CreatedFrom: fixedNow.Add(time.Minute)}); !slices.Equal(got, []string{b.Code}) {
			t.Errorf("created from: %v", got)
		}
		if got := list(Filter{CreatedTo: fixedNow}); !slices.Equal(got, []string{a.Code}) {
			t.Errorf("created to: %v", got)
		}
	})
}
