package vn

import "testing"

func TestFromTelex(t *testing.T) {
	for tok, want := range map[string]string{
		"lamf":     "làm",
		"lafm":     "làm",
		"hooj":     "hộ",
		"khaaur":   "khẩu",
		"nhwngx":   "những",
		"caaps":    "cấp",
		"tienf":    "tien",
		"vayj":     "vạy",
		"cos":      "có",
		"huw":      "hư",
		"cươcs":    "cước",
		"nguowif":  "người",
		"dduwowcj": "được",
		"ddi":      "đi",
		"luwowngj": "lượng",
		"quys":     "quý",
		"giaays":   "giấy",
		"hoaf":     "hòa",
		"ddawng":   "đăng",
	} {
		if got, ok := FromTelex(tok); !ok || got != want {
			t.Errorf("FromTelex(%q) = %q, %v; want %q", tok, got, ok, want)
		}
	}
	// Syllables as they stand, tokens with marks typed, and what Telex
	// would not make a syllable stay as they are.
	for _, tok := range []string{"sao", "vat", "làm", "khẩu", "thanks", "usd", "online", "vneid", "zalo",
		"cccd", "gplx", "messi", "visa", "dak", "krong", "ubnd", "saoo", "wifi", "facebook", "x", "", "a1", "new", "ok", "Lamf"} {
		if got, ok := FromTelex(tok); ok || got != tok {
			t.Errorf("FromTelex(%q) = %q, %v; want it unchanged", tok, got, ok)
		}
	}
}

func FuzzFromTelex(f *testing.F) {
	for _, s := range []string{"lamf", "hooj", "nguowif", "cươcs", "\xff", "ddddd", "wwww"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := FromTelex(s)
		if !ok && got != s {
			t.Fatalf("FromTelex(%q) = %q without ok", s, got)
		}
		if ok && Fold(got) == "" {
			t.Fatalf("FromTelex(%q) = %q", s, got)
		}
	})
}

// TelexFold reads a token only into a syllable the vocabulary has.
func TestTelexFold(t *testing.T) {
	known := func(f string) bool { return f == "ho" || f == "khau" }
	for tok, want := range map[string]string{"hooj": "ho", "khaaur": "khau", "lamf": "lamf", "test": "test"} {
		got, ok := TelexFold(tok, known)
		if got != want || ok != (got != tok) {
			t.Errorf("TelexFold(%q) = %q, %v; want %q", tok, got, ok, want)
		}
	}
}
