package ratelimit

import "sync"

// maxFull bounds the buckets remembered as full. A flood from many
// addresses could otherwise grow the map without end; forgetting them
// only costs a write per refused hit, as before the map existed.
const maxFull = 1 << 16

// fullBuckets remembers, per bucket, the last window in which this
// process saw the stored count reach the limit. A count in the database
// only grows within a window, so a hit in a remembered window would be
// refused there: refusing it here gives the same answer without a write.
// A client that keeps hammering after its limit, the case limits exist
// for, then costs no database write at all.
type fullBuckets struct {
	mu sync.Mutex
	m  map[string]int64
}

// has reports whether bucket was seen full in window.
func (f *fullBuckets) has(bucket string, window int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	w, ok := f.m[bucket]
	return ok && w == window
}

// add remembers bucket as full in window.
func (f *fullBuckets) add(bucket string, window int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil || len(f.m) >= maxFull {
		f.m = make(map[string]int64)
	}
	f.m[bucket] = window
}
