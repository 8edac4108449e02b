package assistant

import (
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/catalog"
)

func TestModelWeights(t *testing.T) {
	m, _ := demo()
	w := func(term string) float32 { return m.weight[m.terms[term]] }
	// A word most services say weighs less than one few say, and a
	// function word less than both.
	if !(w("ho_chieu") > w("giay_to") && w("giay_to") > 0) {
		t.Errorf("hộ chiếu %.2f, giấy tờ %.2f", w("ho_chieu"), w("giay_to"))
	}
	if w("toi") >= w("chieu") {
		t.Errorf("tôi %.2f ≥ chiếu %.2f", w("toi"), w("chieu"))
	}
	if !slices.IsSorted(m.svcTerms[0]) || !slices.IsSorted(m.naming[0]) {
		t.Error("term sets are not sorted")
	}
}

func TestModelOfEmptyCatalogue(t *testing.T) {
	m := buildModel(catalog.NewSnapshot(1, nil), nil)
	if len(m.svcs) != 0 {
		t.Fatal(m.svcs)
	}
	r := decide(m, nil, demoSyn, State{}, "đăng ký khai sinh")
	if r.status != StatusOutOfScope {
		t.Errorf("status %s", r.status)
	}
}

// TestModelWeighsNamingWords: a word every guide says weighs more when it
// also names a service than when it names none — "căn cước" is a paper
// to bring in every guide, and the name of one service.
func TestModelWeighsNamingWords(t *testing.T) {
	svcs := []catalog.Service{
		{Slug: "the-can-cuoc", Name: "Cấp thẻ căn cước", Steps: []string{"Mang căn cước, nộp hồ sơ"}},
		{Slug: "ket-hon", Name: "Đăng ký kết hôn", Steps: []string{"Mang căn cước, nộp hồ sơ"}},
		{Slug: "khai-sinh", Name: "Đăng ký khai sinh", Steps: []string{"Mang căn cước, nộp hồ sơ"}},
		{Slug: "khai-tu", Name: "Đăng ký khai tử", Steps: []string{"Mang căn cước, nộp hồ sơ"}},
	}
	m := buildModel(catalog.NewSnapshot(1, svcs), nil)
	w := func(term string) float32 { return m.weight[m.terms[term]] }
	if !(w("can_cuoc") > w("ho_so")) {
		t.Errorf("căn cước %.3f, hồ sơ %.3f: a naming word must weigh more", w("can_cuoc"), w("ho_so"))
	}
	// "đăng ký" names three of the four: less telling than "căn cước".
	if !(w("dang_ky") < w("can_cuoc")) {
		t.Errorf("đăng ký %.3f, căn cước %.3f", w("dang_ky"), w("can_cuoc"))
	}
}

// TestKeywordSaidWithoutOnline: a keyword that says a procedure is done
// online ("đóng thuế qua mạng") is said in full by a question that asks
// it so, whose "qua mạng" is what it asks (where to file).
func TestKeywordSaidWithoutOnline(t *testing.T) {
	m, ix := demo()
	for _, q := range []string{"đóng thuế qua mạng", "dong thue online the nao"} {
		a := analyse(m, ix, demoSyn, q)
		c := a.candidate(m, m.bySlug["nop-thue-dien-tu"])
		if c.saidByName < m.generalWeight {
			t.Errorf("%q: said by name %.1f syllables of general weight, want 1 or more", q, c.saidByName/m.generalWeight)
		}
	}
}

func TestWithoutOnline(t *testing.T) {
	for q, want := range map[string]string{
		"đóng thuế qua mạng":     "đóng thuế",
		"đăng ký kết hôn online": "đăng ký kết hôn",
		"tuyển sinh trực tuyến":  "tuyển sinh",
		"khai sinh online vneid": "khai sinh vneid",
		"thuế online":            "thuế online", // one word would be left
		"nộp hồ sơ lớp 1":        "nộp hồ sơ lớp 1",
	} {
		got := withoutOnline(analyze(q))
		var words []string
		for _, p := range got.phrases {
			words = append(words, p...)
		}
		if s := strings.Join(words, " "); s != want {
			t.Errorf("%q: %q, want %q", q, s, want)
		}
	}
}
