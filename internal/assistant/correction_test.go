package assistant

import "testing"

func TestRejectedSpans(t *testing.T) {
	for q, want := range map[string]string{
		"à nhầm, cô bảo ngân hàng đòi giấy xác nhận cư trú chứ không phải giấy độc thân": "à nhầm | chứ không phải giấy độc thân",
		"không phải, thẻ của bà không hết hạn mà bị rách, ý em là xin đổi thẻ":           "không phải | không hết hạn mà",
		"em hỏi nhầm, ý em là đổi bằng lái":                                              "",
		// No correction: nothing is rejected.
		"giấy khai sinh ghi nhầm năm sinh thì sửa sao":        "",
		"không có sổ đỏ mà vẫn xây được không":                "",
		"con tôi 5 tuổi chứ không phải 15 thì làm được không": "chứ không phải 15 thì làm được không",
	} {
		checkSpans(t, rejectedSpans, q, want)
	}
}

func TestDecideCorrections(t *testing.T) {
	tests := []struct{ context, q, want string }{
		{"xac-nhan-tinh-trang-hon-nhan", "à nhầm, cô bảo ngân hàng đòi giấy xác nhận cư trú chứ không phải giấy độc thân", "xac-nhan-thong-tin-cu-tru"},
		{"gia-han-the-bhyt-ho-gia-dinh", "không phải, thẻ của bà không hết hạn mà bị rách, ý em là xin đổi thẻ", "cap-lai-the-bhyt"},
		// Saying it was misunderstood frees the question from the service
		// in context, though it names a paper the citizen lacks.
		{"dang-ky-bien-dong-dat-dai", "nhầm, đất bố mẹ chưa có sổ, giờ làm sổ lần đầu", "cap-giay-chung-nhan-quyen-su-dung-dat"},
		{"dinh-danh-dien-tu-vneid", "à k, ý là con tôi chưa có cccd, làm cho nó trước", "cap-the-can-cuoc"},
		// A contrast of the case is no mistake.
		{"xac-nhan-thong-tin-cu-tru", "Nhà mình chỉ có tạm trú chứ không có thường trú ở đây thì xin được không?", "xac-nhan-thong-tin-cu-tru"},
		// A correction of the case stays with the service.
		{"cap-ho-chieu-pho-thong", "à nhầm, bé 5 tuổi chứ không phải 15, thì cần giấy gì", "cap-ho-chieu-pho-thong"},
	}
	for _, tt := range tests {
		checkAnswer(t, tt.context, tt.q, tt.want)
	}
}
