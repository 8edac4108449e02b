package idempotency

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestValidKey(t *testing.T) {
	for key, want := range map[string]bool{
		"":                                     false,
		"a":                                    true,
		"550e8400-e29b-41d4-a716-446655440000": true,
		"form-0123abcd":                        true,
		"has space":                            false,
		"tab\tkey":                             false,
		"khóa":                                 false,
		strings.Repeat("k", MaxKeyLength):      true,
		strings.Repeat("k", MaxKeyLength+1):    false,
	} {
		if got := ValidKey(key); got != want {
			t.Errorf("ValidKey(%q) = %v, want %v", key, got, want)
		}
	}
}

func TestHashSeparatesParts(t *testing.T) {
	if Hash("ab", "c") == Hash("a", "bc") {
		t.Error("parts run together")
	}
	if Hash("a", "b") != Hash("a", "b") {
		t.Error("hash is not deterministic")
	}
	if len(Hash()) != 64 {
		t.Errorf("hash %q is not hex SHA-256", Hash())
	}
}

// notes is a table the tests write, standing for a domain's rows.
func notes(t *testing.T, d *db.DB) func() int {
	t.Helper()
	ctx := context.Background()
	if _, err := d.Exec(ctx, "CREATE TABLE idem_notes (v TEXT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	return func() int {
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM idem_notes").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
}

func writeNote(v string) func(tx *db.Tx) (string, error) {
	return func(tx *db.Tx) (string, error) {
		if _, err := tx.Exec(context.Background(), "INSERT INTO idem_notes (v) VALUES (?)", v); err != nil {
			return "", err
		}
		return `{"note":"` + v + `"}`, nil
	}
}

func TestOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		count := notes(t, d)
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		h := Hash("note", "a")

		body, replayed, err := Once(ctx, d, "test", "k1", h, now, writeNote("a"))
		if err != nil || replayed || body != `{"note":"a"}` {
			t.Fatalf("first: %q %v %v", body, replayed, err)
		}
		body, replayed, err = Once(ctx, d, "test", "k1", h, now, writeNote("a"))
		if err != nil || !replayed || body != `{"note":"a"}` {
			t.Fatalf("repeat: %q %v %v, want the first answer replayed", body, replayed, err)
		}
		if n := count(); n != 1 {
			t.Fatalf("%d rows after a repeat, want 1", n)
		}
		// The same key in another scope is another key.
		if _, replayed, err := Once(ctx, d, "other", "k1", h, now, writeNote("a")); err != nil || replayed {
			t.Fatalf("other scope: %v %v", replayed, err)
		}
		// The key with another request is refused, and writes nothing.
		if _, _, err := Once(ctx, d, "test", "k1", Hash("note", "b"), now, writeNote("b")); !errors.Is(err, ErrReused) {
			t.Fatalf("reused key: %v, want ErrReused", err)
		}
		// A failing write keeps neither its rows nor the key.
		boom := errors.New("boom")
		_, _, err = Once(ctx, d, "test", "k2", h, now, func(tx *db.Tx) (string, error) {
			if _, err := writeNote("x")(tx); err != nil {
				return "", err
			}
			return "", boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("failing write: %v", err)
		}
		if _, ok, err := Replay(ctx, d, "test", "k2", h); ok || err != nil {
			t.Fatalf("key of a failed write kept: %v %v", ok, err)
		}
		if n := count(); n != 2 {
			t.Fatalf("%d rows, want 2", n)
		}

		// Twenty concurrent twins: one write, one answer for all.
		var wg sync.WaitGroup
		bodies := make([]string, 20)
		fresh := make([]bool, 20)
		errs := make([]error, 20)
		for i := range bodies {
			wg.Go(func() {
				var rep bool
				bodies[i], rep, errs[i] = Once(ctx, d, "test", "k3", h, now, writeNote("twin"+strconv.Itoa(i)))
				fresh[i] = !rep
			})
		}
		wg.Wait()
		first := 0
		for i := range bodies {
			if errs[i] != nil {
				t.Fatalf("twin %d: %v", i, errs[i])
			}
			if bodies[i] != bodies[0] {
				t.Fatalf("twins answered differently: %q vs %q", bodies[i], bodies[0])
			}
			if fresh[i] {
				first++
			}
		}
		if first != 1 || count() != 3 {
			t.Fatalf("%d twins wrote, %d rows; want 1 and 3", first, count())
		}
	})
}

func TestPrune(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		old := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		recent := old.Add(10 * 24 * time.Hour)
		err := d.InTx(ctx, func(tx *db.Tx) error {
			for i, at := range []time.Time{old, old, recent} {
				for _, scope := range []string{"a", "b"} {
					if _, err := Save(ctx, tx, scope, "k"+strconv.Itoa(i), "h", "r", at); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		cutoff := old.Add(Keep)
		if n, err := Prune(ctx, d, cutoff, "a"); err != nil || n != 2 {
			t.Fatalf("prune scope a: %d %v, want 2", n, err)
		}
		if _, ok, _ := Replay(ctx, d, "b", "k0", "h"); !ok {
			t.Fatal("scope b pruned with scope a")
		}
		w := &pruneWorker{d: d, now: func() time.Time { return cutoff.Add(Keep) }}
		if err := w.Work(ctx, &river.Job[PruneArgs]{}); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := Replay(ctx, d, "b", "k0", "h"); ok {
			t.Fatal("old key of scope b survived the job")
		}
		if _, ok, _ := Replay(ctx, d, "b", "k2", "h"); !ok {
			t.Fatal("recent key pruned")
		}
	})
}
