package search

import "testing"

// A query typed with Telex keys left unconverted finds what the syllables
// meant say; an English word that Telex would read as a syllable no
// document has stays as typed.
func TestUntelex(t *testing.T) {
	b := build([]Doc{{ID: "thuong-tru", Title: "Đăng ký thường trú", Keywords: "nhập hộ khẩu"},
		{ID: "khai-sinh", Title: "Đăng ký khai sinh"}})
	p := []string{"hooj", "khaaur", "lamf", "test", "sao"}
	f := foldAll(p)
	b.untelex(p, f)
	if p[0] != "ho" || p[1] != "khau" || p[2] != "lamf" || p[3] != "test" || f[0] != "ho" || f[1] != "khau" {
		t.Errorf("untelex: %q, folded %q", p, f)
	}
	ix := New(nil)
	ix.Replace([]Doc{{ID: "thuong-tru", Title: "Đăng ký thường trú", Keywords: "nhập hộ khẩu"},
		{ID: "khai-sinh", Title: "Đăng ký khai sinh"}})
	if hits := ix.Search("nhaapj hooj khaaur", 2); len(hits) == 0 || hits[0].ID != "thuong-tru" {
		t.Errorf("search: %v", hits)
	}
}
