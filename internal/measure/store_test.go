package measure

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestHasData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		if has, err := s.HasData(ctx); err != nil || has {
			t.Fatalf("empty store: has data %v, %v", has, err)
		}
		if _, err := s.Ingest(ctx, Sender{Agency: "VN"}, Items([]EventInput{ev("a1", 0, "00004", "online", "full")})); err != nil {
			t.Fatal(err)
		}
		if has, err := s.HasData(ctx); err != nil || !has {
			t.Fatalf("after one event: has data %v, %v", has, err)
		}
	})
}
