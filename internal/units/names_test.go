package units

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestModernTone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hoà", "Hòa"},
		{"Xã Yên Hoà", "Xã Yên Hòa"},
		{"Thuỷ", "Thủy"},
		{"Thuỵ Hùng", "Thụy Hùng"},
		{"Nguyễn Uý", "Nguyễn Úy"},
		{"Khoẻ", "Khỏe"},
		{"HOÀ", "HÒA"},
		{"Hoà-Bình", "Hòa-Bình"},
		{"Hoàn Kiếm", "Hoàn Kiếm"}, // closed syllable
		{"Quý", "Quý"},             // q-u-ý: u belongs to qu
		{"Quỳnh", "Quỳnh"},
		{"quỹ", "quỹ"},
		{"Hòa", "Hòa"}, // already modern
		{"", ""},
	}
	for _, tt := range tests {
		if got := modernTone(tt.in); got != tt.want {
			t.Errorf("modernTone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Xã Ea H\u2019Leo", "Xã Ea H'Leo"},
		{"  Phường\n Ba   Đình ", "Phường Ba Đình"},
		{"Ha\u0300 No\u0302\u0323i", "Hà Nội"}, // NFD in, NFC out
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := cleanFullName("xã Bắc Sơn"); got != "Xã Bắc Sơn" {
		t.Errorf("cleanFullName = %q", got)
	}
	if got := cleanName("Xã Khánh Hoà"); got != "Xã Khánh Hòa" {
		t.Errorf("cleanName = %q", got)
	}
}

func TestSplitType(t *testing.T) {
	tests := []struct{ in, typ, name string }{
		{"Thành phố Hà Nội", "Thành phố", "Hà Nội"},
		{"Thị trấn Đạ M'ri", "Thị trấn", "Đạ M'ri"},
		{"Thị xã Sơn Tây", "Thị xã", "Sơn Tây"},
		{"Đặc khu Côn Đảo", "Đặc khu", "Côn Đảo"},
		{"Quận 1", "Quận", "1"},
		{"Xã", "", "Xã"}, // a type word alone is no name
		{"Khu vực bãi bồi", "", "Khu vực bãi bồi"},
	}
	for _, tt := range tests {
		typ, name, ok := splitType(tt.in)
		if typ != tt.typ || name != tt.name || ok != (tt.typ != "") {
			t.Errorf("splitType(%q) = %q, %q, %v", tt.in, typ, name, ok)
		}
	}
}

// FuzzCleanName checks the boundary normalisation on any input: the result
// is valid NFC without curly apostrophes or runs of spaces, and cleaning
// twice changes nothing.
func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"Hoà", "Thuỵ", "Quý", "H\u2019Leo", "a\u0300\u0323", " o\u0301a ", "uỳ\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := cleanFullName(s)
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("cleanFullName(%q) = %q, not NFC", s, got)
		}
		if strings.ContainsAny(got, "\u2019\u2018\u02bc") || strings.Contains(got, "  ") || strings.TrimSpace(got) != got {
			t.Fatalf("cleanFullName(%q) = %q, not clean", s, got)
		}
		if again := cleanFullName(got); again != got {
			t.Fatalf("cleanFullName not idempotent: %q → %q → %q", s, got, again)
		}
	})
}
