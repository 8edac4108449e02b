package vn

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalizeTonePlacement(t *testing.T) {
	tests := []struct{ in, want string }{
		// The pairs the two conventions write differently.
		{"hoà", "hòa"},
		{"hòa", "hòa"},
		{"thuý", "thúy"},
		{"khoẻ", "khỏe"},
		{"Hoá", "Hóa"},
		{"HOÀ", "HÒA"},
		{"THUÝ", "THÚY"},
		{"uỷ ban", "ủy ban"},
		{"Uỷ ban", "Ủy ban"},
		{"tuỳ", "tùy"},
		{"loè", "lòe"},
		{"Khánh Hoà", "Khánh Hòa"},
		// Three-vowel open syllables take the middle vowel.
		{"ngòai", "ngoài"},
		{"khủyu", "khuỷu"},
		{"xóay", "xoáy"},
		// With a final consonant the last vowel takes it.
		{"hòang", "hoàng"},
		{"tóan", "toán"},
		{"hùynh", "huỳnh"},
		{"hoạch", "hoạch"},
		// A modified vowel takes it; ươ takes it on ơ.
		{"ngừơi", "người"},
		{"trừơng", "trường"},
		{"đựơc", "được"},
		{"nguỹên", "nguyễn"},
		{"nguời", "nguời"}, // u without its horn is another cluster (uơ): kept
		{"Nguyễn", "Nguyễn"},
		{"thuở", "thuở"},
		{"rựơu", "rượu"},
		{"tíêng", "tiếng"}, // two marks on one syllable: not touched
		// qu and gi are initials.
		{"qúa", "quá"},
		{"quá", "quá"},
		{"qùy", "quỳ"},
		{"quý", "quý"},
		{"quốc", "quốc"},
		{"gìa", "già"},
		{"già", "già"},
		{"gì", "gì"},
		{"giúp", "giúp"},
		{"gíup", "giúp"},
		{"giường", "giường"},
		// Ordinary words stay as they are.
		{"Đăng ký khai sinh", "Đăng ký khai sinh"},
		{"mùa", "mùa"},
		{"mía", "mía"},
		{"cửa", "cửa"},
		{"tài", "tài"},
		// Not Vietnamese: left alone.
		{"café", "café"},
		{"naïve", "naïve"},
		{"Zoë", "Zoë"},
		{"façade", "façade"},
		{"xyzá", "xyzá"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeOldAndNewCompareEqual(t *testing.T) {
	pairs := [][2]string{
		{"hoà", "hòa"}, {"thuý", "thúy"}, {"khoẻ", "khỏe"}, {"Hoá", "Hóa"},
		{"Thừa Thiên Huế, Khánh Hoà", "Thừa Thiên Huế, Khánh Hòa"},
	}
	for _, p := range pairs {
		if Normalize(p[0]) != Normalize(p[1]) {
			t.Errorf("Normalize(%q) = %q, Normalize(%q) = %q; want equal", p[0], Normalize(p[0]), p[1], Normalize(p[1]))
		}
	}
}

func TestNormalizeLeavesOddMarksAlone(t *testing.T) {
	for _, s := range []string{
		"ać",        // acute on a consonant
		"ńhoa",      // likewise
		"ho\u0301à", // two tone marks
	} {
		want := norm.NFC.String(s)
		if got := Normalize(s); got != want {
			t.Errorf("Normalize(%q) = %q, want it unchanged", s, got)
		}
	}
	// A stray mark before a syllable does not stop it being normalised.
	if got := Normalize("\u0301hoà"); got != "\u0301hòa" {
		t.Errorf("Normalize(mark + hoà) = %q, want %q", got, "\u0301hòa")
	}
}
