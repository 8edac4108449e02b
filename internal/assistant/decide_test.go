package assistant

import (
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/catalog"
)

func TestDecideAnswersTheSectionAsked(t *testing.T) {
	tests := []struct {
		q       string
		slug    string
		section string // a label the answer's parts must include
	}{
		{"Thủ tục khai tử cho người thân cần giấy tờ gì?", "dang-ky-khai-tu", SectionPrepare},
		{"lam ho chieu can chuan bi nhung gi", "cap-ho-chieu-pho-thong", SectionPrepare},
		{"lệ phí đăng ký tạm trú bao nhiêu", "dang-ky-tam-tru", SectionCost},
		{"dang ky tam tru het bao nhieu tien", "dang-ky-tam-tru", SectionCost},
		{"cấp phiếu lý lịch tư pháp mất mấy ngày", "cap-phieu-ly-lich-tu-phap", SectionDuration},
		{"ai được hưởng trợ cấp thất nghiệp", "tro-cap-that-nghiep", SectionWhoFor},
		{"dieu kien huong bhxh 1 lan", "huong-bhxh-mot-lan", SectionConditions},
		{"các bước đăng ký thành lập doanh nghiệp", "dang-ky-thanh-lap-doanh-nghiep", SectionSteps},
	}
	for _, tt := range tests {
		r := ask(State{}, tt.q)
		if r.status != StatusAnswered || r.svc == nil || r.svc.Slug != tt.slug {
			t.Errorf("%q: %s %v, want answered %s", tt.q, r.status, slugOf(r), tt.slug)
			continue
		}
		if !hasPart(r.parts, tt.section) {
			t.Errorf("%q: parts %v, want %q", tt.q, labels(r.parts), tt.section)
		}
	}
}

func TestDecideAnswersWithTheMatchingFAQ(t *testing.T) {
	r := ask(State{}, "khai sinh cho con qua han 60 ngay")
	if r.status != StatusAnswered || len(r.parts) != 1 || !strings.Contains(r.parts[0].label, "Quá 60 ngày") {
		t.Fatalf("late birth registration: %s %v", r.status, labels(r.parts))
	}
	// A question that only names the service gets the overview, not an
	// FAQ that happens to repeat the name.
	r = ask(State{}, "Rút bảo hiểm xã hội một lần")
	if r.status != StatusAnswered || !hasPart(r.parts, SectionSummary) {
		t.Fatalf("naming question: %s %v", r.status, labels(r.parts))
	}
	// An FAQ that answers another intent is not used.
	r = ask(State{}, "đăng ký khai sinh cần giấy tờ gì")
	if r.status != StatusAnswered || !strings.Contains(r.parts[0].text, "Giấy chứng sinh") {
		t.Fatalf("documents: %s %v %q", r.status, labels(r.parts), r.parts)
	}
}

func TestDecideClarifiesCloseServices(t *testing.T) {
	r := ask(State{}, "tôi mới nghỉ việc, đóng bảo hiểm xã hội được 6 năm, giờ lãnh được tiền gì")
	if r.status != StatusClarify || len(r.options) < 2 || len(r.options) > 3 {
		t.Fatalf("status %s, options %d", r.status, len(r.options))
	}
	var slugs []string
	for _, o := range r.options {
		slugs = append(slugs, o.Slug)
	}
	// A worker who has left a job after six years of social insurance
	// may mean the unemployment benefit or taking the insurance out at
	// once: both are offered.
	if !slices.Contains(slugs, "huong-bhxh-mot-lan") || !slices.Contains(slugs, "tro-cap-that-nghiep") {
		t.Errorf("options %v", slugs)
	}
	if !slices.Equal(r.next.Options, slugs) || r.next.PendingIntent != r.intents {
		t.Errorf("state %+v", r.next)
	}
}

func TestDecidePicksAnOption(t *testing.T) {
	st := State{Options: []string{"dang-ky-khai-sinh", "lien-thong-khai-sinh-thuong-tru-bhyt"}, PendingIntent: IntentDocuments}
	for _, reply := range []string{"2", "số 2", "chọn cái thứ hai nhé", "lien-thong-khai-sinh-thuong-tru-bhyt", "liên thông khai sinh"} {
		r := ask(st, reply)
		if r.status != StatusAnswered || r.svc.Slug != "lien-thong-khai-sinh-thuong-tru-bhyt" {
			t.Errorf("%q: %s %v", reply, r.status, slugOf(r))
			continue
		}
		if !hasPart(r.parts, SectionPrepare) {
			t.Errorf("%q: the pending intent is lost: %v", reply, labels(r.parts))
		}
		if len(r.next.Options) != 0 || r.next.Service != r.svc.Slug {
			t.Errorf("%q: next state %+v", reply, r.next)
		}
	}
	r := ask(st, "1")
	if r.status != StatusAnswered || r.svc.Slug != "dang-ky-khai-sinh" {
		t.Errorf("1: %s %v", r.status, slugOf(r))
	}
	// A number out of range, or a new question, is not a choice.
	if r := ask(st, "5"); r.status == StatusAnswered && r.confidence == 1 {
		t.Errorf("5 picked %v", slugOf(r))
	}
	if r := ask(st, "đổi bằng lái xe hết hạn"); r.status != StatusAnswered || r.svc.Slug != "cap-doi-giay-phep-lai-xe" {
		t.Errorf("new question after options: %s %v", r.status, slugOf(r))
	}
}

func TestDecideOutOfScope(t *testing.T) {
	for _, q := range []string{
		"thời tiết Đà Nẵng cuối tuần", "giá vàng SJC hôm nay", "cách nấu canh chua cá lóc",
		"kết quả bóng đá ngoại hạng anh", "viết cho tôi bài thơ tình", "tỷ giá yên nhật", "???",
		// Shares words with "mua xe cũ thì sang tên thế nào" but names no
		// service: a shop is asked for.
		"mua xe máy cũ ở đâu rẻ nhất",
		// Health advice, though a baby and a hospital are words of the
		// birth registration's guide (set ac, testdata).
		"Bé nhà em sốt 39 độ từ tối qua, uống hạ sốt rồi chưa đỡ thì có cần đưa đi viện không?",
		// Rites, history, home design and shops share words with deaths,
		// the identity card, building permits and passports (set ae).
		"văn khấn cúng 49 ngày cho người mới mất", "thẻ căn cước ra đời từ năm nào, lịch sử chứng minh nhân dân",
		"thiet ke nha cap 4 ba phong ngu dep re", "tiem chup anh ho chieu lay ngay gan day",
	} {
		r := ask(State{}, q)
		if r.status != StatusOutOfScope {
			t.Errorf("%q: %s %v %v", q, r.status, slugOf(r), r.options)
		}
		if r.next.Misses != 1 {
			t.Errorf("%q: misses %d", q, r.next.Misses)
		}
	}
	// A strong match keeps a question with an everyday word in scope.
	if r := ask(State{}, "mở quán phở cần giấy chứng nhận an toàn thực phẩm không"); r.status != StatusAnswered {
		t.Errorf("phở shop: %s", r.status)
	}
	// A trade is no everyday subject: a furniture shop registers (set ab).
	if r := ask(State{}, "tôi với 2 người bạn muốn mở công ty nhỏ bán đồ nội thất, làm giấy phép ở đâu, mất bao lâu"); r.status == StatusOutOfScope {
		t.Errorf("furniture company: %s", r.status)
	}
}

// TestDecideEverydaySubjectOfTheService: cooking is everyday life, but a
// kitchen that asks for the food-safety certificate by its everyday name
// ("giấy an toàn vệ sinh thực phẩm") is in scope; a recipe, even one
// that shares a paraphrase's words, is not.
func TestDecideEverydaySubjectOfTheService(t *testing.T) {
	for _, q := range []string{
		"chị định mở bếp nấu cơm trưa cho mấy công ty gần nhà, nghe nói phải có giấy an toàn vệ sinh thực phẩm, làm ở đâu",
		// The certificate's old name, vệ sinh thực phẩm (vn.Synonyms).
		"mo bep nau an cho cong ty thi co can giay chung nhan ve sinh thuc pham khong",
		// Baking for sale, as the certificate's FAQs speak of it, with a
		// story long enough to fit the service little.
		"mở lò làm bánh bông lan bỏ mối cho mấy quán cà phê, có cần giấy an toàn thực phẩm ko",
	} {
		r := ask(State{}, q)
		if r.status != StatusAnswered || r.svc.Slug != "giay-chung-nhan-an-toan-thuc-pham" {
			t.Errorf("kitchen %q: %s %v %v", q, r.status, slugOf(r), r.options)
		}
	}
	for _, q := range []string{"cách nấu cơm hộp cho ngon", "nấu cỗ đám cưới cần mua những gì",
		// A subject the FAQs speak of, in a question that names no service.
		"tiệm bánh bông lan nào ngon ở Đà Nẵng"} {
		if r := ask(State{}, q); r.status != StatusOutOfScope {
			t.Errorf("%q: %s %v %v", q, r.status, slugOf(r), r.options)
		}
	}
	// In the certificate's conversation, a recipe is still a recipe.
	if r := ask(State{Service: "giay-chung-nhan-an-toan-thuc-pham"}, "chỉ mình cách kho cá cho ngon với"); r.status != StatusOutOfScope {
		t.Errorf("recipe in context: %s %v", r.status, slugOf(r))
	}
}

// TestDecidePartnerWords: a sweetheart makes a question about love life,
// unless it names a service, as a couple's question about marrying does.
func TestDecidePartnerWords(t *testing.T) {
	for _, q := range []string{"bạn gái tôi sắp sinh nhật nên tặng quà gì", "ban trai em dao nay hay cau gat, em nen lam sao",
		// "lấy chồng" reads as đăng ký kết hôn, but it is not said.
		"bạn gái cũ của tôi sắp lấy chồng, tôi có nên đến dự đám cưới không", "ny cũ sắp lấy chồng rồi, có nên đi đám cưới ko"} {
		if r := ask(State{}, q); r.status != StatusOutOfScope {
			t.Errorf("%q: %s %v, want out of scope", q, r.status, slugOf(r))
		}
	}
	for _, q := range []string{"tôi với bạn gái định cưới sang năm, làm giấy đăng ký kết hôn cần những gì", "nguoi yeu toi la nguoi nuoc ngoai, dang ky ket hon o dau"} {
		if r := ask(State{}, q); r.status != StatusAnswered || r.svc.Slug != "dang-ky-ket-hon" {
			t.Errorf("%q: %s %v, want dang-ky-ket-hon answered", q, r.status, slugOf(r))
		}
	}
	// A sweetheart in a question that clearly fits a service it does
	// not name is no subject of its own; in the middle of a
	// conversation, love life still is.
	q := "Con gái tôi dẫn bạn trai về nhà chơi, ở lại 3 hôm, nhà có phải báo công an không?"
	if r := ask(State{}, q); r.status != StatusAnswered || r.svc.Slug != "thong-bao-luu-tru" {
		t.Errorf("%q: %s %v, want thong-bao-luu-tru answered", q, r.status, slugOf(r))
	}
	q = "người yêu giận không nhắn tin cả tuần, làm sao để làm lành"
	if r := ask(State{Service: "cap-ho-chieu-pho-thong"}, q); r.status != StatusOutOfScope {
		t.Errorf("after a passport, %q: %s %v, want out of scope", q, r.status, slugOf(r))
	}
}

// TestDecideLongStories: a question that tells a story before it asks is
// in scope when it says much of one service, however little in
// proportion; a long story about everyday life is not.
func TestDecideLongStories(t *testing.T) {
	q := "vợ chồng tui ở quê lên thành phố làm công nhân được hai năm, thuê nhà trọ ở luôn, giờ con đi học người ta hỏi giấy cư trú thì phải làm gì"
	r := ask(State{}, q)
	if r.status == StatusOutOfScope || slugOf(r) != "dang-ky-tam-tru" && !slices.Contains(optionSlugs(r), "dang-ky-tam-tru") {
		t.Errorf("tenant's story: %s %v %v", r.status, slugOf(r), optionSlugs(r))
	}
	for _, q := range []string{
		"con gái tui năm nay 17 tuổi học lớp 11, mấy bữa nay cứ ôm điện thoại suốt, tui nói hoài hổng nghe, giờ phải làm sao cho nó chịu học",
		"mấy năm nay ruộng nhà tui trồng lúa hoài hổng có lời, tính chuyển qua trồng sầu riêng mà không biết giống nào tốt, đất phèn có trồng được không",
	} {
		if r := ask(State{}, q); r.status != StatusOutOfScope {
			t.Errorf("%q: %s %v %v, want out of scope", q, r.status, slugOf(r), optionSlugs(r))
		}
	}
}

func TestDecideHandsOver(t *testing.T) {
	for _, q := range []string{"cho tôi gặp cán bộ", "toi muon noi chuyen voi nguoi that", "chuyển cho tổng đài viên giúp", "gap can bo tu van"} {
		r := ask(State{Service: "dang-ky-khai-sinh"}, q)
		if r.status != StatusHandoff || r.handoff != handoffAsked {
			t.Errorf("%q: %s", q, r.status)
		}
	}
	// The second miss in a row hands over.
	r := ask(State{Misses: 1}, "giá vàng hôm nay")
	if r.status != StatusHandoff || r.handoff != handoffMisses || r.next.Misses != 0 {
		t.Errorf("second miss: %s %+v", r.status, r.next)
	}
	// An answer resets the count.
	r = ask(State{Misses: 1}, "đăng ký kết hôn cần giấy tờ gì")
	if r.status != StatusAnswered || r.next.Misses != 0 {
		t.Errorf("answer after a miss: %s %+v", r.status, r.next)
	}
}

func TestDecideSmallTalkIsNotAMiss(t *testing.T) {
	for _, q := range []string{"xin chào", "chao ban", "cảm ơn nhé", "thanks", "Bạn là ai vậy, do ai làm ra thế?", "ban la nguoi hay may"} {
		r := ask(State{Misses: 1}, q)
		if r.status != StatusOutOfScope || r.smallTalk == noSmallTalk || r.next.Misses != 1 {
			t.Errorf("%q: %s %v misses %d", q, r.status, r.smallTalk, r.next.Misses)
		}
	}
}

// checkAnswer reports an error unless question q, asked with service
// context in context ("" for none), is answered about service want, or
// with want "" is out of scope.
func checkAnswer(t *testing.T, context, q, want string) {
	t.Helper()
	r := ask(State{Service: context}, q)
	switch {
	case want == "" && r.status != StatusOutOfScope:
		t.Errorf("after %q, %q: %s %s, want out of scope", context, q, r.status, slugOf(r))
	case want != "" && (r.status != StatusAnswered || slugOf(r) != want):
		t.Errorf("after %q, %q: %s %s, want %s", context, q, r.status, slugOf(r), want)
	}
}

func slugOf(r reply) string {
	if r.svc == nil {
		return ""
	}
	return r.svc.Slug
}

// optionSlugs returns the slugs of the services a reply offers.
func optionSlugs(r reply) []string {
	var out []string
	for _, o := range r.options {
		out = append(out, o.Slug)
	}
	return out
}

func hasPart(parts []part, label string) bool {
	for _, p := range parts {
		if p.label == label || strings.HasPrefix(p.label, label) {
			return true
		}
	}
	return false
}

func labels(parts []part) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p.label)
	}
	return out
}

// A question that tells the citizen's story around the name of a service
// is about that service; one that shares only syllables with the
// catalogue, in pairs it never says, is not.
func TestDecideReadsAQuestionThatTellsAStory(t *testing.T) {
	answered := map[string]string{
		"Tôi sắp sang Nhật thăm cháu ngoại, làm hộ chiếu ở đâu, mất mấy ngày?":       "cap-ho-chieu-pho-thong",
		"con dâu tui mới đẻ thằng cu, giờ làm giấy khai sanh cho nó cần đem theo gì": "dang-ky-khai-sinh",
	}
	for q, slug := range answered {
		r := ask(State{}, q)
		if r.status != StatusAnswered && r.status != StatusClarify {
			t.Errorf("%q: %s, want it read as about %s", q, r.status, slug)
			continue
		}
		if r.status == StatusAnswered && r.svc.Slug != slug {
			t.Errorf("%q: answered %s, want %s", q, r.svc.Slug, slug)
		}
		if r.status == StatusClarify && !slices.ContainsFunc(r.options, func(s *catalog.Service) bool { return s.Slug == slug }) {
			t.Errorf("%q: options %v, want %s among them", q, slugsOf(r.options), slug)
		}
	}
	for _, q := range []string{"cách làm hoa giấy trang trí", "mai Hà Nội đá với Hải Phòng lúc mấy giờ", "giá vàng hôm nay bao nhiêu"} {
		if r := ask(State{}, q); r.status != StatusOutOfScope {
			t.Errorf("%q: %s %v, want out of scope", q, r.status, slugOf(r))
		}
	}
}

func slugsOf(svcs []*catalog.Service) []string {
	var out []string
	for _, s := range svcs {
		out = append(out, s.Slug)
	}
	return out
}

// TestAnswerable: a good phrasing match or a named service is answered
// with a small lead; a weak match never, whatever the lead.
func TestAnswerable(t *testing.T) {
	tests := []struct {
		sim, lead float32
		named     bool
		want      bool
	}{
		{0.6, 0.15, false, true},
		{0.6, 0.05, false, false},
		{0.1, 0.15, true, true},
		{0.35, 0.15, false, true},
		{0.35, 0.05, false, false},
		{0.25, 0.1, false, false},
		{0.25, 0.15, false, true}, // a clear lead makes up for a weak match
		{0.2, 0.5, false, true},
		{0.2, 0.14, false, false},
	}
	for _, tt := range tests {
		if got := answerable(tt.sim, tt.lead, tt.named); got != tt.want {
			t.Errorf("answerable(%v, %v, %v) = %v", tt.sim, tt.lead, tt.named, got)
		}
	}
}

// A citizen who tells what happened in their own words matches no
// phrasing well, yet one service leads the rest clearly (clearLead): it
// is answered, not put back to them.
func TestDecideClearLeadAnswersASituation(t *testing.T) {
	for q, want := range map[string]string{
		"bố tôi mới mất sáng nay ở nhà, giờ con cháu phải đi báo cho xã làm giấy tờ gì": "dang-ky-khai-tu",
		"định dỡ căn nhà tranh cũ cất lại nhà tường 2 tầng, có phải xin phép xã không":  "cap-giay-phep-xay-dung-nha-o",
	} {
		r := ask(State{}, q)
		if r.status != StatusAnswered || r.svc.Slug != want {
			t.Errorf("%q: %s %v, want %s", q, r.status, r.svc, want)
		}
	}
}

// Slips and shorthand that several writers made (vn/synonyms.tsv): "kết
// hôm" for kết hôn, "tcnt" for trợ cấp thất nghiệp.
func TestDecideCommonSlips(t *testing.T) {
	for q, want := range map[string]string{
		"làm giấy kết hôm ở đâu":              "dang-ky-ket-hon",
		"nộp hồ sơ tcnt trong bao nhiêu ngày": "tro-cap-that-nghiep",
		"nộp lệ phí môn bài online":           "nop-thue-dien-tu",
		// Telex keys the keyboard did not convert (set ad, testdata).
		"hooj khaaur của em ở Nghệ An, giờ muốn chuyển về Đồng Nai thì lamf sao": "dang-ky-thuong-tru",
		"xin caaps lai bang lai xe may bi mat":                                   "cap-lai-giay-phep-lai-xe",
	} {
		if r := ask(State{}, q); r.status != StatusAnswered || r.svc.Slug != want {
			t.Errorf("%q: %s %s, want %s", q, r.status, slugOf(r), want)
		}
	}
}

// TestDecideShortQuestionsNameTheirService: a service's everyday name and
// what is asked, the shortest question there is, is about that service
// with no context and in the context of another: answered, or put back
// with it among the options where the name fits two. The sets written
// apart have few such questions; a change to follow-ups once turned
// "làm căn cước mất bao lâu" into a question about the passport.
func TestDecideShortQuestionsNameTheirService(t *testing.T) {
	questions := map[string]string{
		"làm căn cước mất bao lâu": "cap-the-can-cuoc", "thẻ căn cước làm ở đâu": "cap-the-can-cuoc",
		"căn cước làm ở đâu": "cap-the-can-cuoc", "cccd lam o dau": "cap-the-can-cuoc",
		"sổ đỏ làm ở đâu": "cap-giay-chung-nhan-quyen-su-dung-dat", "hộ chiếu bao nhiêu tiền": "cap-ho-chieu-pho-thong",
		"làm hộ chiếu mất bao lâu": "cap-ho-chieu-pho-thong", "đổi bằng lái ở đâu": "cap-doi-giay-phep-lai-xe",
		"khai sinh cần gì": "dang-ky-khai-sinh", "tạm trú làm sao": "dang-ky-tam-tru",
		"kết hôn cần giấy gì": "dang-ky-ket-hon", "lam the bhyt o dau": "cap-lai-the-bhyt",
		"giấy phép xây dựng bao lâu": "cap-giay-phep-xay-dung-nha-o", "lý lịch tư pháp mất mấy ngày": "cap-phieu-ly-lich-tu-phap",
		"khai tử cần gì": "dang-ky-khai-tu", "vneid mức 2 làm ở đâu": "dinh-danh-dien-tu-vneid",
		"rút bhxh một lần cần gì": "huong-bhxh-mot-lan", "thất nghiệp nộp ở đâu": "tro-cap-that-nghiep",
		"sao y giấy tờ ở đâu": "chung-thuc-ban-sao", "đăng ký xe máy mất bao lâu": "dang-ky-xe",
		"lắp điện mới bao nhiêu tiền": "cap-dien-moi", "bằng lái quốc tế mất bao lâu": "cap-giay-phep-lai-xe-quoc-te",
		"giấy độc thân xin ở đâu": "xac-nhan-tinh-trang-hon-nhan", "nghĩa vụ quân sự đăng ký ở đâu": "dang-ky-nghia-vu-quan-su",
		"thai sản cần gì": "che-do-thai-san", "hộ kinh doanh đăng ký ở đâu": "dang-ky-ho-kinh-doanh",
		"phạt nguội nộp ở đâu": "nop-phat-vi-pham-giao-thong",
		// Old and everyday names: "giấy phép kinh doanh" is not cut by
		// "cần giấy"; "lên cấp 3" is grade 10.
		"mở tiệm sửa xe ở nhà có cần giấy phép kinh doanh không": "dang-ky-ho-kinh-doanh",
		"học xong cấp 2, nộp hồ sơ lên cấp 3 ở đâu":              "tuyen-sinh-dau-cap",
	}
	for _, context := range []string{"", "cap-ho-chieu-pho-thong", "dang-ky-khai-sinh", "cap-the-can-cuoc"} {
		for q, want := range questions {
			if want == context {
				continue
			}
			r := ask(State{Service: context}, q)
			if !(r.status == StatusAnswered && slugOf(r) == want || r.status == StatusClarify && slices.Contains(r.next.Options, want)) {
				t.Errorf("after %q, %q: %s %s %v, want %s", context, q, r.status, slugOf(r), r.next.Options, want)
			}
		}
	}
}
