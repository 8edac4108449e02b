package targets

import (
	"math"
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in, label string
		at        float64
	}{
		{"2024", "năm 2024", 2025},
		{"2024-12-31", "31/12/2024", 2025},
		{"2023-12-31", "31/12/2023", 2024},
		{"2024-07-01", "01/07/2024", 2024 + 183.0/366},
		{"2025-01-01", "01/01/2025", 2025 + 1.0/365},
	} {
		p, err := ParsePeriod(tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if p.String() != tc.in || p.Label() != tc.label || math.Abs(p.At()-tc.at) > 1e-12 {
			t.Errorf("%s: %q %q %v, want %q %v", tc.in, p.String(), p.Label(), p.At(), tc.label, tc.at)
		}
	}
	for _, bad := range []string{"", "24", "1999", "2101", "2024-13-01", "2024-02-30", "2024-6-1", "20240", "năm 2024"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestPeriodEnd(t *testing.T) {
	p, _ := ParsePeriod("2024")
	// The year's figure is complete at midnight, 1 Jan 2025, Vietnam time.
	if want := time.Date(2024, 12, 31, 17, 0, 0, 0, time.UTC); !p.End().Equal(want) {
		t.Errorf("end %s, want %s", p.End(), want)
	}
	d, _ := ParsePeriod("2024-06-30")
	if want := time.Date(2024, 6, 30, 17, 0, 0, 0, time.UTC); !d.End().Equal(want) {
		t.Errorf("end %s, want %s", d.End(), want)
	}
}

func TestLatest(t *testing.T) {
	mk := func(id int64, period string, v float64) Observation {
		p, err := ParsePeriod(period)
		if err != nil {
			t.Fatal(err)
		}
		return Observation{ID: id, Period: p, Value: v}
	}
	list := []Observation{mk(1, "2023", 1), mk(2, "2024-06-30", 2), mk(3, "2024", 3), mk(4, "2025", 4), mk(5, "2024-03-01", 5)}
	// In June 2025 the 2025 figure is not complete: 2024's is the latest,
	// and it is later than the mid-2024 value.
	if got := Latest(list, mid2025); got == nil || got.ID != 3 {
		t.Errorf("latest %+v, want id 3", got)
	}
	if got := Latest(list, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)); got == nil || got.ID != 4 {
		t.Errorf("latest %+v, want id 4", got)
	}
	if got := Latest(list, time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)); got == nil || got.ID != 1 {
		t.Errorf("latest %+v, want id 1", got)
	}
	if got := Latest(nil, mid2025); got != nil {
		t.Errorf("latest of nothing: %+v", got)
	}
}
