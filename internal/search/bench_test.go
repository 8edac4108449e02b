package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

// syntheticDocs builds n services shaped like the national catalogue:
// names made of an action, an object and a qualifier, and guides and
// questions of a few hundred syllables drawn from the same vocabulary.
// The generator is seeded, so every run indexes the same text.
func syntheticDocs(n int) []Doc {
	actions := []string{"Cấp", "Cấp đổi", "Cấp lại", "Đăng ký", "Xác nhận", "Gia hạn", "Thay đổi", "Điều chỉnh", "Thu hồi", "Công nhận", "Chứng thực", "Giải quyết"}
	objects := []string{
		"giấy phép lái xe", "khai sinh", "thường trú", "tạm trú", "hộ chiếu phổ thông", "thẻ căn cước",
		"giấy chứng nhận quyền sử dụng đất", "kết hôn", "giấy phép xây dựng", "hộ kinh doanh",
		"thẻ bảo hiểm y tế", "Phiếu lý lịch tư pháp", "trợ cấp thất nghiệp", "giấy phép lao động",
		"chứng chỉ hành nghề", "giấy chứng nhận an toàn thực phẩm", "mã số thuế", "khai tử",
		"giám hộ", "nuôi con nuôi", "biển số xe", "giấy phép kinh doanh", "văn bằng", "thị thực",
	}
	qualifiers := []string{"", " lần đầu", " cho trẻ em dưới 6 tuổi", " có yếu tố nước ngoài", " tại Ủy ban nhân dân cấp xã", " trong trường hợp bị mất, hư hỏng", " cho người lao động"}
	sentences := []string{
		"Nộp hồ sơ trực tiếp tại bộ phận một cửa hoặc trực tuyến trên Cổng Dịch vụ công quốc gia",
		"Chuẩn bị bản sao thẻ căn cước và giấy tờ chứng minh nơi cư trú",
		"Thời hạn giải quyết là 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
		"Lệ phí theo quy định của Hội đồng nhân dân cấp tỉnh",
		"Công dân Việt Nam từ đủ 18 tuổi có năng lực hành vi dân sự đầy đủ",
		"Cơ quan giải quyết kiểm tra hồ sơ và trả kết quả qua dịch vụ bưu chính nếu có yêu cầu",
		"Điền tờ khai theo mẫu, ký và ghi rõ họ tên",
		"Trường hợp hồ sơ chưa đầy đủ thì được hướng dẫn bổ sung một lần",
		"Người nộp có thể ủy quyền cho người khác thực hiện thủ tục",
		"Kết quả được lưu trong tài khoản định danh điện tử VNeID",
	}
	questions := []string{"ở đâu?", "cần giấy tờ gì?", "mất bao lâu?", "hết bao nhiêu tiền?", "làm online được không?", "cho người khác làm hộ được không?"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	text := func(k int) string {
		parts := make([]string, k)
		for i := range parts {
			parts[i] = pick(sentences)
		}
		return strings.Join(parts, "; ")
	}
	docs := make([]Doc, n)
	for i := range docs {
		obj := pick(objects)
		name := pick(actions) + " " + obj + pick(qualifiers)
		docs[i] = Doc{
			ID:       fmt.Sprintf("svc-%04d", i),
			Title:    name,
			Keywords: obj + "; " + vn.Fold(obj),
			FAQ:      name + " " + pick(questions) + "; " + obj + " " + pick(questions),
			Summary:  name + ". " + text(2),
			Body:     text(12),
		}
	}
	return docs
}

// benchQueries are what citizens type: with and without diacritics,
// abbreviations, everyday names, questions and typos.
var benchQueries = []string{
	"đăng ký khai sinh",
	"dang ky thuong tru",
	"cccd",
	"so do",
	"cấp đổi giấy phép lái xe như thế nào",
	"thu tuc nhap ho khau cho con",
	"ho chiu",
	"làm hộ chiếu mất bao lâu",
	"gplx bi mat",
	"dang ki ket hon co yeu to nuoc ngoai",
}

// BenchmarkSearch measures one query (the mix above, in turn) over a
// catalogue of 250 and of 3000 services, for one page of 20 hits and for
// all hits (limit 0, what the site asks for to count and page them).
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{250, 3000} {
		ix := New(vn.DefaultSynonyms())
		ix.Replace(syntheticDocs(n))
		for _, limit := range []int{20, 0} {
			b.Run(fmt.Sprintf("docs=%d/limit=%d", n, limit), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					ix.Search(benchQueries[i%len(benchQueries)], limit)
				}
			})
		}
	}
}

// BenchmarkSearchQuery breaks the mix down by query, over 250 services.
func BenchmarkSearchQuery(b *testing.B) {
	ix := New(vn.DefaultSynonyms())
	ix.Replace(syntheticDocs(250))
	for _, q := range benchQueries {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ix.Search(q, 20)
			}
		})
	}
}

// BenchmarkReplace measures building the index, which happens on every
// catalogue change.
func BenchmarkReplace(b *testing.B) {
	for _, n := range []int{250, 3000} {
		docs := syntheticDocs(n)
		b.Run(fmt.Sprint("docs=", n), func(b *testing.B) {
			ix := New(vn.DefaultSynonyms())
			b.ReportAllocs()
			for b.Loop() {
				ix.Replace(docs)
			}
		})
	}
}
