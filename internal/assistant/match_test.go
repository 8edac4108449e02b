package assistant

import (
	"slices"
	"strings"
	"testing"
)

// bestPhrasing returns the similarity of q with the best phrasing of slug.
func bestPhrasing(t *testing.T, q, slug string) similarity {
	t.Helper()
	m, _ := demo()
	id, ok := m.bySlug[slug]
	if !ok {
		t.Fatalf("no service %s", slug)
	}
	txt := analyze(q)
	_, spans := intentsOf(txt, nil)
	b := m.bagOf(txt.without(spans), demoSyn)
	var best similarity
	for _, pi := range m.bySvc[id] {
		if s := b.compare(&m.phrasings[pi]); s.score > best.score {
			best = s
		}
	}
	return best
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		q, slug  string
		min, max float32
	}{
		{"Đăng ký kết hôn", "dang-ky-ket-hon", 0.99, 1},
		{"dang ky ket hon", "dang-ky-ket-hon", 0.99, 1},       // without diacritics
		{"gplx", "cap-doi-giay-phep-lai-xe", 0.8, 1},          // abbreviation
		{"lam ho chiu", "cap-ho-chieu-pho-thong", 0.8, 1},     // a typo that is a word: the pair fixes it
		{"dang ki tam tru", "dang-ky-tam-tru", 0.9, 1},        // i for y
		{"dang ky khai sinhh", "dang-ky-khai-sinh", 0.9, 1},   // a letter too many
		{"giá vàng hôm nay", "dang-ky-ket-hon", 0, 0.05},      // nothing in common
		{"đăng ký kết hôn", "cap-ho-chieu-pho-thong", 0, 0.3}, // another service
	}
	for _, tt := range tests {
		s := bestPhrasing(t, tt.q, tt.slug)
		if s.score < tt.min || s.score > tt.max {
			t.Errorf("%q vs %s: %.2f (of phrasing %.2f, of question %.2f), want %.2f–%.2f",
				tt.q, tt.slug, s.score, s.ofPhrasing, s.ofQuestion, tt.min, tt.max)
		}
	}
}

func TestFixTypos(t *testing.T) {
	m, _ := demo()
	tests := []struct{ in, want string }{
		{"lam ho chiu", "lam ho chieu"},        // a word, but not with its neighbour
		{"dang ki tam tru", "dang ky tam tru"}, // i for y
		{"dang ky khai sinhh", "dang ky khai sinh"},
		{"gia vang hom nay", "gia vang hom nay"}, // "bằng" is not a typo of "vàng"
		{"ke chuyen cuoi", "ke chuyen cuoi"},     // nor "tuổi" of "cười"
		{"khai tam chu", "khai tam tru"},         // ch for tr, as said in the south
		{"so xo so", "so xo so"},                 // the lottery is not "sổ sổ"
		{"sang tem so do", "sang ten so do"},     // a short word no text has, mended by its pair
		{"cai the bi rach", "cai the bi rach"},   // a short word that is known stays
		// "còn độc" is no pair, but "độc thân" is: "độc" is meant, not "được".
		{"giay chung minh con doc than", "giay chung minh con doc than"},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range analyze(tt.in).folded {
			got = append(got, m.fixTypos(p)...)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: %q, want %q", tt.in, g, tt.want)
		}
	}
	if onset("nghiep") != "ngh" || onset("an") != "" || onset("chieu") != "ch" {
		t.Error("onset")
	}
}

func TestOnsetVariants(t *testing.T) {
	tests := map[string][]string{
		"chu":  {"tru"},
		"xo":   {"so"},
		"dao":  {"giao", "rao", "vao"},
		"gia":  nil, // onset "g": see confusedOnsets
		"nam":  {"lam"},
		"khai": nil,
		"an":   nil,
	}
	for in, want := range tests {
		got := onsetVariants(in)
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: %v, want %q among them", in, got, w)
			}
		}
		if want == nil && got != nil {
			t.Errorf("%q: %v, want none", in, got)
		}
	}
}

func TestForeignPairs(t *testing.T) {
	m, _ := demo()
	b := m.bagOf(analyze("hôm qua má tui mới đẻ"), demoSyn)
	if b.foreign <= 0 {
		t.Fatalf("no foreign pair in a story: %+v", b)
	}
	// A phrasing fully said is fully matched however long the story;
	// strict counts the story against it.
	p := phrasingOf(t, m, "làm hộ chiếu")
	q := m.bagOf(analyze("tôi muốn qua hàn quốc thăm con gái, làm hộ chiếu mất bao lâu"), demoSyn)
	s := q.compare(p)
	if s.ofPhrasing < 0.99 || s.strict >= s.score {
		t.Errorf("similarity %+v: want the phrasing said in full and strict below score", s)
	}
}

// phrasingOf returns the model's phrasing with text, or fails.
func phrasingOf(t *testing.T, m *model, text string) *phrasing {
	t.Helper()
	for i := range m.phrasings {
		if strings.EqualFold(m.phrasings[i].text, text) {
			return &m.phrasings[i]
		}
	}
	t.Fatalf("no phrasing %q", text)
	return nil
}
