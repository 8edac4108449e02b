package measure

import (
	"math"
	"testing"
)

func TestModifiedZ(t *testing.T) {
	window := []float64{100, 104, 98, 101, 97, 103, 99, 102}
	// median 100.5, deviations 0.5 3.5 2.5 0.5 3.5 2.5 1.5 1.5 → MAD 2.
	score, med, mad := ModifiedZ(130, window)
	if med != 100.5 || mad != 2 {
		t.Fatalf("median %v MAD %v, want 100.5 and 2", med, mad)
	}
	if want := 0.6745 * (130 - 100.5) / 2; math.Abs(score-want) > 1e-9 || !IsOutlier(score) {
		t.Errorf("score %v, want %v and an outlier", score, want)
	}
	if s, _, _ := ModifiedZ(105, window); IsOutlier(s) {
		t.Errorf("105 flagged with score %v", s)
	}
	if s, _, _ := ModifiedZ(60, window); !IsOutlier(s) || s > 0 {
		t.Errorf("a low day: score %v, want a negative outlier", s)
	}
	// More than half the window the same: MAD 0, the mean absolute
	// deviation stands in.
	flat := []float64{10, 10, 10, 10, 10, 12, 30}
	s, _, mad := ModifiedZ(40, flat)
	if mad != 0 {
		t.Fatalf("MAD %v, want 0", mad)
	}
	if want := 30 / (1.253314 * 22.0 / 7); math.Abs(s-want) > 1e-9 {
		t.Errorf("mean-AD score %v, want %v", s, want)
	}
	// No spread at all.
	if s, _, _ := ModifiedZ(11, []float64{10, 10, 10}); s != 999 {
		t.Errorf("no spread: %v, want 999", s)
	}
	if s, _, _ := ModifiedZ(10, []float64{10, 10, 10}); s != 0 {
		t.Errorf("no spread, same value: %v", s)
	}
	if s, _, _ := ModifiedZ(10, nil); s != 0 {
		t.Errorf("empty window: %v", s)
	}
}
