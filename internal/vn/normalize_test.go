package vn

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalizeNFCAndSpace(t *testing.T) {
	decomposed := norm.NFD.String("Đăng ký thường trú")
	tests := []struct{ in, want string }{
		{decomposed, "Đăng ký thường trú"},
		{"  đăng \t ký\n\nkhai   sinh  ", "đăng ký khai sinh"},
		{"a\u00a0b", "a b"},
		{"khai\u200bsinh", "khaisinh"},
		{"\ufeffhộ chiếu", "hộ chiếu"},
		{"", ""},
		{"   ", ""},
		{"plain ascii", "plain ascii"},
		{"bad \xff utf8", "bad \ufffd utf8"},
		// Decomposed with the tone on the wrong vowel: both fixed.
		{norm.NFD.String("hoà"), "hòa"},
		// Combining tone mark typed separately (U+0341 is a legacy acute).
		{"tho\u0341y", "thóy"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeIdempotent(t *testing.T) {
	for _, s := range []string{"hoà", " Thuý  khoẻ ", norm.NFD.String("Khánh Hoà"), "a\u0301\u0301", "\u0301a", "qúy"} {
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize(Normalize(%q)) = %q, want %q", s, twice, once)
		}
	}
}
