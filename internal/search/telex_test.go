package search

import "testing"

// A query typed with Telex keys left unconverted finds what the syllables
// meant say; an English word that Telex would read as a syllable no
// document has stays as typed.
func TestUntelex(t *testing.T) {
	b := build([]Doc{{ID: "thuong-tru", Title: "Đăng ký thường trú", Keywords: "nhập hộ khẩu"},
		{ID: "khai-sinh", Title: "Đăng ký khai sinh"}})
	phrases := [][]string{{"hooj", "khaaur", "lamf", "test", "sao"}}
	b.untelex(phrases)
	if got := phrases[0]; got[0] != "ho" || got[1] != "khau" || got[2] != "lamf" || got[3] != "test" {
		t.Errorf("untelex: %q", got)
	}
	ix := New(nil)
	ix.Replace([]Doc{{ID: "thuong-tru", Title: "Đăng ký thường trú", Keywords: "nhập hộ khẩu"},
		{ID: "khai-sinh", Title: "Đăng ký khai sinh"}})
	if hits := ix.Search("nhaapj hooj khaaur", 2); len(hits) == 0 || hits[0].ID != "thuong-tru" {
		t.Errorf("search: %v", hits)
	}
}
