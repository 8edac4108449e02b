package assistant

import "testing"

func TestCopiedSpans(t *testing.T) {
	tests := []struct{ q, want string }{
		{"cần mấy bản sao có chứng thực sổ đỏ với giấy khai sinh nhưng ngại xếp hàng", "sổ đỏ với giấy khai sinh"},
		{"Tui cần sao y cái sổ đỏ với căn cước để nộp hồ sơ vay vốn mở quán, làm trên mạng được không", "sổ đỏ với căn cước để nộp hồ sơ vay vốn mở quán"},
		{"ban sao so do chung thuc online co gia tri khong", "so do"},
		{"chứng thực bản sao ở đâu", ""},
		{"làm sổ đỏ ở đâu", ""},
	}
	for _, tt := range tests {
		checkSpans(t, copiedSpans, tt.q, tt.want)
	}
}

// TestDecideSetsAsideThePaperCopied: the paper to copy is named more
// fully than the copy wanted; read without it, the question names the
// copy. A paper whose copy the copy wanted does not name stays: "bản
// sao giấy kết hôn" is the civil-status extract.
func TestDecideSetsAsideThePaperCopied(t *testing.T) {
	for q, want := range map[string]string{
		"Cô ơi cháu ở tổ công nghệ số cộng đồng, có bác hàng xóm cần mấy bản sao có chứng thực sổ đỏ với giấy khai sinh nhưng ngại xếp hàng ở xã, có cách nào làm qua mạng không ạ?": "chung-thuc-ban-sao",
		"Tui cần sao y cái sổ đỏ với căn cước để nộp hồ sơ vay vốn mở quán, làm trên mạng được không hè?":                                                                            "chung-thuc-ban-sao",
		"Tôi cần thêm mấy bản sao giấy đăng ký kết hôn để nộp hồ sơ vay, xin ở ủy ban xã được không, mỗi bản tốn bao nhiêu?":                                                         "cap-ban-sao-trich-luc-ho-tich",
	} {
		if r := ask(State{}, q); r.status != StatusAnswered || slugOf(r) != want {
			t.Errorf("%q: %s %s, want %s", q, r.status, slugOf(r), want)
		}
	}
}
