package measure

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestIngestCountsOnceAndReportsPerItem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		batch := []EventInput{
			ev("a1", 0, "00004", "online", "toàn trình"),
			ev("a2", 0, "00004", "truc-tiep", ""),
			ev("a3", 0, "BCA", "online", "partial"),
			{ID: "bad", Source: "motcua", Type: "received", Unit: "99999", Procedure: "x", OccurredAt: "hôm qua"},
			ev("a1", 0, "00004", "online", "full"), // repeated within the batch
			ev("a4", 1, "79", "online", "full"),    // outside the sender's scope
		}
		allows := func(agency string) bool { return agency != "UBND-79" }
		res, err := s.Ingest(ctx, Sender{Agency: "UBND-01", Allows: allows}, Items(batch))
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 3 || res.Duplicates != 1 || res.Rejected != 2 {
			t.Fatalf("first delivery: %+v", res)
		}
		bad := res.Items[3]
		if bad.Status != StatusRejected || len(bad.Errors) < 3 {
			t.Fatalf("bad item: %+v", bad)
		}
		for _, p := range bad.Errors {
			if p.Message == "" || p.Field == "" {
				t.Errorf("problem without field or message: %+v", p)
			}
		}
		if res.Items[5].Errors[0].Code != "out_of_scope" {
			t.Errorf("out of scope item: %+v", res.Items[5])
		}
		// The same batch again: nothing new.
		again, err := s.Ingest(ctx, Sender{Agency: "UBND-01", Allows: allows}, Items(batch))
		if err != nil {
			t.Fatal(err)
		}
		if again.Created != 0 || again.Duplicates != 4 || again.Rejected != 2 {
			t.Fatalf("second delivery: %+v", again)
		}
		rows := dailyRows(t, d)
		if len(rows) != 3 {
			t.Fatalf("daily rows: %v", rows)
		}
		for k, c := range rows {
			if c.Received != 1 || !strings.Contains(k, "UBND-01:motcua") || !strings.Contains(k, "2.001159") {
				t.Errorf("row %s: %+v", k, c)
			}
		}
		var events, dups, rejected int64
		if err := d.QueryRow(ctx, "SELECT events, duplicates, rejected FROM measure_sources WHERE source = ?", "UBND-01:motcua").
			Scan(&events, &dups, &rejected); err != nil {
			t.Fatal(err)
		}
		if events != 3 || dups != 5 || rejected != 4 {
			t.Errorf("source tallies: events %d, duplicates %d, rejected %d", events, dups, rejected)
		}
	})
}

func TestIngestRefusesOversizedBatch(t *testing.T) {
	s := newTestStore(nil)
	_, err := s.Ingest(context.Background(), Sender{Agency: "VN"}, make([]Item, MaxBatch+1))
	if !errors.Is(err, ErrBatchTooLarge) {
		t.Fatalf("err = %v", err)
	}
}

func TestIngestSameIDFromAnotherAgencyIsNotADuplicate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		e := []EventInput{ev("same", 0, "BCA", "online", "full")}
		for _, agency := range []string{"BCA", "VN"} {
			res, err := s.Ingest(ctx, Sender{Agency: agency}, Items(e))
			if err != nil {
				t.Fatal(err)
			}
			if res.Created != 1 {
				t.Fatalf("from %s: %+v", agency, res)
			}
		}
	})
}
