// Package ratelimit limits public writes (feedback, reports, questions to
// the assistant) with fixed-window counters kept in the database, so that
// every replica sharing one PostgreSQL enforces the same limit.
package ratelimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Limiter counts hits per bucket per window.
type Limiter struct {
	db   *db.DB
	salt string
	now  func() time.Time
}

// New returns a limiter. The salt is mixed into bucket keys so that stored
// keys do not reveal the client addresses they were made from.
func New(d *db.DB, salt string) *Limiter {
	return &Limiter{db: d, salt: salt, now: time.Now}
}

// Rule is a limit: at most Max hits per Window.
type Rule struct {
	Name   string
	Max    int
	Window time.Duration
}

// Allow records a hit for key under rule and reports whether it is within the
// limit. The counter and the check are one statement, so concurrent replicas
// cannot both slip under the limit.
func (l *Limiter) Allow(ctx context.Context, rule Rule, key string) (bool, error) {
	now := l.now()
	window := now.Unix() / int64(rule.Window.Seconds())
	sum := sha256.Sum256([]byte(l.salt + "\x00" + rule.Name + "\x00" + key))
	bucket := rule.Name + ":" + hex.EncodeToString(sum[:12])
	var hits int
	err := l.db.InTx(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1)
			ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
			RETURNING hits`, bucket, window).Scan(&hits)
	})
	if err != nil {
		return false, fmt.Errorf("ratelimit: %s: %w", rule.Name, err)
	}
	return hits <= rule.Max, nil
}

// Prune deletes windows older than keep; run it from time to time.
func (l *Limiter) Prune(ctx context.Context, rule Rule, keep time.Duration) error {
	oldest := l.now().Add(-keep).Unix() / int64(rule.Window.Seconds())
	if _, err := l.db.Exec(ctx, "DELETE FROM rate_limits WHERE bucket LIKE ? AND window_start < ?", rule.Name+":%", oldest); err != nil {
		return fmt.Errorf("ratelimit: prune %s: %w", rule.Name, err)
	}
	return nil
}
