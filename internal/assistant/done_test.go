package assistant

import (
	"strings"
	"testing"
)

func TestDoneSpans(t *testing.T) {
	tests := []struct {
		q    string
		done string // the folded words set aside, phrases joined by " | "; "" for none
	}{
		{"mình đã xin được giấy xác nhận tình trạng hôn nhân rồi, giờ đăng ký kết hôn ở đâu",
			"minh da xin duoc giay xac nhan tinh trang hon nhan roi"},
		{"nộp phạt xong rồi giờ muốn đổi bằng lái", "nop phat xong roi"},
		{"xin xong lý lịch tư pháp để đi Nhật rồi, mà bên đó đòi thêm giấy độc thân",
			"xin xong ly lich tu phap de di nhat roi"},
		{"sau khi làm giấy khai sinh cho cháu xong thì nhập khẩu thế nào",
			"sau khi lam giay khai sinh cho chau xong"},
		{"xét tuyển đại học thì để sau, đăng ký thi tốt nghiệp ở đâu", "xet tuyen dai hoc thi de sau"},
		// A state, a loss or a word that only folds like an act is the case.
		{"hộ chiếu hết hạn rồi, làm lại online được không", ""},
		{"tôi làm mất bằng lái rồi, xin lại có phải thi không", ""},
		{"tui làm rớt cái thẻ căn cước ngoài chợ rồi, làm lại sao", ""},
		{"căn cước bị gãy đôi rồi, đi cấp lại cần mang gì", ""},
		// An act in a paper's name is no act: the paper was lost.
		{"mat giay dang ky ket hon roi, lam lai the nao", ""},
		{"mất giấy khai sinh rồi, xin lại ở đâu", ""},
		// Not yet done, and a last clause alone, are what is asked.
		{"tôi đã nộp hồ sơ mà chưa nhận được, giờ làm sao", ""},
		{"tôi đã đăng ký tạm trú", ""},
		{"đã nộp hồ sơ rồi", ""},
	}
	for _, tt := range tests {
		a := analyze(tt.q)
		got := a.only(doneSpans(a)).folded
		var parts []string
		for _, p := range got {
			parts = append(parts, strings.Join(p, " "))
		}
		if s := strings.Join(parts, " | "); s != tt.done {
			t.Errorf("%q: done %q, want %q", tt.q, s, tt.done)
		}
	}
}

func TestDecideSetsAsideWhatIsDone(t *testing.T) {
	tests := []struct {
		ctx, q, want string
	}{
		{"", "tôi đã có phiếu lý lịch tư pháp rồi, giờ cần chứng thực bản sao bằng đại học ở đâu", "chung-thuc-ban-sao"},
		{"", "nộp phạt giao thông xong rồi, giờ muốn đổi bằng lái ô tô sắp hết hạn", "cap-doi-giay-phep-lai-xe"},
		{"", "mình đã xin giấy xác nhận tình trạng hôn nhân rồi, đăng ký kết hôn ở đâu", "dang-ky-ket-hon"},
		{"", "đã gia hạn bhyt hộ gia đình rồi, mà thẻ của mẹ bị rách, giờ xin cấp lại thẻ", "cap-lai-the-bhyt"},
		// The case, not a service done.
		{"", "hộ chiếu hết hạn rồi, làm lại online được không", "cap-ho-chieu-pho-thong"},
		// A rest that names nothing asks on about the service done.
		{"", "lltp nộp trên vneid rồi thì bao lâu có, nhận bản giấy ở đâu", "cap-phieu-ly-lich-tu-phap"},
		// What was done of the service in context is its sequel.
		{"thay-doi-cai-chinh-ho-tich", "đổi tên xong thì giấy khai sinh cũ còn dùng được không", "thay-doi-cai-chinh-ho-tich"},
	}
	for _, tt := range tests {
		checkAnswer(t, tt.ctx, tt.q, tt.want)
	}
}

// TestDecideHasThenAsks: in a conversation, a question that tells
// another service as had or done and asks nothing more is about the
// service in context; "cho rồi" and "làm xong bao lâu" tell nothing done.
func TestDecideHasThenAsks(t *testing.T) {
	tests := []inContextCase{
		{"dinh-danh-dien-tu-vneid", "e co cccd gan chip roi thi can j nua", "dinh-danh-dien-tu-vneid"},
		{"tro-cap-that-nghiep", "ảnh hỏi thêm, hay là rút bhxh 1 lần luôn cho rồi, thủ tục sao", "huong-bhxh-mot-lan"},
		{"xoa-dang-ky-thuong-tru", "thương trú làm xong bao lâu", "dang-ky-thuong-tru"},
	}
	checkInContext(t, tests)
}
