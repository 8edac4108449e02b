package assistant

import (
	"slices"
	"strings"
)

// Intent is what a question asks about a service: which part of the
// guide answers it.
type Intent uint8

// The intents, in the order answers put them.
const (
	// IntentDocuments: giấy tờ, hồ sơ, cần gì, chuẩn bị, mang theo.
	IntentDocuments Intent = 1 << iota
	// IntentSteps: các bước, làm thế nào, quy trình, hướng dẫn.
	IntentSteps
	// IntentFee: lệ phí, bao nhiêu tiền, mất phí, tốn.
	IntentFee
	// IntentTime: bao lâu, mấy ngày, khi nào có.
	IntentTime
	// IntentWhere: nộp ở đâu, online, trực tuyến, trên mạng, cơ quan nào.
	IntentWhere
	// IntentWho: ai được, ai phải, đối tượng.
	IntentWho
	// IntentConditions: điều kiện, có phải, bắt buộc, có cần.
	IntentConditions
)

// intentWords are the phrases (folded, space-separated) that say each
// intent, whether typed with diacritics or without, in full or in chat
// shorthand (expanded before this runs, see shorthand). weak phrases
// count only when nothing strong is said: "hồ sơ" in "nộp hồ sơ ở đâu"
// is about where, in "hồ sơ gồm những gì" about papers.
var intentWords = []struct {
	intent Intent
	strong []string
	weak   []string
}{
	{IntentDocuments, []string{
		"giay to", "giay to gi", "can gi", "can nhung gi", "can mang", "mang theo", "mang gi",
		"chuan bi", "thanh phan ho so", "ho so gom", "gom nhung gi", "gom gi", "can co gi",
		"ho so can", "can nhung giay", "giay gi", "nhung giay", "can giay", "ho so nhu the nao",
		"ho so the nao", "ho so ra sao", "can chuan bi",
	}, []string{"ho so", "to khai", "mau don"}},
	{IntentSteps, []string{
		"cac buoc", "tung buoc", "quy trinh", "trinh tu", "huong dan", "lam the nao", "nhu the nao",
		"the nao", "lam sao", "cach lam", "cach thuc", "ra sao", "lam gi", "thu tuc gi",
		"phai lam", "can lam", "thu tuc ra sao", "the nay", "buoc nao", "nhung buoc", "may buoc",
	}, []string{"cach"}},
	{IntentFee, []string{
		"le phi", "phi", "chi phi", "bao nhieu tien", "mat tien", "ton tien", "het bao nhieu",
		"mat phi", "mien phi", "ton bao nhieu", "tien khong", "dong tien", "tra tien", "gia bao nhieu",
		"ton kem", "muc phi", "mat bao nhieu", "bao nhieu phi", "phai tra", "mat phi khong",
		"het bao nhieu tien", "mat bao nhieu tien", "ton bao nhieu tien",
		// what a benefit pays: the guide's cost section says it
		"duoc bao nhieu", "nhan bao nhieu", "lanh bao nhieu", "muc huong", "duoc huong bao nhieu",
	}, nil},
	{IntentTime, []string{
		"bao lau", "may ngay", "bao nhieu ngay", "thoi gian", "khi nao co",
		"bao gio co", "bao gio thi", "lau khong", "may hom", "bao nhieu lau", "nhanh khong",
		"thoi gian giai quyet", "thoi han giai quyet",
		"lau qua", "may tuan", "may thang", "bao nhieu thang", "khi nao nhan", "bao gio nhan",
		"bao gio", "khi nao", "mat bao lau", "mat may ngay", "mat bao nhieu ngay", "het bao lau",
		"mat may hom", "mat may tuan", "trong bao lau", "han chot", "han cuoi", "ngay nao", "thang may",
		"lay ngay", "co ngay", "lay lien", "co lien", "nhan ngay", "lay luon",
	}, nil},
	{IntentWhere, []string{
		"o dau", "cho nao", "noi nao", "tai dau", "nop o dau", "di dau", "den dau", "lam o dau",
		"co quan nao", "online", "truc tuyen", "tren mang", "qua mang", "tren dien thoai",
		"qua dien thoai", "tren vneid", "qua vneid", "dich vu cong", "o nha", "website", "trang nao",
		"trang web", "ung dung", "app", "onl", "qua buu dien", "buu chinh", "nop o",
		"ra dau", "len dau", "bang dien thoai", "vssid",
		// the office named: "ở phường hay lên sở" (not "lên sở", which
		// bare is "lên sổ", a land title granted)
		"o xa hay", "o phuong hay", "len tinh", "len huyen",
		// home province: "có phải về quê làm không" (not "về quê làm"
		// alone: "nghỉ về quê làm ruộng")
		"phai ve que", "ve que xin",
	}, nil},
	{IntentWho, []string{
		"ai duoc", "ai phai", "ai co the", "doi tuong", "nguoi nao", "ai can", "truong hop nao",
		"ai lam", "ai di", "ai dung ten", "ai ky",
	}, nil},
	{IntentConditions, []string{
		// "có cần" with its marks: "có căn cước" asks nothing.
		"dieu kien", "co phai", "bat buoc", "yeu cau", "du dieu kien", "có cần", "cần phải",
		"co duoc", "duoc khong", "co bi", "bi phat",
	}, []string{"thi sao", "co khac", "khac khong", "khac gi"}},
}

// intentSets are intentWords compiled.
var intentSets = func() []struct {
	intent       Intent
	strong, weak *phraseSet
} {
	out := make([]struct {
		intent       Intent
		strong, weak *phraseSet
	}, len(intentWords))
	for i, iw := range intentWords {
		out[i].intent, out[i].strong, out[i].weak = iw.intent, newPhraseSet(iw.strong), newPhraseSet(iw.weak)
	}
	return out
}()

// intentsOf finds the intents a question states and the spans of tokens
// that state them, with the neutral words' ("thủ tục", "cho hỏi").
// names are the spans of the abbreviations and everyday names the text
// says (text.names): an intent phrase that crosses the edge of one is not
// read, as the name is what the citizen said — "bị phạt nguội" names
// phạt nguội and does not ask whether one is fined ("bị phạt"), "làm sao
// y" asks for a certified copy, not how. An intent phrase inside a name
// is read: "nộp online" still asks where.
func intentsOf(t text, names []span) (Intent, []span) {
	var found, weak Intent
	var spans, weakSpans []span
	for _, is := range intentSets {
		if s := uncut(t, is.strong.find(t), names); len(s) > 0 {
			found |= is.intent
			spans = append(spans, s...)
		}
		if s := uncut(t, is.weak.find(t), names); len(s) > 0 {
			weak |= is.intent
			weakSpans = append(weakSpans, s...)
		}
	}
	if found == 0 {
		found = weak
	}
	// Weak words name no topic either way: drop them from the topic too.
	spans = append(spans, weakSpans...)
	spans = append(spans, uncut(t, neutralSet.find(t), names)...)
	return refine(found), spans
}

// uncut returns the spans of t that cut no name: each name is inside
// the span, holds it with nothing else telling, or lies apart from it.
// A span that crosses a name's edge ("cần giấy" in "cần giấy chưa có
// vợ"), or lies within a name whose other words tell a subject ("đóng
// tiền" in "đóng tiền thuế"), is part of the name, not what the
// question asks; "online" in "nộp online" still asks where.
func uncut(t text, spans, names []span) []span {
	out := spans[:0]
	for _, s := range spans {
		if !slices.ContainsFunc(names, s.crosses) &&
			!slices.ContainsFunc(names, func(n span) bool { return s.inside(n) && tellsBeside(t, n, s) }) {
			out = append(out, s)
		}
	}
	return out
}

// tellsBeside reports whether name n of t says a word beside span s
// that is neither a function word nor a follow-up's filler.
func tellsBeside(t text, n, s span) bool {
	for i := n.start; i < n.end; i++ {
		if w := t.folded[n.p][i]; (i < s.start || i >= s.end) && !functionWords[w] && !followFiller[w] {
			return true
		}
	}
	return false
}

// neutralWords say neither which service nor what about it: they are set
// aside with the intent words, so that "thủ tục" in "thủ tục xóa thường
// trú" does not pull towards services whose name says "thủ tục".
var neutralWords = []string{
	"thu tuc", "lam thu tuc", "cho hoi", "xin hoi", "cho toi hoi", "cho minh hoi", "cho em hoi",
	"toi muon hoi", "minh muon hoi", "em muon hoi", "giup toi", "giup minh", "giup em", "xin cho biet",
	"cho biet", "vui long", "lam on", "hoi ve", "can tu van", "tu van giup",
}

var neutralSet = newPhraseSet(neutralWords)

// refine settles intents that overlap: "có được không" is a condition
// only when nothing more specific is asked ("làm online được không" asks
// where), and "làm thế nào" beside "online" asks for the online steps.
func refine(in Intent) Intent {
	if in&IntentConditions != 0 && in&^(IntentConditions|IntentSteps) != 0 {
		in &^= IntentConditions
	}
	return in
}

// Has reports whether i includes x.
func (i Intent) Has(x Intent) bool { return i&x != 0 }

// String names the intents, for logs and tests.
func (i Intent) String() string {
	names := []struct {
		i Intent
		n string
	}{
		{IntentDocuments, "documents"}, {IntentSteps, "steps"}, {IntentFee, "fee"}, {IntentTime, "time"},
		{IntentWhere, "where"}, {IntentWho, "who"}, {IntentConditions, "conditions"},
	}
	var out []string
	for _, n := range names {
		if i.Has(n.i) {
			out = append(out, n.n)
		}
	}
	if len(out) == 0 {
		return "general"
	}
	return strings.Join(out, "+")
}

// personWords are the ways citizens ask for a person rather than the
// assistant: a member of staff, the switchboard, a real person.
var personWords = []string{
	"gap can bo", "gap nhan vien", "gap nguoi", "gap tong dai", "gap truc tiep", "gap chuyen vien",
	"noi chuyen voi nguoi", "noi chuyen voi can bo", "noi chuyen voi nhan vien", "noi chuyen truc tiep",
	"noi chuyen voi tong dai", "tong dai vien", "nguoi that", "nhan vien tu van", "can bo tu van",
	"tu van vien", "chuyen cho can bo", "chuyen cho nguoi", "chuyen sang nguoi", "chuyen sang can bo",
	"ket noi voi can bo", "ket noi voi nguoi", "ket noi can bo", "ket noi nhan vien", "ket noi tong dai",
	"goi lai cho toi", "goi cho toi", "goi lai cho minh", "lien he voi can bo", "lien he can bo",
	"cho toi gap", "cho minh gap", "muon gap", "can gap nguoi", "nguoi ho tro", "can bo ho tro",
	"nhan vien ho tro", "chuyen vien ho tro", "khong phai may", "khong muon noi chuyen voi may",
	"gap con nguoi", "noi voi nguoi", "hoi nguoi that",
}

var personSet = newPhraseSet(personWords)

// asksForPerson reports whether the question asks to be passed to a person.
func asksForPerson(t text) bool { return personSet.in(t) }

// offTopicWords are everyday subjects that are not public services:
// weather, market prices, cooking, sport, entertainment, lottery,
// fortune-telling, homework. A question with one is out of scope unless
// it also fits the catalogue well and says a service in full (decide):
// "mở quán phở cần giấy an toàn thực phẩm" is in scope. They are written
// with their marks, which a word typed with marks must have: "người mua
// bảo em" is not a storm (mưa bão), "còn bao lâu" not a typhoon (cơn
// bão), "giấy đó là gì" not dollars (đô la), "bị sót tên" not a fever
// (bị sốt). A word typed without marks matches on its folded form, but
// for "mưa bão" ("=", setPhrase.strict): "nguoi mua bao phai xoa ho khau"
// is the buyer telling the seller; a storm typed bare is a big one.
var offTopicWords = []string{
	// thời tiết
	"thời tiết", "dự báo thời tiết", "nhiệt độ", "trời mưa", "có mưa không", "có mưa ko", "mưa lớn", "=mưa bão", "mua bao to", "mua bao lon", "nắng nóng", "cơn bão", "áp thấp",
	// giá cả, tài chính
	"giá vàng", "vàng sjc", "vàng 9999", "tỷ giá", "tỉ giá", "đô la", "usd", "giá usd", "giá xăng",
	"giá dầu", "chứng khoán", "cổ phiếu", "vn index", "vnindex", "bitcoin", "tiền ảo", "tiền điện tử",
	"lãi suất", "bảo hiểm nhân thọ", "nhân thọ", "lời nhất", "lãi nhất", "giá cả", "giá nhà đất",
	"giá iphone", "giá xe", "giá thịt", "giá lúa", "giá cà phê",
	"giá heo", "giá rau", "bao nhiêu một kg", "nên mua", "mua gì", "giá rẻ", "khuyến mãi", "giảm giá", "một ký", "một kí",
	"1 ký", "1 kí", "1 kg", "một kg",
	// mua bán, chọn nơi tốt rẻ: the state's fees and offices are not shopped for
	"được giá", "rẻ nhất", "nào rẻ", "ở đâu rẻ", "chỗ nào rẻ", "tốt nhất", "ở đâu tốt", "loại nào tốt",
	"hãng nào tốt", "hàng nào tốt", "mua loại nào", "mua ở đâu", "bán ở đâu",
	"nào tốt", "nào đẹp", "nào ngon", "nào uy tín", "uy tín nhất", "đẹp nhất", "ngon nhất", "mà rẻ",
	"phòng khám tư", "khám tốt", "chợ đầu mối", "nhập hàng", "mối hàng", "lấy sỉ",
	"bảo hiểm vật chất", "bảo hiểm thân vỏ", "trọn gói", "tốn xăng", "hao xăng", "chạy êm",
	"giá bao nhiêu", "giá tầm", "giá khoảng", "bao nhiêu một mét", "bao nhiêu 1 mét", "bao nhiêu một m2",
	"bao nhiêu 1 m2",
	// kinh doanh: lời lỗ is advice, the registration is the service;
	// printing and advertising are shops' work, not the state's
	"có lãi không", "có lời không", "danh thiếp", "in biển hiệu", "in ấn", "in tờ rơi", "in băng rôn",
	"làm biển quảng cáo", "chạy quảng cáo",
	// du lịch: not hotels and homestays, which report their guests
	"đặt phòng", "vé máy bay", "du lịch tự túc", "tour du lịch", "lịch trình", "nên đi mấy ngày", "đi chơi ở đâu",
	"chỗ nào đẹp", "khách sạn gần",
	// cưới hỏi: the customs, not the registration ("ăn hỏi" unmarked is
	// "công an hỏi")
	"lễ ăn hỏi", "tráp cưới", "sính lễ", "mâm quả", "ảnh cưới", "váy cưới", "thiệp cưới", "tiệc cưới",
	"mâm cỗ", "một mâm", "1 mâm",
	// nấu ăn
	"nấu", "cách nấu", "công thức nấu", "món ăn", "món ngon", "nấu ăn", "nấu phở", "làm bánh",
	"công thức làm", "ăn gì", "quán ăn ngon", "món gì", "ăn dặm", "trà sữa",
	"cách kho", "cách chiên", "cách xào", "cách luộc", "cách hầm", "cách làm món", "kho thịt", "kho cá",
	"cho ngon", "cho mềm", "cho giòn",
	// thể thao
	"bóng đá", "trận bóng", "xem bóng", "bóng chuyền", "world cup", "worldcup", "vô địch", "tỉ số", "tỷ số",
	"trận đấu", "đội tuyển", "cầu thủ",
	"ngoại hạng anh", "champions league", "euro", "sea games", "messi", "ronaldo", "bàn thắng", "đá banh",
	"đá với", "lịch thi đấu", "kênh nào chiếu", "xem trực tiếp",
	// giải trí, văn chương
	"bài thơ", "làm thơ", "viết thơ", "bài hát", "lời bài hát", "hát một", "ca sĩ", "phim", "xem phim",
	"đọc truyện", "truyện tranh", "kể chuyện", "truyện cười", "chuyện cười", "game", "trò chơi",
	"bài văn", "viết văn", "tiểu thuyết", "nghe nhạc", "bài nhạc", "lời chúc", "viết giùm", "viết giúp",
	// tips for an exam or a chore, not the procedure (not "mẹo" alone:
	// unmarked, "meo" is also Mèo Vạc)
	"mẹo học", "mẹo thi", "mẹo nhớ", "mẹo làm",
	// sức khỏe, làm đẹp
	"giảm cân", "tăng cân", "làm đẹp", "trang điểm", "tập gym", "tập thể dục", "ăn kiêng", "chữa bệnh",
	"uống thuốc gì", "đau bụng", "đau đầu", "bị sốt", "cảm cúm", "mụn trứng cá",
	"vàng da", "sổ mũi", "tiêu chảy", "dị ứng", "đau răng", "mất ngủ", "bị đau mắt", "đau mắt đỏ", "đau lưng",
	"huyết áp", "uống thuốc", "nổi mẩn", "hạ sốt", "sốt cao", "co giật", "đưa đi viện", "đưa vào viện",
	// xổ số, tử vi
	"xổ số", "xsmb", "xsmn", "kết quả xổ số", "lô đề", "tử vi", "phong thủy", "xem bói", "cung hoàng đạo",
	"tuổi nào hợp", "ngày tốt", "xem tuổi", "hợp tuổi", "tuổi tý", "tuổi tí", "tuổi sửu", "tuổi dần", "tuổi mão",
	"tuổi thìn", "tuổi ngọ", "tuổi mùi", "tuổi thân", "tuổi dậu", "tuổi tuất", "tuổi hợi",
	// tín ngưỡng: the rites, not the death registration
	"văn khấn", "bài khấn", "mâm cúng", "cúng giỗ", "đi chùa", "lễ chùa", "cầu siêu",
	// lịch sử, hỏi đáp: when a paper came about, not how to get it
	"lịch sử", "ra đời từ", "ra đời năm", "ra đời khi nào", "có từ năm nào", "có từ khi nào",
	// nhà cửa: the design, not the permit (not "nội thất" or "trang trí":
	// a furniture shop or a decorator registers a business)
	"thiết kế nhà", "mẫu nhà", "nhà đẹp", "phòng ngủ",
	// cửa hàng
	"tiệm chụp", "tiệm vàng", "tiệm sửa", "tiệm nào",
	// ngân hàng: savings, statements and credit are the bank's business
	// (not an account, a card or a loan: tax is paid and benefits are
	// drawn through an account or a card, "phải mở tài khoản ngân hàng
	// cho cty trước hả" before paying tax online, and a bank that lends
	// asks for a state paper, "vay ngân hàng mua nhà thì họ đòi giấy
	// chứng minh độc thân")
	"khóa tài khoản ngân hàng", "cây atm", "sao kê", "gửi tiết kiệm", "trả góp", "chuyển khoản nhầm",
	"thẻ tín dụng",
	// nơi làm việc: the employer's own rules
	"phép năm", "nghỉ phép", "ứng lương", "thử việc", "trừ lương", "tăng lương", "lương tháng 13",
	"thưởng tết", "tăng ca", "chấm công",
	// nhà trọ, chung cư: a landlord's and a building's own dealings
	"tiền cọc", "trả cọc", "tiền phòng", "giá phòng", "tìm phòng trọ", "tìm trọ", "tìm nhà trọ", "tìm nhà thuê",
	"ban quản lý chung cư", "phí quản lý", "phí gửi xe",
	// mua hàng trên mạng, nhà mạng, mạng xã hội (not "đơn hàng", which a
	// business lacks, nor "hoàn tiền", as tax is refunded, nor "thuê
	// bao", which typed bare is "thuế bao nhiêu")
	"giao hàng chậm", "mã giảm giá", "shopee", "lazada", "tiki",
	"nhà mạng", "gói cước", "sim chính chủ", "facebook",
	// điện, nước: the utility's tariff and bills, not a new connection
	// (not "tiền điện", which "nộp tiền điện tử" says)
	"giá điện", "điện bậc thang", "hóa đơn điện", "hóa đơn tiền điện", "giá nước", "hóa đơn nước",
	// dịch vụ tư: brokers, private schools and insurers, travel agents
	"môi giới", "hoa hồng", "trung tâm tiếng anh", "học phí", "luyện thi", "gia sư", "đáp án", "giải đề",
	"tư vấn du học",
	"bảo hiểm sức khỏe", "bảo hiểm xe máy", "bảo hiểm ô tô", "bảo hiểm oto", "bảo hiểm tai nạn",
	"visa du lịch", "công ty du lịch", "nhà thầu", "thợ xây", "phòng khám tư", "giá thuê",
	// whether a price asked is fair: the seller's, not a fee the state sets
	"đắt hay rẻ", "rẻ hay đắt",
	// interviews and what to wear: an employer's or a foreign consulate's
	// (a visa is a foreign state's; "lý lịch tư pháp để xin visa" asks
	// for a paper of ours)
	"nên mặc gì", "mặc gì cho", "phỏng vấn xin việc", "phỏng vấn visa", "phỏng vấn xin visa", "miễn visa",
	"miễn thị thực", "không cần visa", "không cần xin visa",
	// bài tập, linh tinh
	"giải toán", "bài tập", "phương trình", "dịch sang tiếng anh", "tiếng anh là gì",
	"tình yêu", "crush", "thủ đô của", "mấy giờ rồi", "hôm nay thứ mấy",
}

var offTopicSet = newPhraseSet(offTopicWords)

// offTopic reports whether the question names an everyday subject that
// is not a public service.
func offTopic(t text) bool { return offTopicSet.in(t) }

// offTopicOnlyForPurpose reports whether every everyday subject t names
// is in a clause of purpose (forPurpose). A question that asks something
// of a guide with one is about the guide (analyseApart): "mua cho bố cái
// xe máy điện để ông đi tập thể dục, cửa hàng bảo về tự làm giấy tờ để
// lắp biển". One that asks nothing of a guide is about the subject:
// "quán cà phê nào đẹp để chụp ảnh cưới".
func offTopicOnlyForPurpose(t text) bool {
	for _, s := range offTopicSet.find(t) {
		if !forPurpose(t, s) {
			return false
		}
	}
	return true
}

// purposeSet finds "để", the word of a clause of purpose, typed with
// its mark or bare.
var purposeSet = newPhraseSet([]string{"để"})

// purposeReach is how many words before an everyday subject "để" may be
// for the subject to be the purpose of what the citizen did or asks:
// "mua cho bố cái xe máy điện để ông đi tập thể dục".
const purposeReach = 4

// forPurpose reports whether span s of t is in a clause of purpose: "để"
// (or "de" typed without marks) up to purposeReach words before it, in
// the same phrase. "Vào Sài Gòn ở với con 6 tháng để chữa bệnh, có phải
// đăng ký tạm trú không" asks about residence, not about an illness.
func forPurpose(t text, s span) bool {
	p := t.phrases[s.p]
	for i := s.start - 1; i >= 0 && i >= s.start-purposeReach; i-- {
		if p[i] == "để" || p[i] == "de" {
			return true
		}
	}
	return false
}

// partnerWords name a sweetheart. A question about one is about love
// life ("bạn gái sắp sinh nhật nên tặng gì"), unless it names a service:
// couples who marry say who they marry ("em với người yêu định cưới, làm
// giấy kết hôn cần gì"), so these words are not a subject of their own
// as offTopicWords are.
var partnerWords = []string{"ban gai", "ban trai", "nguoi yeu"}

var partnerSet = newPhraseSet(partnerWords)

// namesPartner reports whether the question names a sweetheart. "Người
// yêu cầu" is the applicant of the legal texts ("người yêu cầu cấp bản
// sao"), not one.
func namesPartner(t text) bool {
	for _, s := range partnerSet.find(t) {
		if p := t.folded[s.p]; s.end < len(p) && p[s.end] == "cau" {
			continue
		}
		return true
	}
	return false
}

// everydayWhere are the words of asking where that an everyday subject
// may hold ("mua ở đâu", "bán chỗ nào"): they name nothing.
var everydayWhere = setOf("dau", "nao")

// ownsEveryday reports whether every everyday subject question a names
// is said by the phrasings of service id (its name, keywords, FAQs and
// their paraphrases), each a word few services have (generalWeight),
// but for function words. Such a subject is the service's own, not one
// of everyday life: "mua ở đâu", asked about renewing a
// health-insurance card that citizens "mua" ("mua bhyt"), asks where to
// buy the card, not for a shop; "mở xưởng làm bánh" and "nhận nấu cơm
// cho công nhân" are the food businesses the food-safety certificate's
// FAQs speak of, not baking or cooking. Only the names and keywords
// counted at first; the FAQs too (Nov 2026) answer three more questions
// of the sets written apart (testdata, ai, aj and ak: a bakery or a
// kitchen that needs the certificate) and one more follow-up, and turn
// away the same out-of-scope ones (words of every service, such as
// "giá" in "gia đình", or the follow-ups' filler, let five through).
func (m *model) ownsEveryday(a *analysis, id int32) bool {
	if id < 0 {
		return false
	}
	phrased := m.phrased[id]
	owned := true
	offTopicSet.each(a.text, func(s span) bool {
		said := 0
		for _, w := range a.text.folded[s.p][s.start:s.end] {
			if functionWords[w] || everydayWhere[w] {
				continue
			}
			t, ok := m.terms[w]
			if _, found := slices.BinarySearch(phrased, t); !ok || !found || m.weight[t] < m.generalWeight {
				owned = false
				return false
			}
			said++
		}
		owned = said > 0
		return owned
	})
	return owned
}
