package search

import (
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

func TestSynonymSpansMergeOverlaps(t *testing.T) {
	syn := vn.DefaultSynonyms()
	toks := vn.Tokens("thủ tục nhập hộ khẩu và cccd")
	span := make([]int, len(toks))
	for i := range span {
		span[i] = -1
	}
	spans := synonymSpans(syn.Find(toks), span)
	if len(spans) != 2 {
		t.Fatalf("spans = %+v, want 2 (nhập hộ khẩu with hộ khẩu inside, cccd)", spans)
	}
	if spans[0].start != 2 || spans[0].end != 5 || spans[1].start != 6 || spans[1].end != 7 {
		t.Errorf("spans = %+v, want [2,5) and [6,7)", spans)
	}
	want := []int{-1, -1, 0, 0, 0, -1, 1}
	for i := range want {
		if span[i] != want[i] {
			t.Errorf("span = %v, want %v", span, want)
			break
		}
	}
}

func TestExpansionNeedsMostOfItsWords(t *testing.T) {
	// "gplx" expands to "giấy phép lái xe"; a page with "giấy phép" alone
	// (a building permit) must score far below one with all four words.
	ix := New(vn.DefaultSynonyms())
	ix.Replace([]Doc{
		{ID: "lai-xe", Title: "Cấp đổi giấy phép lái xe"},
		{ID: "xay-dung", Title: "Cấp giấy phép xây dựng"},
		{ID: "khac", Title: "Đăng ký kết hôn"},
	})
	hits := ix.Search("gplx", 0)
	if len(hits) < 2 || hits[0].ID != "lai-xe" || hits[1].ID != "xay-dung" {
		t.Fatalf("Search(gplx) = %v, want lai-xe then xay-dung", hits)
	}
	if hits[1].Score > hits[0].Score/3 {
		t.Errorf("Search(gplx) = %v: half the expansion scores over a third of all of it", hits)
	}
}

func TestLiteralAndExpansionCountOnce(t *testing.T) {
	// "hộ khẩu" typed and its expansion "đăng ký thường trú" are two
	// readings of one thing: a page with both gets the better, not the sum,
	// so the page that is only about đăng ký thường trú is not outranked by
	// one that merely mentions "nhập khẩu" besides.
	ix := New(vn.DefaultSynonyms())
	docs := []Doc{
		{ID: "thuong-tru", Title: "Đăng ký thường trú"},
		{ID: "lien-thong", Title: "Liên thông đăng ký khai sinh, đăng ký thường trú", FAQ: "Nhập hộ khẩu cho con cùng lúc được không?"},
	}
	for _, name := range []string{"Cấp hộ chiếu", "Đăng ký kết hôn", "Cấp thẻ căn cước", "Cấp giấy phép xây dựng", "Đăng ký khai tử", "Cấp đổi giấy phép lái xe"} {
		docs = append(docs, Doc{ID: name, Title: name})
	}
	ix.Replace(docs)
	if got := ids(ix.Search("nhập hộ khẩu", 0)); len(got) < 2 || got[0] != "thuong-tru" {
		t.Errorf("Search(nhập hộ khẩu) = %v, want thuong-tru first", got)
	}
}
