package assistant

import (
	"strings"
	"testing"
)

// TestCaseSpans: a place with its cue and the status before it is the
// citizen's case; a procedure's verb before the status keeps it a topic,
// and a two-syllable name without a cue is not taken for a place.
func TestCaseSpans(t *testing.T) {
	tests := []struct{ q, want string }{
		{"nó đang ở Bắc Ninh còn hộ khẩu ở Nghệ An thì nộp ở đâu", "ở bắc ninh | hộ khẩu ở nghệ an"},
		{"tôi sinh ở Nghệ An giờ sống ở Hà Nội", "sinh ở nghệ an | sống ở hà nội"},
		{"chau dang ky khai sinh o que noi Thai Binh", "que noi thai binh"},
		{"đăng ký thường trú ở Hà Nội", "ở hà nội"},
		{"xin o tphcm dc ko", "o tphcm"},
		{"mảnh đất đỏ này", ""},
		{"làm sổ đỏ ở đâu", ""},
	}
	for _, tt := range tests {
		tx := analyze(tt.q)
		var got []string
		for _, s := range placeSet().caseSpans(tx) {
			got = append(got, strings.Join(tx.phrases[s.p][s.start:s.end], " "))
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("%q: %q, want %q", tt.q, g, tt.want)
		}
	}
}
