package ratings

import (
	"slices"
	"testing"
)

func TestDriverSet(t *testing.T) {
	s, err := NewDriverSet(DriverCost, DriverEase, DriverCost)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Drivers(); !slices.Equal(got, []Driver{DriverEase, DriverCost}) {
		t.Fatalf("Drivers() = %v, want ease, cost in form order", got)
	}
	if !s.Has(DriverEase) || s.Has(DriverSpeed) || s.Has("nope") {
		t.Fatal("Has is wrong")
	}
	if s.String() != "ease,cost" {
		t.Fatalf("String() = %q", s.String())
	}
	if _, err := NewDriverSet("nope"); err == nil {
		t.Fatal("an unknown driver must fail")
	}
	if !s.valid() || DriverSet(1<<20).valid() {
		t.Fatal("valid is wrong")
	}
}

// The bits are stored: changing a driver's position would silently change
// what every stored rating says.
func TestDriverBitsAreStable(t *testing.T) {
	want := map[Driver]DriverSet{DriverEase: 1, DriverSpeed: 2, DriverClarity: 4, DriverStaff: 8, DriverCost: 16, DriverTechnical: 32}
	for d, b := range want {
		if d.bit() != b {
			t.Errorf("%s: bit %d, want %d", d, d.bit(), b)
		}
	}
	for _, d := range Drivers() {
		if d.Good() == "" || d.Bad() == "" {
			t.Errorf("%s has no wording", d)
		}
	}
}
