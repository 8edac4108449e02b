package catalog

import (
	"strings"
	"testing"
)

func TestParseSplitSteps(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"inline markers", "Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.", []string{"Nộp hồ sơ.", "Nhận kết quả."}},
		{"dot markers and semicolons", "Bước 1. Làm đơn; Bước 2. Gửi đơn;", []string{"Làm đơn", "Gửi đơn"}},
		{"quoted marker without colon is not a step",
			"Bước 1: Phân loại. Bước 2: Xét theo 3 bước: Bước 1 xét nhóm A; Bước 2 xét nhóm B. Bước 3: Niêm yết.",
			[]string{"Phân loại.", "Xét theo 3 bước: Bước 1 xét nhóm A; Bước 2 xét nhóm B.", "Niêm yết."}},
		{"out-of-order marker is text", "Bước 1: A nêu tại Bước 3: x. Bước 2: B.", []string{"A nêu tại Bước 3: x.", "B."}},
		{"line breaks stay inside a step", "Bước 1: A\n- chi tiết\nBước 2: B", []string{"A\n- chi tiết", "B"}},
		{"heading dropped", "Trình tự thực hiện Bước 1: A. Bước 2: B.", []string{"A.", "B."}},
		{"missing Bước 1", "Trường hợp 1 gửi hồ sơ. Bước 2: Thẩm định. Bước 3: Quyết định.", []string{"Trường hợp 1 gửi hồ sơ.", "Thẩm định.", "Quyết định."}},
		{"lines without markers", "Nộp đơn.\n-\tXác minh:\n+ kiểm tra lại\n+ kết luận\n2. Trả lời.", []string{"Nộp đơn.", "Xác minh:\n+ kiểm tra lại\n+ kết luận", "Trả lời."}},
		{"one paragraph", "Nộp hồ sơ và nhận kết quả tại xã.", []string{"Nộp hồ sơ và nhận kết quả tại xã."}},
		{"single marker", "Bước 1: Nộp hồ sơ.", []string{"Nộp hồ sơ."}},
		{"no information", "Không có thông tin", nil},
	} {
		got := splitSteps(tc.in)
		if strings.Join(got, "¦") != strings.Join(tc.want, "¦") {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestParseStepLabel(t *testing.T) {
	for in, want := range map[string]string{
		"Bước 1: Nộp":      "Nộp",
		"bước 2. Nhận":     "Nhận",
		"3) Trả":           "Trả",
		"1.5 triệu đồng":   "1.5 triệu đồng",
		"2022 là năm":      "2022 là năm",
		"Bước đầu tiên là": "Bước đầu tiên là",
	} {
		if got := stepLabel.ReplaceAllString(in, ""); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
