package assistant

import (
	"strings"
	"testing"
)

// TestPlaceSpans: a place with its cue and the status before it is the
// citizen's case; a procedure's verb before the status keeps it a topic,
// and a two-syllable name without a cue is not taken for a place.
func TestPlaceSpans(t *testing.T) {
	tests := []struct{ q, want string }{
		{"nó đang ở Bắc Ninh còn hộ khẩu ở Nghệ An thì nộp ở đâu", "ở bắc ninh | hộ khẩu ở nghệ an"},
		{"tôi sinh ở Nghệ An giờ sống ở Hà Nội", "sinh ở nghệ an | sống ở hà nội"},
		{"chau dang ky khai sinh o que noi Thai Binh", "que noi thai binh"},
		{"đăng ký thường trú ở Hà Nội", "ở hà nội"},
		{"xin o tphcm dc ko", "o tphcm"},
		{"em ở trọ HN", "trọ hn"},
		{"mảnh đất đỏ này", ""},
		{"làm sổ đỏ ở đâu", ""},
	}
	for _, tt := range tests {
		checkSpans(t, placeSet().placeSpans, tt.q, tt.want)
	}
}

// TestCaseSpans: who the citizen is, their age and who acts for whom are
// the case with the places; a bare syllable that folds like other words
// ("ba" of học bạ, "gia" of gia hạn), a bound a guide sets ("dưới 14
// tuổi") and "hộ" of hộ chiếu are not.
func TestCaseSpans(t *testing.T) {
	tests := []struct{ q, want string }{
		{"mẹ tôi 77 tuổi rồi có phải tự đi không", "mẹ | 77 tuổi | tự đi"},
		{"tôi là ông nội đi xin hộ được không", "ông nội | hộ"},
		{"me toi 77 tuoi roi", "77 tuoi"},
		{"xet hoc ba vao cao dang", ""},
		{"gia han the bhyt", ""},
		{"con duoi 14 tuoi co tk rieng ko", ""},
		{"làm hộ chiếu cho bà", "bà"},
		// Those a benefit is for are no case.
		{"bà mẹ chồng 78 tuổi, có được trợ cấp người già ko", "bà | mẹ | chồng | 78 tuổi"},
		{"nó đang ở Bắc Ninh còn hộ khẩu ở Nghệ An", "ở bắc ninh | hộ khẩu ở nghệ an"},
	}
	for _, tt := range tests {
		checkSpans(t, func(tx text) []span { return caseSpans(placeSet(), tx) }, tt.q, tt.want)
	}
}

// checkSpans reports an error when the spans find returns for question
// q do not say want (spanTexts).
func checkSpans(t *testing.T, find func(text) []span, q, want string) {
	t.Helper()
	tx := analyze(q)
	if g := spanTexts(tx, find(tx)); g != want {
		t.Errorf("%q: %q, want %q", q, g, want)
	}
}

// spanTexts writes the words of the spans of tx as typed, " | " between.
func spanTexts(tx text, spans []span) string {
	var out []string
	for _, s := range spans {
		out = append(out, strings.Join(tx.phrases[s.p][s.start:s.end], " "))
	}
	return strings.Join(out, " | ")
}
