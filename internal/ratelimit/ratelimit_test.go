package ratelimit

import (
	"context"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestAllow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := New(d, "salt")
		now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
		l.now = func() time.Time { return now }
		rule := Rule{Name: "test", Max: 3, Window: time.Minute}
		for i := 1; i <= 5; i++ {
			ok, err := l.Allow(ctx, rule, "1.2.3.4")
			if err != nil {
				t.Fatal(err)
			}
			if want := i <= 3; ok != want {
				t.Fatalf("hit %d: allowed=%v, want %v", i, ok, want)
			}
		}
		if ok, _ := l.Allow(ctx, rule, "5.6.7.8"); !ok {
			t.Fatal("another client must not share the bucket")
		}
		now = now.Add(time.Minute)
		if ok, _ := l.Allow(ctx, rule, "1.2.3.4"); !ok {
			t.Fatal("a new window must reset the count")
		}
		if err := l.Prune(ctx, rule, 0); err != nil {
			t.Fatal(err)
		}
	})
}
