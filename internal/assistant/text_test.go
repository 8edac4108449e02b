package assistant

import "testing"

func TestAnalyzeExpandsShorthand(t *testing.T) {
	tests := []struct{ in, want string }{
		{"dk tam tru ko, dc k?", "đăng ký tam tru không, được không"},
		{"lam dc hk", "lam được không"},
		// After a word that goes with it, hk is the household register.
		{"cty đòi sổ hk", "cty đòi sổ hộ khẩu"},
		{"nhập hk cho bé đc ko", "nhập hộ khẩu cho bé được không"},
		{"hk biết làm sao", "không biết làm sao"},
		// "con" typed bare between a verb and "được" is còn.
		{"gio lam con duoc khong", "gio lam còn duoc khong"},
		{"lam cho con duoc khong", "lam cho con duoc khong"},
		// Before where or whose, hk is the household register.
		{"còn hk ở quê có phải xóa ko", "còn hộ khẩu ở quê có phải xóa không"},
		{"hk chua co thi sao", "hộ khẩu chua co thi sao"},
		{"mn ơi", "mọi người ơi"},
		{"tiền về tk chưa", "tiền về tài khoản chưa"},
		// nv is an admission wish only after its verbs.
		{"dk nv vao cao dang", "đăng ký nguyện vọng vao cao dang"},
		{"nv ơi", "nv ơi"},
		// bh is insurance after the words of paying into it.
		{"đóng bh 8 tháng", "đóng bảo hiểm 8 tháng"},
		{"bh làm sao", "bh làm sao"},
		// Central speech without marks, after the words that go with it.
		{"nop o mo rua", "nop o đâu vậy"},
		{"mat bao lau rua em", "mat bao lau vậy em"},
		{"rua xe o dau", "rua xe o dau"},
		// A clause of its own in a list, hk is the household register.
		{"lam 1 lan ca khai sinh, hk, bhyt", "lam 1 lan ca khai sinh, hộ khẩu, bhyt"},
		{"lam dc ko, hk", "lam được không, không"},
		{"qua han co rang khong", "qua han co sao khong"},
		{"di mo o benh vien", "di mo o benh vien"},
	}
	for _, tt := range tests {
		if got := analyze(tt.in).query(); got != tt.want {
			t.Errorf("analyze(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnalyzeReadsRegionalWords(t *testing.T) {
	tests := map[string]string{
		"làm giấy khai sanh có cần đem giấy chứng sinh hông dzậy": "làm giấy khai sinh có cần đem giấy chứng sinh không vậy",
		"má tui biểu mần hộ khẩu":                                 "mẹ tôi bảo làm hộ khẩu",
		"con dâu mới đẻ, để làm giấy":                             "con dâu mới sinh, để làm giấy",
		"nộp ở mô rứa":                                            "nộp ở đâu vậy",
		// Folded, "hồng" and "mã" would be "hông" and "má": only the
		// words as typed are read.
		"sổ hồng và mã số thuế": "sổ hồng và mã số thuế",
	}
	for in, want := range tests {
		if got := analyze(in).query(); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// TestTypedFrom: words typed exactly so, from a phrase on; bare spellings
// are other words.
func TestTypedFrom(t *testing.T) {
	tx := analyze("mẹ tôi mất rồi, nhân tiện cho hỏi")
	if !tx.typedFrom(1, "nhân", "tiện") || tx.typedFrom(2, "nhân", "tiện") || tx.typedFrom(0, "tiện", "nhân") {
		t.Error("nhân tiện, typed with marks in the second phrase")
	}
	if analyze("nhan tien o dau").typedFrom(0, "nhân", "tiện") {
		t.Error("nhan tien typed bare is nhận tiền")
	}
}

func TestTypedWithMarks(t *testing.T) {
	for q, want := range map[string]bool{
		"thẻ chưa được gia hạn":            true,
		"the chua duoc gia han":            false,
		"lam cccd o đâu":                   false, // one mark the keyboard put
		"đổi gplx":                         false, // too few syllables to tell
		"Đăng ký khai sinh cho con ở đâu?": true,
		"": false,
	} {
		if got := typedWithMarks(analyze(q)); got != want {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
}
