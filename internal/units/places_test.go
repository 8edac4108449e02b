package units

import (
	"slices"
	"testing"
)

func TestPlaceNames(t *testing.T) {
	names, err := PlaceNames()
	if err != nil {
		t.Fatal(err)
	}
	// A current province, a province merged in 2025, an abolished district.
	for _, want := range []string{"Hà Nội", "Bình Dương", "Thủ Đức", "Quảng Ngãi"} {
		if !slices.Contains(names, want) {
			t.Errorf("PlaceNames lacks %q", want)
		}
	}
	for _, n := range names {
		if !hasLetter(n) {
			t.Errorf("PlaceNames has %q, a number", n)
		}
	}
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Error("PlaceNames is not sorted and distinct")
	}
	if len(names) < 63+600 || len(names) > 1000 {
		t.Errorf("PlaceNames has %d names, want the provinces and districts (700 to 1,000)", len(names))
	}
}
