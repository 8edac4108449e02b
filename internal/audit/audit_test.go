package audit_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

var lan = audit.Actor{ID: 7, Name: "lan", Agency: "UBND-01"}

func entry(action, id string) audit.Entry {
	return audit.Entry{
		Actor: lan, Action: action, ObjectType: "guide", ObjectID: id, Agency: "UBND-01",
		Before: json.RawMessage(`{"title":"cũ"}`), After: json.RawMessage(`{"title":"mới"}`),
		Note: "sửa lỗi chính tả",
	}
}

func count(t *testing.T, d *db.DB) int {
	t.Helper()
	n, err := audit.NewStore(d).Count(context.Background(), audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRecordCommitsWithTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		at := time.Date(2026, 3, 1, 8, 30, 0, 123456000, time.UTC)
		e := entry("guide.publish", "1.0001")
		e.At = at
		if err := d.InTx(ctx, func(tx *db.Tx) error { return audit.Record(ctx, tx, e) }); err != nil {
			t.Fatal(err)
		}
		got, err := audit.NewStore(d).List(ctx, audit.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("entries = %d, want 1", len(got))
		}
		g := got[0]
		if g.ID == 0 || !g.At.Equal(at) || g.Actor != lan || g.Action != "guide.publish" ||
			g.ObjectType != "guide" || g.ObjectID != "1.0001" || g.Agency != "UBND-01" ||
			string(g.Before) != `{"title":"cũ"}` || string(g.After) != `{"title":"mới"}` || g.Note != "sửa lỗi chính tả" {
			t.Errorf("entry = %+v", g)
		}
	})
}

func TestRecordRollsBackWithTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if err := audit.Record(ctx, tx, entry("guide.publish", "1")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx = %v, want boom", err)
		}
		if n := count(t, d); n != 0 {
			t.Fatalf("entries after rollback = %d, want 0", n)
		}
	})
}

func TestRecordDefaultsAndNulls(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		before := time.Now().Add(-time.Second)
		e := audit.Entry{Actor: audit.System, Action: "guide.create", ObjectType: "guide", ObjectID: "9"}
		if err := audit.Record(ctx, d, e); err != nil {
			t.Fatal(err)
		}
		got, err := audit.NewStore(d).List(ctx, audit.Filter{})
		if err != nil || len(got) != 1 {
			t.Fatalf("List = %v, %v", got, err)
		}
		if got[0].At.Before(before) || got[0].At.After(time.Now().Add(time.Second)) {
			t.Errorf("At = %v, want about now", got[0].At)
		}
		if got[0].Before != nil || got[0].After != nil {
			t.Errorf("Before/After = %q/%q, want nil", got[0].Before, got[0].After)
		}
	})
}

func TestRecordRejectsIncompleteEntries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for name, e := range map[string]audit.Entry{
			"no action":  {Actor: lan, ObjectType: "guide"},
			"no object":  {Actor: lan, Action: "x.y"},
			"no actor":   {Action: "x.y", ObjectType: "guide"},
			"bad before": {Actor: lan, Action: "x.y", ObjectType: "guide", Before: json.RawMessage("{")},
			"bad after":  {Actor: lan, Action: "x.y", ObjectType: "guide", After: json.RawMessage("nope")},
		} {
			if err := audit.Record(ctx, d, e); err == nil {
				t.Errorf("%s: Record succeeded", name)
			}
		}
		if n := count(t, d); n != 0 {
			t.Fatalf("entries = %d, want 0", n)
		}
	})
}

func TestSnapshot(t *testing.T) {
	b, err := audit.Snapshot(map[string]int{"a": 1})
	if err != nil || string(b) != `{"a":1}` {
		t.Errorf("Snapshot = %s, %v", b, err)
	}
	if b, err := audit.Snapshot(nil); b != nil || err != nil {
		t.Errorf("Snapshot(nil) = %s, %v", b, err)
	}
	if _, err := audit.Snapshot(func() {}); err == nil {
		t.Error("Snapshot(func) succeeded")
	}
}

// TestDatabaseRefusesUpdateAndDelete checks the triggers, not the package:
// even SQL written outside package audit cannot change history.
func TestDatabaseRefusesUpdateAndDelete(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := audit.Record(ctx, d, entry("guide.publish", "1")); err != nil {
			t.Fatal(err)
		}
		stmts := []string{
			"UPDATE audit_log SET note = 'sửa lén'",
			"DELETE FROM audit_log",
		}
		if d.Dialect() == db.Postgres {
			stmts = append(stmts, "TRUNCATE audit_log")
		}
		for _, stmt := range stmts {
			_, err := d.Exec(ctx, stmt)
			if err == nil {
				t.Errorf("%s succeeded", stmt)
				continue
			}
			if !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: error %v, want the trigger's message", stmt, err)
			}
		}
		// Inside a transaction too, and the row is untouched afterwards.
		err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "DELETE FROM audit_log WHERE id > 0")
			return err
		})
		if err == nil {
			t.Error("DELETE in a transaction succeeded")
		}
		got, err := audit.NewStore(d).List(ctx, audit.Filter{})
		if err != nil || len(got) != 1 || got[0].Note != "sửa lỗi chính tả" {
			t.Fatalf("after attempts: %+v, %v", got, err)
		}
	})
}
