package web

import (
	"math"
	"testing"

	"github.com/loa-vn/loa/internal/targets"
)

func TestTargetNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{{38.3, "38,3"}, {22.37, "22,37"}, {1234, "1.234"}, {1234567.5, "1.234.567,5"}, {70, "70"}, {0, "0"}, {-0.5, "−0,5"}, {0.004, "0"}, {math.NaN(), "–"}} {
		if got := targetNumber(tc.v); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.v, got, tc.want)
		}
	}
	if got := targetValue(70, targets.UnitRank); got != "hạng 70" {
		t.Errorf("rank: %q", got)
	}
	if got := targetGrowth(ptrF(0.17493)); got != "+17,49%/năm" {
		t.Errorf("growth: %q", got)
	}
	if got := targetGrowth(ptrF(-0.0339)); got != "−3,39%/năm" {
		t.Errorf("negative growth: %q", got)
	}
}

func ptrF(v float64) *float64 { return &v }

func TestTargetParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"38,3": 38.3, "38.3": 38.3, " 70 ": 70, "1.234,5": 1234.5, "−2": -2, "1 200": 1200} {
		v, ok := targetParseNumber(in)
		if !ok || v == nil || *v != want {
			t.Errorf("%q: %v %v, want %v", in, v, ok, want)
		}
	}
	if v, ok := targetParseNumber("  "); !ok || v != nil {
		t.Errorf("empty: %v %v", v, ok)
	}
	for _, bad := range []string{"abc", "3,8,3x", "NaN", "Inf", "1e400"} {
		if _, ok := targetParseNumber(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	// What the form shows reads back as the same value.
	for _, v := range []float64{38.3, 22.37, 70, 100, 0.5} {
		back, ok := targetParseNumber(targetFormNumber(&v))
		if !ok || back == nil || *back != v {
			t.Errorf("%v → %q → %v", v, targetFormNumber(&v), back)
		}
	}
}
