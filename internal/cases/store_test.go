package cases

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestOpenAndLookUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		in := NewCase{
			Source: SourceWeb, Channel: ChannelWidget, Category: CategoryFee,
			ServiceSlug: "cap-doi-giay-phep-lai-xe", ProvinceCode: "01", CommuneCode: "00004",
			Description: "Tôi đã nộp lệ phí hai lần.\nXin hoàn lại một lần.",
			Contact:     Contact{Name: "Nguyễn Văn An", Phone: "0912 345 678", Email: "an@example.vn"},
		}
		c := mustOpen(t, s, in)
		// Routed at intake: no rule, so to the province's people's committee.
		if c.ID == 0 || !ValidCode(c.Code) || c.State != StateReceived || c.Agency != "UBND-01" || c.DueAt.IsZero() {
			t.Fatalf("opened %+v", *c)
		}
		if !c.CreatedAt.Equal(fixedNow) || !c.UpdatedAt.Equal(fixedNow) {
			t.Errorf("times %v %v, want %v", c.CreatedAt, c.UpdatedAt, fixedNow)
		}
		// Look it up as a citizen would type it: lower case, spaces, no dashes.
		raw := strings.ToLower(strings.ReplaceAll(c.Code, "-", ""))
		typed := " " + raw[:2] + " " + raw[2:7] + " " + raw[7:] + " "
		got, err := s.ByCode(ctx, typed)
		if err != nil {
			t.Fatalf("ByCode(%q): %v", typed, err)
		}
		want := *c
		want.Contact.Phone = "0912345678"
		if *got != want {
			t.Errorf("ByCode = %+v\nwant      %+v", *got, want)
		}
		if got.Contact.Phone != "0912345678" || got.Contact.Email != "an@example.vn" || got.Contact.Name != "Nguyễn Văn An" {
			t.Errorf("contact stored as %q %q %q", got.Contact.Name, got.Contact.Phone, got.Contact.Email)
		}
		byID, err := s.ByID(ctx, c.ID)
		if err != nil || *byID != want {
			t.Errorf("ByID = %+v, %v", byID, err)
		}
		events, err := s.Events(ctx, c.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 2 {
			t.Fatalf("%d events, want 2 (created, routed)", len(events))
		}
		if r := events[1]; r.Kind != EventRouted || r.Note != "UBND-01" || r.Visibility != Internal || r.Actor != ActorSystem {
			t.Errorf("routed event %+v", r)
		}
		e := events[0]
		if e.Kind != EventCreated || e.Actor != ActorCitizen || e.ToState != StateReceived ||
			e.FromState != "" || e.Visibility != Public || !e.At.Equal(fixedNow) || e.CaseID != c.ID {
			t.Errorf("created event %+v", e)
		}
	})
}

func TestByCodeErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := testStore(d)
		c := mustOpen(t, s, valid())
		if _, err := s.ByCode(context.Background(), "PA-ACDEF-GHJK"); !errors.Is(err, ErrBadCode) || !errors.Is(err, ErrNotFound) {
			t.Errorf("malformed code: %v, want ErrBadCode (an ErrNotFound)", err)
		}
		// A well-formed code that was never issued.
		other, err := newCode(strings.NewReader(strings.Repeat("\x07", 64)))
		if err != nil {
			t.Fatal(err)
		}
		if other == c.Code {
			t.Skip("drew the same code")
		}
		if _, err := s.ByCode(context.Background(), other); !errors.Is(err, ErrNotFound) || errors.Is(err, ErrBadCode) {
			t.Errorf("unknown code: %v, want ErrNotFound only", err)
		}
		if _, err := s.ByID(context.Background(), c.ID+1000); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown id: %v, want ErrNotFound", err)
		}
	})
}

// repeatReader returns the same bytes on every read, so every code drawn
// from it is the same.
type repeatReader struct{ b byte }

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.b
	}
	return len(p), nil
}

func TestOpenRetriesOnCodeCollision(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		// The source gives code A, then A again, then B: the second case
		// must collide once and get B.
		a := bytes.Repeat([]byte{3}, 16)
		b := bytes.Repeat([]byte{4}, 16)
		src := io.MultiReader(bytes.NewReader(a), bytes.NewReader(a), bytes.NewReader(b))
		s := testStore(d, WithRandom(src))
		first := mustOpen(t, s, valid())
		second := mustOpen(t, s, valid())
		if first.Code == second.Code {
			t.Fatalf("two cases share code %s", first.Code)
		}
		wantA, _ := newCode(bytes.NewReader(a))
		wantB, _ := newCode(bytes.NewReader(b))
		if first.Code != wantA || second.Code != wantB {
			t.Fatalf("codes %s, %s; want %s, %s", first.Code, second.Code, wantA, wantB)
		}
		if n := countRows(t, d, "cases"); n != 2 {
			t.Fatalf("%d cases, want 2", n)
		}
		// A source that only ever gives one code runs out of tries and
		// writes nothing.
		stuck := testStore(d, WithRandom(repeatReader{3}))
		if _, err := stuck.Open(context.Background(), valid()); !errors.Is(err, ErrCodesExhausted) {
			t.Fatalf("stuck source: %v, want ErrCodesExhausted", err)
		}
		if n, e := countRows(t, d, "cases"), countRows(t, d, "case_events"); n != 2 || e != 2 {
			t.Fatalf("after exhaustion %d cases, %d events; want 2, 2", n, e)
		}
	})
}

func TestOpenManyUniqueCodes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := testStore(d)
		seen := map[string]bool{}
		for i := 0; i < 200; i++ {
			c := mustOpen(t, s, valid())
			if seen[c.Code] {
				t.Fatalf("code %s issued twice", c.Code)
			}
			seen[c.Code] = true
		}
	})
}

func TestOpenInvalidWritesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := testStore(d)
		in := valid()
		in.Contact.Phone = "12345"
		_, err := s.Open(context.Background(), in)
		var inv *InvalidError
		if !errors.As(err, &inv) || !inv.Has("contact_phone") {
			t.Fatalf("error %v, want an InvalidError for contact_phone", err)
		}
		if n := countRows(t, d, "cases"); n != 0 {
			t.Fatalf("%d cases after invalid input", n)
		}
	})
}

// failEvents makes every insert into case_events fail, as a full disk or a
// lost connection would halfway through Open.
func failEvents(t *testing.T, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	var stmts []string
	if d.Dialect() == db.Postgres {
		stmts = []string{
			`CREATE FUNCTION test_fail_events() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'test: events refused'; END; $$`,
			`CREATE TRIGGER test_fail_events BEFORE INSERT ON case_events
			FOR EACH ROW EXECUTE FUNCTION test_fail_events()`,
		}
	} else {
		stmts = []string{`CREATE TRIGGER test_fail_events BEFORE INSERT ON case_events
			BEGIN SELECT RAISE(ABORT, 'test: events refused'); END`}
	}
	for _, q := range stmts {
		if _, err := d.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenIsAtomic(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := testStore(d)
		failEvents(t, d)
		if _, err := s.Open(context.Background(), valid()); err == nil {
			t.Fatal("Open succeeded though its event could not be written")
		}
		if n := countRows(t, d, "cases"); n != 0 {
			t.Fatalf("%d cases left without their created event", n)
		}
		ctx := context.Background()
		err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := s.OpenTx(ctx, tx, valid())
			return err
		})
		if err == nil {
			t.Fatal("OpenTx succeeded though its event could not be written")
		}
		if n, e := countRows(t, d, "cases"), countRows(t, d, "case_events"); n != 0 || e != 0 {
			t.Fatalf("failed OpenTx left %d cases, %d events", n, e)
		}
	})
}

func TestOpenTxFollowsCallersTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		in := valid()
		in.Source, in.ConversationID = SourceAssistant, "conv-1"

		// The caller's own work fails after the case was opened: nothing stays.
		boom := errors.New("storing the turn failed")
		var opened *Case
		err := d.InTx(ctx, func(tx *db.Tx) error {
			c, err := s.OpenTx(ctx, tx, in)
			if err != nil {
				return err
			}
			opened = c
			return boom
		})
		if !errors.Is(err, boom) || opened == nil {
			t.Fatalf("InTx: %v (opened %v)", err, opened)
		}
		if n, e := countRows(t, d, "cases"), countRows(t, d, "case_events"); n != 0 || e != 0 {
			t.Fatalf("after rollback %d cases, %d events; want none", n, e)
		}
		if _, err := s.ByCode(ctx, opened.Code); !errors.Is(err, ErrNotFound) {
			t.Fatalf("rolled-back case found: %v", err)
		}

		// Committed: case and event both there, linked to the conversation.
		err = d.InTx(ctx, func(tx *db.Tx) error {
			opened, err = s.OpenTx(ctx, tx, in)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.ByConversation(ctx, "conv-1")
		if err != nil || got.Code != opened.Code || got.Source != SourceAssistant {
			t.Fatalf("ByConversation = %v, %v", got, err)
		}
		if _, err := s.ByConversation(ctx, "conv-2"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("unknown conversation: %v", err)
		}
		if e := countRows(t, d, "case_events"); e != 1 {
			t.Fatalf("%d events, want 1", e)
		}

		// Invalid input inside the caller's transaction: an InvalidError,
		// and the transaction is still usable (nothing was sent to the
		// database).
		err = d.InTx(ctx, func(tx *db.Tx) error {
			bad := in
			bad.Description = ""
			_, err := s.OpenTx(ctx, tx, bad)
			var inv *InvalidError
			if !errors.As(err, &inv) {
				t.Errorf("OpenTx with empty description: %v", err)
			}
			_, err = s.OpenTx(ctx, tx, in)
			return err
		})
		if err != nil {
			t.Fatalf("transaction after an InvalidError: %v", err)
		}
		if n := countRows(t, d, "cases"); n != 2 {
			t.Fatalf("%d cases, want 2", n)
		}
	})
}

func TestOpenStaffSourcesRecordTheOfficer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := testStore(d)
		in := valid()
		in.Source, in.By, in.Agency = SourceHotline, StaffActor(42), "UBND-01"
		c := mustOpen(t, s, in)
		if c.Channel != ChannelPhone || c.Agency != "UBND-01" {
			t.Fatalf("hotline case %+v", *c)
		}
		events, err := s.Events(context.Background(), c.ID, false)
		if err != nil || len(events) != 1 || events[0].Actor != "staff:42" {
			t.Fatalf("events %+v, %v; want one by staff:42", events, err)
		}
	})
}

func TestEventsAreAppendOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := mustOpen(t, testStore(d), valid())
		if _, err := d.Exec(ctx, "UPDATE case_events SET note = 'x' WHERE case_id = ?", c.ID); err == nil {
			t.Error("UPDATE of case_events succeeded")
		}
		if _, err := d.Exec(ctx, "DELETE FROM case_events WHERE case_id = ?", c.ID); err == nil {
			t.Error("DELETE from case_events succeeded")
		}
		if n := countRows(t, d, "case_events"); n != 1 {
			t.Errorf("%d events, want 1", n)
		}
	})
}
