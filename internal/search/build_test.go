package search

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

// score returns the indexed score of a folded term in document id.
func score(b *built, term, id string) float32 {
	d := int32(slices.Index(b.ids, id))
	for _, p := range b.fold[term].list {
		if p.doc == d {
			return p.score
		}
	}
	return 0
}

func TestBuildFieldWeights(t *testing.T) {
	b := build([]Doc{
		{ID: "title", Title: "khai sinh"},
		{ID: "keywords", Keywords: "khai sinh"},
		{ID: "faq", FAQ: "khai sinh"},
		{ID: "summary", Summary: "khai sinh"},
		{ID: "body", Title: "hộ tịch", Body: "khai sinh"},
	})
	// Same text, same length relative to the field: the field decides.
	// (The body's page has a name, so its body has no lead.)
	order := []string{"title", "keywords", "faq", "summary", "body"}
	for i := 1; i < len(order); i++ {
		hi, lo := score(b, "khai_sinh", order[i-1]), score(b, "khai_sinh", order[i])
		if !(hi > lo && lo > 0) {
			t.Errorf("khai_sinh in %s scores %v, in %s %v: want the first higher, both > 0", order[i-1], hi, order[i], lo)
		}
	}
}

func TestBuildLead(t *testing.T) {
	opening := "khai sinh cho con"
	filler := strings.Repeat("giấy tờ cần mang theo ", 10)
	b := build([]Doc{
		// Pages with neither name nor summary: the opening counts twice.
		{ID: "first", Body: opening + " " + filler},
		{ID: "last", Body: filler + " " + opening},
		// A page with a name or a summary says what it is about already.
		{ID: "titled", Title: "hộ tịch", Body: opening + " " + filler},
		{ID: "summed", Summary: "hộ tịch", Body: opening + " " + filler},
		{ID: "titled-last", Title: "hộ tịch", Body: filler + " " + opening},
		{ID: "summed-last", Summary: "hộ tịch", Body: filler + " " + opening},
	})
	for _, term := range []string{"khai", "khai_sinh", "sinh_cho"} {
		first, last := score(b, term, "first"), score(b, term, "last")
		if !(first > last && last > 0) {
			t.Errorf("%s at the opening scores %v, at the end %v: want the opening higher", term, first, last)
		}
		for _, page := range []string{"titled", "summed"} {
			if a, z := score(b, term, page), score(b, term, page+"-last"); a != z || a == 0 {
				t.Errorf("%s in page %s: %v at the opening, %v at the end: want equal", term, page, a, z)
			}
		}
	}
}

func TestBuildLengthNormalisationAndIDF(t *testing.T) {
	b := build([]Doc{
		{ID: "short", Title: "Đăng ký khai sinh"},
		{ID: "long", Title: "Liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế"},
		{ID: "other", Title: "Đăng ký kết hôn"},
	})
	if s, l := score(b, "khai", "short"), score(b, "khai", "long"); !(s > l) {
		t.Errorf("khai in the short title %v, in the long one %v: want the short higher", s, l)
	}
	// "dang" is in every title, "khai" in two of three: rarer scores more.
	if dang, khai := score(b, "dang", "short"), score(b, "khai", "short"); !(khai > dang) {
		t.Errorf("in the same title dang scores %v, khai %v: want khai higher", dang, khai)
	}
	// Pairs do not span punctuation.
	if len(b.fold["sinh_dang"].list) != 0 {
		t.Errorf("pair sinh_dang indexed across a comma")
	}
	// Accented and folded forms are both indexed.
	if len(b.acc["đăng_ký"].list) != 3 || len(b.fold["dang_ky"].list) != 3 || len(b.acc["dang_ky"].list) != 0 {
		t.Errorf("đăng_ký: %d accented postings, dang_ky: %d folded and %d accented; want 3, 3, 0",
			len(b.acc["đăng_ký"].list), len(b.fold["dang_ky"].list), len(b.acc["dang_ky"].list))
	}
}

func TestBuildTieOrder(t *testing.T) {
	b := build([]Doc{{ID: "c"}, {ID: "a"}, {ID: "b"}})
	for d, id := range b.ids {
		if b.ids[b.byRank[b.rank[d]]] != id {
			t.Fatalf("rank and byRank disagree at %s", id)
		}
	}
	if got := []string{b.ids[b.byRank[0]], b.ids[b.byRank[1]], b.ids[b.byRank[2]]}; !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("ID order = %v, want a b c", got)
	}
}

// A word every document says in passing but one names weighs, in the one
// that names it, by how few name it (NamingShare).
func TestBuildNamingWordWeighsByTheDocumentsThatNameIt(t *testing.T) {
	docs := []Doc{
		{ID: "can-cuoc", Title: "Cấp thẻ căn cước", Keywords: "căn cước hết hạn", Body: "Mang thẻ căn cước cũ."},
		{ID: "bang-lai", Title: "Đổi giấy phép lái xe", Keywords: "bằng lái sắp hết hạn", Body: "Mang thẻ căn cước."},
	}
	for i := range 10 {
		docs = append(docs, Doc{ID: fmt.Sprintf("other-%d", i), Title: fmt.Sprintf("Thủ tục %d", i), Body: "Mang thẻ căn cước còn hạn khi nộp hồ sơ; giấy hết hạn phải làm lại."})
	}
	b := build(docs)
	if named, passing := score(b, "can_cuoc", "can-cuoc"), score(b, "can_cuoc", "bang-lai"); !(named > 3*passing) {
		t.Errorf("căn cước scores %v where it is the name and %v where it is a paper to bring: want the name more than 3 times as much", named, passing)
	}
	ix := New(vn.DefaultSynonyms())
	ix.Replace(docs)
	if hits := ix.Search("căn cước sắp hết hạn", 3); len(hits) == 0 || hits[0].ID != "can-cuoc" {
		t.Errorf("căn cước sắp hết hạn: %v, want can-cuoc first", ids(hits))
	}
}

func TestBM25IDFAndNamingIDF(t *testing.T) {
	if a, b := BM25IDF(45, 1), BM25IDF(45, 38); !(a > b && b > 0) {
		t.Errorf("IDF of 1 in 45 = %v, of 38 in 45 = %v: want rarer higher, both above 0", a, b)
	}
	// A term named by as many documents as say it weighs its plain IDF.
	if got, want := NamingIDF(BM25IDF(45, 3), 45, 3), BM25IDF(45, 3); math.Abs(got-want) > 1e-12 {
		t.Errorf("NamingIDF = %v, want %v", got, want)
	}
	// Said by 38, named by 3: far above its IDF over the text.
	if text, named := BM25IDF(45, 38), NamingIDF(BM25IDF(45, 38), 45, 3); !(named > 5*text) {
		t.Errorf("named weight %v, text IDF %v: want more than 5 times", named, text)
	}
}
