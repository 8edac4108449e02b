package assistant

import (
	"testing"
)

func TestIntentsOf(t *testing.T) {
	tests := []struct {
		q    string
		want Intent
	}{
		{"Đăng ký khai sinh cần giấy tờ gì?", IntentDocuments},
		{"dang ky khai sinh can giay to gi", IntentDocuments},
		{"làm hộ chiếu cần chuẩn bị những gì", IntentDocuments},
		{"ho so gom nhung gi", IntentDocuments},
		{"các bước đăng ký kết hôn", IntentSteps},
		{"lam the nao de doi bang lai", IntentSteps},
		{"lệ phí bao nhiêu", IntentFee},
		{"het bao nhieu tien vay", IntentFee},
		// "thì sao", "có khác không" ask what applies in a case, when
		// nothing else is asked.
		{"tháng này quên đi báo thì sao", IntentConditions},
		{"khách nước ngoài thì có khác ko em", IntentConditions},
		{"còn bằng lái thì sao, mất bao lâu", IntentTime},
		// What a benefit pays is in the cost section too.
		{"tiền mai táng được bao nhiêu", IntentFee},
		{"that nghiep moi thang lanh bao nhieu", IntentFee},
		{"được nghỉ bao nhiêu ngày", IntentTime},
		{"gồm những bước nào", IntentSteps},
		{"hạn chót là ngày nào", IntentTime},
		{"báo bằng điện thoại được không", IntentWhere},
		{"le phi bn", IntentFee}, // chat shorthand
		{"mất bao lâu thì có", IntentTime},
		{"may ngay co ket qua", IntentTime},
		{"nộp ở đâu", IntentWhere},
		{"xin ở phường hay lên sở", IntentWhere},
		{"có phải về quê làm ko", IntentWhere},
		{"lam online duoc ko", IntentWhere},
		{"ai được hưởng", IntentWho},
		{"điều kiện để được hưởng là gì", IntentConditions},
		{"sinh viên có phải đăng ký tạm trú không", IntentConditions},
		{"mất bao lâu, hết bao nhiêu tiền", IntentTime | IntentFee},
		{"đăng ký kết hôn", 0},
		{"cap so do lan dau", 0},
		// "có căn" typed with its marks is no "có cần".
		{"trong ví có căn cước", 0},
		{"co can cccd khong", IntentConditions},
	}
	for _, tt := range tests {
		got, _ := intentsOf(analyze(tt.q), nil)
		if got != tt.want {
			t.Errorf("%q: %s, want %s", tt.q, got, tt.want)
		}
	}
}

func TestTopicSetsIntentWordsAside(t *testing.T) {
	tests := []struct{ q, topic string }{
		{"Đăng ký khai sinh cần giấy tờ gì?", "đăng ký khai sinh"},
		{"thủ tục xóa thường trú mất bao lâu", "xóa thường trú"},
		{"dk ket hon o dau", "đăng ký ket hon"},
	}
	for _, tt := range tests {
		txt := analyze(tt.q)
		_, spans := intentsOf(txt, nil)
		if got := txt.without(spans).query(); got != tt.topic {
			t.Errorf("%q: topic %q, want %q", tt.q, got, tt.topic)
		}
	}
}

// TestIntentWordsDoNotCutNames: an intent phrase that overlaps part of a
// name of the table of abbreviations and everyday names is not read, so
// the name stays in the topic whole.
func TestIntentWordsDoNotCutNames(t *testing.T) {
	tests := []struct {
		q, topic string
		want     Intent
	}{
		// "bị phạt" (is one fined?) would take "phạt" from "phạt nguội".
		{"bị phạt nguội nộp ở đâu", "bị phạt nguội", IntentWhere},
		{"bi phat nguoi nop o dau", "bi phat nguoi", IntentWhere},
		// "làm sao" (how) would take "sao" from "sao y" (certified copy).
		{"làm sao y ở đâu", "làm sao y", IntentWhere},
		// A whole intent phrase beside a name is read as before.
		{"đi xe không đội mũ có bị phạt không", "đi xe không đội mũ, không", IntentConditions},
		// One inside a name too, when the rest of the name tells nothing:
		// "nộp online" asks where, "đóng tiền thuế" asks nothing of a fee.
		{"xin phép xây nhà nộp online được không", "xin phép xây nhà nộp", IntentWhere},
		{"công ty muốn đóng tiền thuế qua mạng", "công ty muốn đóng tiền thuế", IntentWhere},
	}
	for _, tt := range tests {
		txt := analyze(tt.q)
		got, spans := intentsOf(txt, txt.names(demoSyn))
		if got != tt.want {
			t.Errorf("%q: %s, want %s", tt.q, got, tt.want)
		}
		if topic := txt.without(spans).query(); topic != tt.topic {
			t.Errorf("%q: topic %q, want %q", tt.q, topic, tt.topic)
		}
	}
	// Without the table the intent phrase is read.
	txt := analyze("bị phạt nguội nộp ở đâu")
	if got, _ := intentsOf(txt, nil); got&IntentWhere == 0 {
		t.Errorf("without names: %s", got)
	}
}

func TestAsksForPerson(t *testing.T) {
	for _, q := range []string{"gặp cán bộ", "gap can bo", "Cho tôi nói chuyện với người thật", "tổng đài viên đâu", "toi muon gap nhan vien ho tro"} {
		if !asksForPerson(analyze(q)) {
			t.Errorf("%q: not a request for a person", q)
		}
	}
	for _, q := range []string{"cán bộ tư pháp xác minh mất bao lâu", "đăng ký khai sinh", "người cao tuổi được trợ cấp"} {
		if asksForPerson(analyze(q)) {
			t.Errorf("%q: taken for a request for a person", q)
		}
	}
}

func TestOffTopic(t *testing.T) {
	for _, q := range []string{"thời tiết hôm nay", "gia vang sjc", "cách nấu phở", "ai vô địch world cup", "xổ số miền bắc", "mai Hà Nội đá với Hải Phòng lúc mấy giờ",
		"mua điện thoại cũ ở đâu rẻ nhất", "xe máy cũ bán chỗ nào được giá", "tuổi dần năm nay làm nhà có hợp không",
		"mua bảo hiểm nhân thọ cho con gói nào lời nhất", "bé 6 tháng ăn dặm nên bắt đầu bằng món gì",
		"Ad biết chỗ nào in biển hiệu với danh thiếp rẻ không?", "in to roi quang cao quan an o dau",
		"Cháu biết phòng khám mắt tư nào trên này khám tốt mà không phải chờ lâu không?",
		"Cháu biết chợ đầu mối nào ở Hà Nội nhập hàng tạp hoá rẻ không?",
		"lễ ăn hỏi mang mấy tráp", "thue phong tro gan dh bach khoa gia tam bao nhieu", "mua xe Vision hay Lead thì đỡ tốn xăng hơn",
		"trẻ sơ sinh bị vàng da thì nên làm gì", "mẹo học thi lý thuyết bằng lái cho nhanh thuộc",
		"viết giùm mình lời chúc đám cưới", "mo quan tra sua co lai khong", "quán cà phê nào đẹp để chụp ảnh cưới",
		"bố bị đau mắt mấy hôm nay", "à mà mai Hà Nội có mưa ko bạn", "cà phê robusta giờ bao nhiêu 1 ký",
		"Bà hay bị tăng huyết áp buổi sáng, nên uống thuốc trước hay sau ăn?",
		// A private party's own business: the bank's, the employer's, the
		// landlord's, a shop's, a broker's, a network's.
		"gửi tiết kiệm ở ngân hàng nào lãi cao", "xin ung luong truoc giua thang", "dang thu viec 2 thang",
		"chủ nhà không trả tiền cọc", "may gio toi nay co tran bong vn vay ban", "dap an de toan thi thpt nam nay", "tim phong tro gan dh bach khoa tam 2 trieu 1 thang", "tiện hỏi giá phòng trọ ở Dĩ An giờ tầm bao nhiêu", "giá điện bậc thang hiện nay thế nào", "nhà mạng bắt cập nhật thông tin", "môi giới nhà đất lấy bao nhiêu phần trăm",
		"học phí trung tâm tiếng anh", "mua bảo hiểm xe máy ở đâu", "khám ở phòng khám tư được không",
		// Recipes by their ways of cooking and what they aim for.
		"cach kho ca loc", "thịt ba chỉ luộc bao lâu cho mềm", "chiên khoai tây sao cho giòn",
		// A price's fairness, an interview, a foreign state's visa.
		"công ty xuất khẩu lao động thu phí đi Nhật 150 triệu là đắt hay rẻ",
		"đi phỏng vấn xin việc nên mặc gì cho lịch sự", "phong van visa du hoc my thuong hoi gi",
		"hộ chiếu Việt Nam đi được những nước nào không cần xin visa"} {
		if !offTopic(analyze(q)) {
			t.Errorf("%q: not off topic", q)
		}
	}
	for _, q := range []string{"đăng ký khai sinh", "gia hạn thẻ bảo hiểm y tế", "giá trị gia tăng",
		"tốt nghiệp năm nào thì thi lại", "bao nhiêu tuổi thì làm căn cước", "thuế khoán nộp bao nhiêu 1 kỳ",
		// Words that fold as an everyday subject's but are typed otherwise.
		"người mua bảo em phải cắt hộ khẩu", "ban nha roi nhung nguoi mua bao phai xoa ho khau cua gia dinh toi, lam o dau", "hộ chiếu còn bao lâu thì hết hạn", "giấy khai sinh bị sót tên",
		"giấy đó là giấy gì",
		// A bare syllable in a question typed with marks is bare.
		"đóng tiền rồi mà thẻ vẫn chưa được gia hạn",
		// Hotels and homestays report their guests; unmarked "an hoi" is
		// "công an hỏi", not a betrothal.
		"mở homestay thì báo khách lưu trú thế nào", "khách sạn khai báo lưu trú", "cong an hoi giay tam tru",
		"toi o Meo Vac, lam giay khai sinh cho con",
		// "đau mắt" alone folds as "để đâu mất".
		"giay khai sinh de dau mat roi gio xin lai sao",
		// An account, a card, a loan: tax is paid and benefits drawn
		// through them, and a bank asks for state papers; "thue bao" bare
		// is "thuế bao (nhiêu)".
		"phải mở tài khoản ngân hàng cho cty trước hả", "nop thue bang the ngan hang duoc khong",
		"vay ngân hàng mua nhà thì họ đòi giấy xác nhận độc thân", "nop thue bao nhieu",
		"được hoàn tiền thuế thu nhập", "tạm ngừng kinh doanh do thiếu đơn hàng",
		// A paper of ours for a visa; a marriage interview.
		"lam ly lich tu phap so 2 de xin visa mat may ngay", "đăng ký kết hôn có bị phỏng vấn không"} {
		if offTopic(analyze(q)) {
			t.Errorf("%q: off topic", q)
		}
	}
	// Typed without marks, the folded form is all there is to go on; with
	// them, the marks decide.
	if !offTopic(analyze("mua bao to qua")) || !offTopic(analyze("Mưa bão ở miền Trung")) {
		t.Error("a storm, with or without marks: not off topic")
	}
	if offTopic(analyze("mưa bảo")) {
		t.Error("mưa bảo: taken for mưa bão")
	}
}

func TestNamesPartner(t *testing.T) {
	for _, q := range []string{"bạn gái tôi", "nguoi yeu em gian", "Bạn Trai"} {
		if !namesPartner(analyze(q)) {
			t.Errorf("%q: no partner", q)
		}
		if offTopic(analyze(q)) {
			t.Errorf("%q: a partner is not a subject of its own", q)
		}
	}
	if namesPartner(analyze("người yêu cầu cấp bản sao")) {
		t.Error("người yêu cầu: taken for a partner")
	}
}

// TestOffTopicOnlyForPurpose: an everyday subject after "để" is the
// purpose of what the citizen did; one anywhere else is a subject.
func TestOffTopicOnlyForPurpose(t *testing.T) {
	for q, want := range map[string]bool{
		"Tôi vừa mua cho bố cái xe máy điện để ông đi tập thể dục, cửa hàng bảo về tự đi làm giấy tờ để lắp biển": true,
		"ông bà vào Sài Gòn ở với con 6 tháng de chua benh, có phải đăng ký tạm trú không":                        true,
		"quán cà phê nào đẹp để chụp ảnh cưới":                                                                    false, // "nào đẹp"
		"quán cà phê nào ở Đà Lạt đẹp để chụp ảnh cưới":                                                           true,
		"thời tiết mai thế nào để đi chơi":                                                                        false,
		"giá vàng hôm nay bao nhiêu":                                                                              false,
	} {
		if got := offTopicOnlyForPurpose(analyze(q)); got != want {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
	// Asking something of a guide, the purpose is the citizen's case;
	// asking nothing of one, it is the subject.
	m, ix := demo()
	if a := analyse(m, ix, demoSyn, "Ông bà tôi vào Sài Gòn ở với con 6 tháng để chữa bệnh, có phải đăng ký tạm trú không"); a.offTopic {
		t.Error("a stay to be treated, asking whether to register: off topic")
	}
	if a := analyse(m, ix, demoSyn, "Quán cà phê nào ở Đà Lạt đẹp để chụp ảnh cưới?"); !a.offTopic {
		t.Error("a café for wedding photos: not off topic")
	}
}
