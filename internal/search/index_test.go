package search

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

func testIndex(t testing.TB) *Index {
	t.Helper()
	ix := New(vn.DefaultSynonyms())
	ix.Replace(CatalogDocs(testServices()))
	return ix
}

func ids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func TestSearchRanksTheRightServiceFirst(t *testing.T) {
	ix := testIndex(t)
	tests := []struct {
		query string
		want  string
	}{
		// With and without diacritics.
		{"đăng ký khai sinh", "dang-ky-khai-sinh"},
		{"dang ky khai sinh", "dang-ky-khai-sinh"},
		{"DANG KY KHAI SINH", "dang-ky-khai-sinh"},
		{"khai sinh", "dang-ky-khai-sinh"},
		{"Đăng ký khai sinh như thế nào", "dang-ky-khai-sinh"},
		{"thủ tục làm giấy khai sinh cho con cần gì", "dang-ky-khai-sinh"},
		{"khai sinh thường trú bảo hiểm y tế cho trẻ", "lien-thong-khai-sinh-thuong-tru-bhyt"},
		{"dang ky thuong tru", "dang-ky-thuong-tru"},
		{"thường trú", "dang-ky-thuong-tru"},
		{"tạm trú", "dang-ky-tam-tru"},
		{"tam tru", "dang-ky-tam-tru"},
		{"cấp thẻ căn cước", "cap-the-can-cuoc"},
		{"can cuoc", "cap-the-can-cuoc"},
		{"hộ chiếu", "cap-ho-chieu-pho-thong"},
		{"lam ho chieu", "cap-ho-chieu-pho-thong"},
		{"đăng ký kết hôn", "dang-ky-ket-hon"},
		{"ket hon", "dang-ky-ket-hon"},
		{"khai tu", "dang-ky-khai-tu"},
		{"cap doi giay phep lai xe", "cap-doi-giay-phep-lai-xe"},
		{"cấp lại giấy phép lái xe", "cap-lai-giay-phep-lai-xe"},
		{"mat giay phep lai xe", "cap-lai-giay-phep-lai-xe"},
		{"giấy chứng nhận quyền sử dụng đất", "cap-giay-chung-nhan-qsdd"},
		// Abbreviations and everyday names.
		{"cccd", "cap-the-can-cuoc"},
		{"làm cccd", "cap-the-can-cuoc"},
		{"cmnd", "cap-the-can-cuoc"},
		{"so do", "cap-giay-chung-nhan-qsdd"},
		{"làm sổ hồng", "cap-giay-chung-nhan-qsdd"},
		{"nhap ho khau", "dang-ky-thuong-tru"},
		{"nhập hộ khẩu", "dang-ky-thuong-tru"},
		{"passport", "cap-ho-chieu-pho-thong"},
		{"cấp đổi gplx", "cap-doi-giay-phep-lai-xe"},
		{"doi bang lai", "cap-doi-giay-phep-lai-xe"},
		{"mất bằng lái xe", "cap-lai-giay-phep-lai-xe"},
		{"lltp", "cap-phieu-ly-lich-tu-phap"},
		{"gpxd", "cap-giay-phep-xay-dung"},
		{"xin phep xay nha", "cap-giay-phep-xay-dung"},
		// Spelling variants and typos.
		{"dang ki khai sinh", "dang-ky-khai-sinh"},
		{"đăng kí kết hôn", "dang-ky-ket-hon"},
		{"ho chiu", "cap-ho-chieu-pho-thong"},
		{"dang ky khai sinhh", "dang-ky-khai-sinh"},
		{"dang ky thuogn tru", "dang-ky-thuong-tru"},
		{"ly lich tu phapp", "cap-phieu-ly-lich-tu-phap"},
		// Old and new tone placement.
		{"giấy khám sức khoẻ đổi bằng lái", "cap-doi-giay-phep-lai-xe"},
	}
	for _, tt := range tests {
		hits := ix.Search(tt.query, 5)
		if len(hits) == 0 || hits[0].ID != tt.want {
			t.Errorf("Search(%q) = %v, want %s first", tt.query, hits, tt.want)
		}
	}
}

func TestSearchGPLXFindsBothLicenceServices(t *testing.T) {
	hits := testIndex(t).Search("gplx", 2)
	got := ids(hits)
	slices.Sort(got)
	if want := []string{"cap-doi-giay-phep-lai-xe", "cap-lai-giay-phep-lai-xe"}; !slices.Equal(got, want) {
		t.Errorf("Search(gplx) top 2 = %v, want %v", ids(hits), want)
	}
}

func TestSearchPhraseBeatsScatteredWords(t *testing.T) {
	ix := testIndex(t)
	for _, q := range []string{"dang ky khai sinh", "đăng ký khai sinh"} {
		got := ids(ix.Search(q, 0))
		i, j := slices.Index(got, "dang-ky-khai-sinh"), slices.Index(got, "lien-thong-khai-sinh-thuong-tru-bhyt")
		if i < 0 || j < 0 || i > j {
			t.Errorf("Search(%q) = %v: want Đăng ký khai sinh above the liên thông procedure, both present", q, got)
		}
	}
}

func TestSearchPrefersExactDiacritics(t *testing.T) {
	ix := New(nil)
	ix.Replace([]Doc{
		{ID: "dat-dai", Title: "Đăng ký đất đai"},
		{ID: "dat-ten", Title: "Đặt tên đường phố"},
	})
	if got := ids(ix.Search("đất", 0)); !slices.Equal(got, []string{"dat-dai", "dat-ten"}) {
		t.Errorf("Search(đất) = %v, want dat-dai first, dat-ten still found", got)
	}
	if got := ids(ix.Search("đặt", 0)); !slices.Equal(got, []string{"dat-ten", "dat-dai"}) {
		t.Errorf("Search(đặt) = %v, want dat-ten first, dat-dai still found", got)
	}
	if got := ix.Search("dat", 0); len(got) != 2 {
		t.Errorf("Search(dat) = %v, want both", got)
	}
}

func TestSearchFunctionWordsAloneAreNoHit(t *testing.T) {
	ix := New(nil)
	ix.Replace([]Doc{
		{ID: "khai-sinh", Title: "Đăng ký khai sinh"},
		{ID: "hoi-dap", Title: "Hỏi đáp", Body: "Làm thế nào? Như thế nào là đúng? Cần gì?"},
	})
	if got := ids(ix.Search("khai sinh như thế nào", 0)); !slices.Equal(got, []string{"khai-sinh"}) {
		t.Errorf("Search = %v, want only khai-sinh", got)
	}
	// A query of function words alone still finds what contains them.
	if got := ids(ix.Search("như thế nào", 0)); !slices.Equal(got, []string{"hoi-dap"}) {
		t.Errorf("Search(như thế nào) = %v, want hoi-dap", got)
	}
}

func TestSearchTypoNeedsNoExactHit(t *testing.T) {
	ix := New(nil)
	ix.Replace([]Doc{{ID: "a", Title: "Đăng ký thường trú"}, {ID: "b", Title: "Thương binh"}})
	// "thuong" is indexed, so it is not corrected to anything else.
	if got := ids(ix.Search("thuong", 0)); !slices.Equal(got, []string{"a", "b"}) && !slices.Equal(got, []string{"b", "a"}) {
		t.Errorf("Search(thuong) = %v, want both", got)
	}
	// "tru" is too short to be corrected; "trux" is corrected to "tru".
	if got := ix.Search("trux", 0); len(got) != 1 || got[0].ID != "a" {
		t.Errorf("Search(trux) = %v, want a", got)
	}
	if got := ix.Search("zzzz", 0); len(got) != 0 {
		t.Errorf("Search(zzzz) = %v, want nothing", got)
	}
}

func TestSearchLimitAndEmpty(t *testing.T) {
	ix := testIndex(t)
	all := ix.Search("đăng ký", 0)
	if len(all) < 5 {
		t.Fatalf("Search(đăng ký) = %d hits, want many", len(all))
	}
	if got := ix.Search("đăng ký", 3); !slices.Equal(got, all[:3]) {
		t.Errorf("Search with limit 3 = %v, want %v", got, all[:3])
	}
	for _, q := range []string{"", "   ", "?!", "\xff"} {
		if got := ix.Search(q, 0); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want nothing", q, got)
		}
	}
	if got := New(nil).Search("khai sinh", 0); got != nil {
		t.Errorf("empty index: Search = %v, want nil", got)
	}
}

func TestSearchDeterministic(t *testing.T) {
	ix := New(vn.DefaultSynonyms())
	// Identical documents tie; the tie is broken by ID.
	var docs []Doc
	for _, id := range []string{"c", "a", "d", "b"} {
		docs = append(docs, Doc{ID: id, Title: "Đăng ký khai sinh"})
	}
	docs = append(docs, CatalogDocs(testServices())...)
	ix.Replace(docs)
	first := ix.Search("dang ky khai sinh", 0)
	var tied []string
	for _, id := range ids(first) {
		if len(id) == 1 {
			tied = append(tied, id)
		}
	}
	if !slices.Equal(tied, []string{"a", "b", "c", "d"}) {
		t.Errorf("tied documents in order %v, want a b c d", tied)
	}
	for range 20 {
		if again := ix.Search("dang ky khai sinh", 0); !slices.Equal(again, first) {
			t.Fatalf("same query, different results:\n%v\n%v", first, again)
		}
	}
	// Rebuilding from the same documents gives the same scores too.
	ix.Replace(docs)
	if again := ix.Search("dang ky khai sinh", 0); !slices.Equal(again, first) {
		t.Fatalf("after rebuild, different results:\n%v\n%v", first, again)
	}
}

func TestReplaceDuplicateIDsIndexedOnce(t *testing.T) {
	ix := New(nil)
	ix.Replace([]Doc{{ID: "x", Title: "khai sinh"}, {ID: "x", Title: "khai sinh lần hai"}})
	if ix.Len() != 1 {
		t.Errorf("Len = %d, want 1", ix.Len())
	}
	if got := ix.Search("khai sinh", 0); len(got) != 1 {
		t.Errorf("Search = %v, want one hit", got)
	}
}

func TestReplaceConcurrentWithSearch(t *testing.T) {
	ix := testIndex(t)
	small := []Doc{{ID: "only", Title: "Đăng ký khai sinh"}}
	full := CatalogDocs(testServices())
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				hits := ix.Search(fmt.Sprint("dang ky khai sinh ", w), 0)
				// Either version of the index: its best hit is a khai sinh one.
				if len(hits) == 0 || (hits[0].ID != "only" && hits[0].ID != "dang-ky-khai-sinh") {
					t.Errorf("Search during Replace = %v", hits)
					return
				}
			}
		}()
	}
	for i := range 50 {
		if i%2 == 0 {
			ix.Replace(small)
		} else {
			ix.Replace(full)
		}
	}
	close(stop)
	wg.Wait()
}

func TestSearchWholeTitleBeatsRichLongTitle(t *testing.T) {
	// The long procedure says "khai sinh" in every field; BM25F saturates
	// term frequency, so without the title bonus it would come close to or
	// above the service whose whole name the query is.
	ix := New(nil)
	docs := []Doc{
		{ID: "khai-sinh", Title: "Đăng ký khai sinh", Summary: "Cho trẻ mới sinh."},
		{
			ID:       "lien-thong",
			Title:    "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
			Keywords: "đăng ký khai sinh; khai sinh thường trú; khai sinh bảo hiểm y tế",
			FAQ:      "Đăng ký khai sinh liên thông ở đâu?; Đăng ký khai sinh online được không?",
			Summary:  "Đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế trong một lần.",
			Body:     "Tờ khai đăng ký khai sinh; Giấy chứng sinh; nhận Giấy khai sinh; đăng ký khai sinh trực tuyến",
		},
	}
	// Other services with fields as long as the liên thông one's, so that
	// its length is ordinary for the catalogue.
	for i := range 10 {
		docs = append(docs, Doc{
			ID:       fmt.Sprint("other-", i),
			Title:    "Cấp giấy phép hoạt động cho cơ sở dịch vụ thuộc lĩnh vực văn hóa, thể thao và du lịch tại địa phương số " + fmt.Sprint(i),
			Keywords: "giấy phép hoạt động; cơ sở dịch vụ; văn hóa thể thao",
			FAQ:      "Xin giấy phép hoạt động ở đâu?; Cơ sở dịch vụ cần giấy tờ gì?",
			Summary:  "Cấp giấy phép cho cơ sở dịch vụ văn hóa, thể thao và du lịch đủ điều kiện hoạt động.",
			Body:     "Đơn đề nghị cấp giấy phép; bản sao giấy chứng nhận đăng ký kinh doanh; nhận giấy phép tại bộ phận một cửa",
		})
	}
	ix.Replace(docs)
	for _, q := range []string{"dang ky khai sinh", "đăng ký khai sinh"} {
		if got := ids(ix.Search(q, 0)); len(got) < 2 || got[0] != "khai-sinh" {
			t.Errorf("Search(%q) = %v, want khai-sinh first", q, got)
		}
	}
}

func TestSmallest(t *testing.T) {
	keys := []uint64{9, 3, 7, 1, 8, 2, 6, 5, 4, 0}
	for k := 1; k <= len(keys); k++ {
		got := slices.Clone(smallest(slices.Clone(keys), k))
		slices.Sort(got)
		want := []uint64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}[:k]
		if !slices.Equal(got, want) {
			t.Errorf("smallest(k=%d) = %v, want %v", k, got, want)
		}
	}
}

func TestSearchScoresNeverRise(t *testing.T) {
	ix := testIndex(t)
	for _, q := range []string{"đăng ký", "cap giay phep", "khai sinh cho con", "cccd"} {
		hits := ix.Search(q, 0)
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score || hits[i].Score == hits[i-1].Score && hits[i].ID < hits[i-1].ID {
				t.Errorf("Search(%q): %v after %v", q, hits[i], hits[i-1])
			}
		}
	}
}

func TestSearchTypoThatIsAWord(t *testing.T) {
	// "chiu" is indexed (chịu, in one page), but "ho chiu" is in no page
	// while "ho chieu" is in several: the pair says which word was meant.
	ix := New(nil)
	ix.Replace([]Doc{
		{ID: "ho-chieu", Title: "Cấp hộ chiếu phổ thông", Summary: "Hộ chiếu để đi nước ngoài."},
		{ID: "ho-kinh-doanh", Title: "Đăng ký hộ kinh doanh", Body: "Chủ hộ chịu trách nhiệm về hoạt động kinh doanh."},
		{ID: "thi-thuc", Title: "Cấp thị thực", Body: "Người nước ngoài có hộ chiếu còn hạn."},
		{ID: "xuat-canh", Title: "Xuất cảnh", Body: "Mang theo hộ chiếu."},
		{ID: "khai-sinh", Title: "Đăng ký khai sinh", Body: "Hộ tịch."},
	})
	if got := ids(ix.Search("ho chiu", 0)); len(got) == 0 || got[0] != "ho-chieu" {
		t.Errorf("Search(ho chiu) = %v, want ho-chieu first", got)
	}
	// Typed right, the other page is not pulled in by the correction.
	if got := ids(ix.Search("chủ hộ chịu trách nhiệm", 0)); len(got) == 0 || got[0] != "ho-kinh-doanh" {
		t.Errorf("Search(chủ hộ chịu trách nhiệm) = %v, want ho-kinh-doanh first", got)
	}
}
