// Package ratelimit limits public writes (feedback, reports, questions to
// the assistant) with fixed-window counters kept in the database, so that
// every replica sharing one PostgreSQL enforces the same limit.
package ratelimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Limiter counts hits per bucket per window.
type Limiter struct {
	db    *db.DB
	salt  string
	now   func() time.Time
	scale float64
	// full remembers the buckets this process has seen reach their limit
	// in the current window (full.go): a hit there is refused without a
	// write, with the verdict the database would give.
	full fullBuckets
	// batch counts concurrent hits in one transaction (batch.go).
	batch batcher
}

// New returns a limiter. The salt is mixed into bucket keys so that stored
// keys do not reveal the client addresses they were made from.
func New(d *db.DB, salt string) *Limiter {
	return &Limiter{db: d, salt: salt, now: time.Now, scale: 1}
}

// SetScale multiplies the Max of every rule by f (f > 0), or turns
// limiting off when f is +Inf: Allow then allows every hit and writes
// nothing. It exists for load tests, which send thousands of questions a
// second from one address (scripts/bench-ask.sh), and must never be left
// on in production: the limits are what keeps one client from flooding
// the assistant and its inbox. Call it before the limiter is used.
func (l *Limiter) SetScale(f float64) error {
	if !(f > 0) {
		return fmt.Errorf("ratelimit: scale %v: want a number above 0, or +Inf for no limit", f)
	}
	l.scale = f
	return nil
}

// Scale returns the factor set by SetScale: 1 unless changed.
func (l *Limiter) Scale() float64 { return l.scale }

// ParseScale reads a scale as an operator writes it (LOA_RATE_LIMIT_SCALE):
// "" is 1, "off" is +Inf, else a number above 0.
func ParseScale(s string) (float64, error) {
	switch s {
	case "":
		return 1, nil
	case "off":
		return math.Inf(1), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f > 0) {
		return 0, errors.New(`ratelimit: scale: want "off" or a number above 0`)
	}
	return f, nil
}

// Rule is a limit: at most Max hits per Window.
type Rule struct {
	Name   string
	Max    int
	Window time.Duration
}

// max is the rule's limit under the limiter's scale.
func (l *Limiter) max(rule Rule) int {
	m := float64(rule.Max) * l.scale
	if m >= math.MaxInt32 {
		return math.MaxInt32
	}
	return int(m)
}

// Allow records a hit for key under rule and reports whether it is within the
// limit. The counter and the check are one statement, so concurrent replicas
// cannot both slip under the limit.
func (l *Limiter) Allow(ctx context.Context, rule Rule, key string) (bool, error) {
	if math.IsInf(l.scale, 1) {
		return true, nil
	}
	now := l.now()
	window := now.Unix() / int64(rule.Window.Seconds())
	sum := sha256.Sum256([]byte(l.salt + "\x00" + rule.Name + "\x00" + key))
	bucket := rule.Name + ":" + hex.EncodeToString(sum[:12])
	limit := l.max(rule)
	if l.full.has(bucket, window) {
		// This process saw the stored count reach the limit in this
		// window, and counts never go down within one: the database
		// would refuse this hit too, so it is refused without a write.
		return false, nil
	}
	hits, err := l.batch.count(ctx, l.db, bucket, window)
	if err != nil {
		return false, fmt.Errorf("ratelimit: %s: %w", rule.Name, err)
	}
	if hits >= limit {
		l.full.add(bucket, window)
	}
	return hits <= limit, nil
}

// Prune deletes windows older than keep; run it from time to time.
func (l *Limiter) Prune(ctx context.Context, rule Rule, keep time.Duration) error {
	oldest := l.now().Add(-keep).Unix() / int64(rule.Window.Seconds())
	if _, err := l.db.Exec(ctx, "DELETE FROM rate_limits WHERE bucket LIKE ? AND window_start < ?", rule.Name+":%", oldest); err != nil {
		return fmt.Errorf("ratelimit: prune %s: %w", rule.Name, err)
	}
	return nil
}
