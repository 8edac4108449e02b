package ratelimit

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestConcurrentHitsBatchedExactly sends many hits at once from two
// limiters (two replicas) over a few buckets: with group commit, exactly
// Max hits of each bucket are allowed and every hit is stored, as if each
// had its own transaction.
func TestConcurrentHitsBatchedExactly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC)
		replicas := []*Limiter{New(d, "salt"), New(d, "salt")}
		for _, l := range replicas {
			l.now = func() time.Time { return now }
		}
		rule := Rule{Name: "batch", Max: 40, Window: time.Minute}
		const perBucket = 100
		keys := []string{"a", "b", "c"}
		allowed := make([]atomic.Int32, len(keys))
		var wg sync.WaitGroup
		errs := make(chan error, perBucket*len(keys))
		for k := range keys {
			for i := range perBucket {
				wg.Go(func() {
					ok, err := replicas[i%2].Allow(ctx, rule, keys[k])
					if err != nil {
						errs <- fmt.Errorf("hit %d of %s: %w", i, keys[k], err)
						return
					}
					if ok {
						allowed[k].Add(1)
					}
				})
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		for k, key := range keys {
			if got := allowed[k].Load(); got != int32(rule.Max) {
				t.Errorf("bucket %s: %d hits allowed, want %d", key, got, rule.Max)
			}
			// Hits after the limit may be refused in memory (full.go)
			// once the stored count reached it; all the others are stored.
			if got := storedHits(t, d, replicas[0], rule, key); got < rule.Max || got > perBucket {
				t.Errorf("bucket %s: %d hits stored", key, got)
			}
		}
	})
}
