package ratelimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
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

// storedHits returns the count stored for key under rule in the current
// window of l.
func storedHits(t *testing.T, d *db.DB, l *Limiter, rule Rule, key string) int {
	t.Helper()
	sum := sha256.Sum256([]byte(l.salt + "\x00" + rule.Name + "\x00" + key))
	bucket := rule.Name + ":" + hex.EncodeToString(sum[:12])
	var hits int
	err := d.QueryRow(context.Background(), "SELECT hits FROM rate_limits WHERE bucket = ? AND window_start = ?",
		bucket, l.now().Unix()/int64(rule.Window.Seconds())).Scan(&hits)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func TestAllowFullBucketSkipsTheWrite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
		a, b := New(d, "salt"), New(d, "salt") // two replicas
		a.now = func() time.Time { return now }
		b.now = a.now
		rule := Rule{Name: "test", Max: 4, Window: time.Minute}
		// Replica b takes two of the four hits, then a takes the rest.
		for i := 0; i < 2; i++ {
			if ok, err := b.Allow(ctx, rule, "1.2.3.4"); err != nil || !ok {
				t.Fatalf("b hit %d: %v %v", i+1, ok, err)
			}
		}
		for i := 3; i <= 8; i++ {
			ok, err := a.Allow(ctx, rule, "1.2.3.4")
			if err != nil {
				t.Fatal(err)
			}
			if want := i <= 4; ok != want {
				t.Fatalf("a hit %d: allowed=%v, want %v", i, ok, want)
			}
		}
		// a saw the bucket full at the fourth hit: what it refused after
		// was not written, and b still refuses from the stored count.
		if got := storedHits(t, d, a, rule, "1.2.3.4"); got != 4 {
			t.Errorf("stored hits = %d, want 4 (the refused ones unwritten)", got)
		}
		if ok, _ := b.Allow(ctx, rule, "1.2.3.4"); ok {
			t.Error("replica b allowed a hit over the limit")
		}
		// A new window starts afresh on both.
		now = now.Add(time.Minute)
		if ok, _ := a.Allow(ctx, rule, "1.2.3.4"); !ok {
			t.Error("a new window must reset the count")
		}
	})
}

func TestScale(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := New(d, "salt")
		if err := l.SetScale(2); err != nil {
			t.Fatal(err)
		}
		rule := Rule{Name: "test", Max: 2, Window: time.Hour}
		for i := 1; i <= 5; i++ {
			ok, err := l.Allow(ctx, rule, "k")
			if err != nil {
				t.Fatal(err)
			}
			if want := i <= 4; ok != want {
				t.Fatalf("scale 2, hit %d: allowed=%v, want %v", i, ok, want)
			}
		}
		off := New(d, "salt")
		if err := off.SetScale(math.Inf(1)); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 10; i++ {
			if ok, err := off.Allow(ctx, rule, "other"); err != nil || !ok {
				t.Fatalf("off: hit %d refused (%v)", i+1, err)
			}
		}
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM rate_limits WHERE hits > 4").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("off wrote counters: %d rows above 4 hits", n)
		}
		for _, bad := range []float64{0, -1, math.NaN()} {
			if err := l.SetScale(bad); err == nil {
				t.Errorf("SetScale(%v) accepted", bad)
			}
		}
	})
}

func TestParseScale(t *testing.T) {
	for in, want := range map[string]float64{"": 1, "off": math.Inf(1), "10": 10, "0.5": 0.5} {
		if got, err := ParseScale(in); err != nil || got != want {
			t.Errorf("ParseScale(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"0", "-3", "many", "NaN", "1e", "10abc"} {
		if _, err := ParseScale(bad); err == nil {
			t.Errorf("ParseScale(%q) accepted", bad)
		}
	}
}
