package ratings

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestSubmitStoresCleanRating(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _ := newTestStore(t, d)
		// "hoà" typed with a combining grave accent, a phone number and a
		// control character: stored in NFC, the number redacted.
		out, err := s.Submit(ctx, Submission{
			Service: "dang-ky-khai-sinh", Level: Satisfied,
			WentWell: []Driver{DriverSpeed, DriverEase}, DidNot: []Driver{DriverCost},
			Comment: "  Nhanh, ho\u0300a nha\u0300 \x00gọi 0912 345 678  ", Source: SourcePage,
		}, "")
		if err != nil {
			t.Fatal(err)
		}
		if out.Replayed || out.Receipt.ID == 0 || out.Receipt.Service != "1.001193" || out.Receipt.Agency != "BTP" {
			t.Fatalf("receipt %+v: want a new rating of 1.001193 under BTP (the only responsible agency)", out)
		}
		list, err := s.List(ctx, Filter{}, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 {
			t.Fatalf("%d ratings stored, want 1", len(list))
		}
		r := list[0]
		if want := "Nhanh, hòa nhà gọi [số điện thoại]"; r.Comment != want {
			t.Errorf("comment %q, want %q", r.Comment, want)
		}
		if r.Level != Satisfied || r.WentWell.String() != "ease,speed" || r.DidNot.String() != "cost" ||
			r.Source != SourcePage || r.Month != "2026-11" || r.ID != out.Receipt.ID || !r.CreatedAt.Equal(out.Receipt.CreatedAt) {
			t.Errorf("stored %+v, receipt %+v", r, out.Receipt)
		}

		// Two responsible agencies and none named: counted under none.
		out, err = s.Submit(ctx, Submission{Service: "1.002001", Level: Neutral}, "")
		if err != nil || out.Receipt.Agency != "" {
			t.Fatalf("two agencies: %+v, %v; want no agency", out, err)
		}
		// Named: kept.
		out, err = s.Submit(ctx, Submission{Service: "1.002001", Agency: "UBND-00004", Level: Neutral}, "")
		if err != nil || out.Receipt.Agency != "UBND-00004" {
			t.Fatalf("named agency: %+v, %v", out, err)
		}
	})
}

func TestSubmitRefusesBadInput(t *testing.T) {
	ok := Submission{Service: "dang-ky-khai-sinh", Level: VerySatisfied}
	for _, tc := range []struct {
		name  string
		edit  func(*Submission)
		key   string
		field string
	}{
		{"no service", func(s *Submission) { s.Service = " " }, "", "service"},
		{"unknown service", func(s *Submission) { s.Service = "khong-co" }, "", "service"},
		{"level 0", func(s *Submission) { s.Level = 0 }, "", "level"},
		{"level 6", func(s *Submission) { s.Level = 6 }, "", "level"},
		{"unknown driver", func(s *Submission) { s.WentWell = []Driver{"price"} }, "", "went_well"},
		{"driver both ways", func(s *Submission) { s.WentWell, s.DidNot = []Driver{DriverStaff}, []Driver{DriverStaff} }, "", "did_not"},
		{"long comment", func(s *Submission) { s.Comment = strings.Repeat("ạ", MaxComment+1) }, "", "comment"},
		{"bad agency", func(s *Submission) { s.Agency = "bộ" }, "", "agency"},
		{"unknown agency", func(s *Submission) { s.Agency = "BXYZ" }, "", "agency"},
		{"bad source", func(s *Submission) { s.Source = "email" }, "", "source"},
		{"link source", func(s *Submission) { s.Source = SourceLink }, "", "source"},
		{"key with space", func(*Submission) {}, "a b", "idempotency_key"},
		{"key too long", func(*Submission) {}, strings.Repeat("k", MaxKeyLength+1), "idempotency_key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := dbtest.SQLite(t)
			s, _ := newTestStore(t, d)
			in := ok
			tc.edit(&in)
			_, err := s.Submit(context.Background(), in, tc.key)
			var inv *InvalidError
			if !errors.As(err, &inv) || inv.Message(tc.field) == "" {
				t.Fatalf("err = %v, want a message for %s", err, tc.field)
			}
			if n := countRows(t, d, "SELECT COUNT(*) FROM ratings"); n != 0 {
				t.Fatalf("%d ratings stored from bad input", n)
			}
		})
	}
	t.Run("exactly the limit", func(t *testing.T) {
		s, _ := newTestStore(t, dbtest.SQLite(t))
		in := ok
		in.Comment = strings.Repeat("ạ", MaxComment)
		if _, err := s.Submit(context.Background(), in, ""); err != nil {
			t.Fatalf("a comment of %d characters: %v", MaxComment, err)
		}
	})
}

func TestIdempotencyKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk := newTestStore(t, d)
		in := Submission{Service: "dang-ky-khai-sinh", Level: Dissatisfied, DidNot: []Driver{DriverTechnical}, Comment: "Lỗi"}
		first, err := s.Submit(ctx, in, "key-1")
		if err != nil || first.Replayed {
			t.Fatalf("first: %+v, %v", first, err)
		}
		clk.t = clk.t.Add(1e9)
		again, err := s.Submit(ctx, in, "key-1")
		if err != nil || !again.Replayed || again.Receipt != first.Receipt {
			t.Fatalf("repeat: %+v, %v; want the first receipt %+v, replayed", again, err, first.Receipt)
		}
		in.Level = VerySatisfied
		if _, err := s.Submit(ctx, in, "key-1"); !errors.Is(err, ErrKeyReused) {
			t.Fatalf("key reused for another rating: %v, want ErrKeyReused", err)
		}
		if n := countRows(t, d, "SELECT COUNT(*) FROM ratings"); n != 1 {
			t.Fatalf("%d ratings stored, want 1", n)
		}

		// Twenty concurrent retries of one submission: one row, one answer.
		var wg sync.WaitGroup
		outs := make([]Outcome, 20)
		errs := make([]error, 20)
		for i := range outs {
			wg.Go(func() { outs[i], errs[i] = s.Submit(ctx, in, "key-2") })
		}
		wg.Wait()
		fresh := 0
		for i := range outs {
			if errs[i] != nil {
				t.Fatalf("concurrent %d: %v", i, errs[i])
			}
			if outs[i].Receipt != outs[0].Receipt {
				t.Fatalf("concurrent answers differ: %+v vs %+v", outs[i].Receipt, outs[0].Receipt)
			}
			if !outs[i].Replayed {
				fresh++
			}
		}
		if fresh != 1 {
			t.Errorf("%d submissions stored, want exactly 1", fresh)
		}
		if n := countRows(t, d, "SELECT COUNT(*) FROM ratings"); n != 2 {
			t.Fatalf("%d ratings stored, want 2", n)
		}
		if n := countRows(t, d, "SELECT COUNT(*) FROM idempotency_keys WHERE scope = 'rating'"); n != 2 {
			t.Fatalf("%d keys stored, want 2", n)
		}

		// Keys are kept a while, then pruned.
		clk.t = clk.t.Add(48 * 3600e9)
		if n, err := s.PruneKeys(ctx, 24*3600e9); err != nil || n != 2 {
			t.Fatalf("prune: %d, %v; want 2", n, err)
		}
	})
}

// A failure after the rating's insert must take the rating back: key and
// rating are one transaction.
func TestKeyAndRatingCommitTogether(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _ := newTestStore(t, d)
		// Make storing the key fail: a trigger-free way is a receipt that
		// cannot be stored because the table is gone.
		if _, err := d.Exec(ctx, "ALTER TABLE idempotency_keys RENAME TO idempotency_keys_gone"); err != nil {
			t.Fatal(err)
		}
		_, err := s.Submit(ctx, Submission{Service: "dang-ky-khai-sinh", Level: Satisfied}, "key-x")
		if err == nil {
			t.Fatal("submit succeeded without a key table")
		}
		if n := countRows(t, d, "SELECT COUNT(*) FROM ratings"); n != 0 {
			t.Fatalf("%d ratings kept without their key", n)
		}
		if _, err := d.Exec(ctx, "ALTER TABLE idempotency_keys_gone RENAME TO idempotency_keys"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Submit(ctx, Submission{Service: "dang-ky-khai-sinh", Level: Satisfied}, "key-x"); err != nil {
			t.Fatal(err)
		}
	})
}
