package vn

import (
	"math"
	"testing"
)

func TestGroupThousands(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1.000", 35000: "35.000", 100000: "100.000",
		47624021: "47.624.021", -1234567: "-1.234.567", -12: "-12",
		math.MinInt64: "-9.223.372.036.854.775.808",
	} {
		if got := GroupThousands(n); got != want {
			t.Errorf("GroupThousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestGroupDigits(t *testing.T) {
	for in, want := range map[string]string{"": "", "1": "1", "123": "123", "1234": "1.234", "123456": "123.456"} {
		if got := GroupDigits(in); got != want {
			t.Errorf("GroupDigits(%q) = %q, want %q", in, got, want)
		}
	}
}
