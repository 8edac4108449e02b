package search

import (
	"testing"
)

// FuzzSearch holds Search to its contract on any query: no panic, hits
// best first with ties in ID order, each ID once, the same list twice.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{
		"đăng ký khai sinh", "dang ki khai sinh", "gplx", "so do", "ho chiu", "nhập hộ khẩu",
		"như thế nào", "", "\xff\xfe", "a_b", "khai sinh, thường trú; bhyt", "hoà thuý",
		"0912345678", "chieuu chiey cheiu", "thu tuc thu hoi",
	} {
		f.Add(q)
	}
	ix := testIndex(f)
	f.Fuzz(func(t *testing.T, q string) {
		hits := ix.Search(q, 0)
		seen := map[string]bool{}
		for i, h := range hits {
			if seen[h.ID] {
				t.Fatalf("Search(%q): %s twice", q, h.ID)
			}
			seen[h.ID] = true
			if !(h.Score > 0) {
				t.Fatalf("Search(%q): %v has no positive score", q, h)
			}
			if i > 0 && (h.Score > hits[i-1].Score || h.Score == hits[i-1].Score && h.ID < hits[i-1].ID) {
				t.Fatalf("Search(%q): %v after %v", q, h, hits[i-1])
			}
		}
		again := ix.Search(q, 3)
		for i := range again {
			if again[i] != hits[i] {
				t.Fatalf("Search(%q, 3) = %v, not the start of %v", q, again, hits)
			}
		}
	})
}
