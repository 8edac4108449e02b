package vn

import "testing"

func TestNear(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"chiu", "chieu", true},   // insertion
		{"chieu", "chiu", true},   // deletion
		{"sinh", "sinh", false},   // equal
		{"sihn", "sinh", true},    // transposition
		{"khai", "khao", true},    // substitution
		{"dang", "dnag", true},    // transposition
		{"khai", "khi", true},     // deletion down to 3 letters
		{"ky", "ki", false},       // too short for typo tolerance
		{"thu", "thi", false},     // too short
		{"khai", "kho", false},    // two edits
		{"chieu", "chuie", false}, // two edits
		{"thuong", "thuongg", true},
		{"abcd", "dcba", false},
		{"đăng", "đang", true}, // runes, not bytes
		{"", "abcd", false},
	}
	for _, tt := range tests {
		if got := Near(tt.a, tt.b); got != tt.want {
			t.Errorf("Near(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestIYVariant(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"ky", "ki", true},
		{"ki", "ky", true},
		{"ly", "li", true},
		{"quy", "qui", true},
		{"my", "mi", true},
		{"thy", "thi", true},
		{"khi", "", false}, // khi ≠ khy
		{"gi", "", false},
		{"y", "", false},
		{"kyy", "", false},
		{"tai", "", false},
	}
	for _, tt := range tests {
		got, ok := IYVariant(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("IYVariant(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"tem", "ten", true},   // substitution at three letters, which Near refuses
		{"ten", "tne", true},   // transposition
		{"ten", "tien", true},  // insertion
		{"ten", "ten", false},  // equal
		{"ky", "ki", false},    // two letters: never
		{"tem", "tim", true},   // the caller needs other evidence to choose
		{"tem", "tom", true},   //
		{"tem", "hen", false},  // two edits
		{"khai", "khao", true}, // as Near above three letters
	}
	for _, tt := range tests {
		if got := OneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("OneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if Near("tem", "ten") {
		t.Error("Near accepts three letters")
	}
}
