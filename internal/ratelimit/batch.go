package ratelimit

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/loa-vn/loa/internal/db"
)

// maxBatch bounds the hits counted in one transaction.
const maxBatch = 256

// hit is one counter increment waiting to be written, and where its
// count (or error) goes once the batch has committed.
type hit struct {
	bucket string
	window int64
	done   chan result
}

type result struct {
	hits int
	err  error
}

// batcher counts concurrent hits in one write transaction (group
// commit): the first caller to find no transaction running becomes the
// leader and writes every hit queued by then; hits arriving meanwhile wait
// for the next leader. An idle limiter writes a lone hit at once, so
// batching adds no delay; under load, one transaction serves many
// requests, which matters on SQLite's single writer. Every hit still gets
// the count its own increment produced, so the verdict is the same as
// with one transaction per hit.
type batcher struct {
	mu      sync.Mutex
	queue   []hit
	writing bool
}

// count adds one to bucket's counter of window and returns the new count.
func (b *batcher) count(ctx context.Context, d *db.DB, bucket string, window int64) (int, error) {
	h := hit{bucket: bucket, window: window, done: make(chan result, 1)}
	b.mu.Lock()
	b.queue = append(b.queue, h)
	if b.writing {
		b.mu.Unlock()
		select {
		case r := <-h.done:
			return r.hits, r.err
		case <-ctx.Done():
			// The hit may still be counted by the leader; counting a
			// request that gave up errs on the safe side.
			return 0, ctx.Err()
		}
	}
	b.writing = true
	b.mu.Unlock()
	// Leader: write batches until the queue is empty, then step down. Our
	// own hit is in the first batch.
	for {
		b.mu.Lock()
		n := min(len(b.queue), maxBatch)
		batch := b.queue[:n:n]
		b.queue = b.queue[n:]
		if n == 0 {
			b.writing = false
			b.mu.Unlock()
			break
		}
		b.mu.Unlock()
		// The batch runs under a context of its own: one caller's
		// cancellation must not fail the hits of the others.
		write(context.WithoutCancel(ctx), d, batch)
	}
	r := <-h.done
	return r.hits, r.err
}

// write counts a batch in one transaction and tells each hit its count.
func write(ctx context.Context, d *db.DB, batch []hit) {
	// One order for every batch, so that two replicas' batches on
	// PostgreSQL lock the same rows in the same order and cannot deadlock.
	slices.SortFunc(batch, func(a, b hit) int {
		return cmp.Or(strings.Compare(a.bucket, b.bucket), cmp.Compare(a.window, b.window))
	})
	counts := make([]int, len(batch))
	err := d.InTx(ctx, func(tx *db.Tx) error {
		for i, h := range batch {
			if err := tx.QueryRow(ctx, `INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1)
				ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
				RETURNING hits`, h.bucket, h.window).Scan(&counts[i]); err != nil {
				return fmt.Errorf("count %d of %d: %w", i+1, len(batch), err)
			}
		}
		return nil
	})
	for i, h := range batch {
		h.done <- result{hits: counts[i], err: err}
	}
}
