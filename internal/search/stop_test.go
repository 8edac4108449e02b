package search

import (
	"slices"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

func TestStopMask(t *testing.T) {
	tests := []struct {
		query string
		want  []bool
	}{
		{"đăng ký khai sinh như thế nào", []bool{false, false, false, false, true, true, true}},
		{"dang ky khai sinh nhu the nao", []bool{false, false, false, false, true, true, true}},
		// Folded, "the" is also thẻ and "can" also căn: content words.
		{"the can cuoc", []bool{false, false, false}},
		{"thẻ căn cước", []bool{false, false, false}},
		// With marks, "thế" and "cần" are function words.
		{"cần thế", []bool{true, true}},
		// "thu tuc" is a question phrase; "thu hoi" is not.
		{"thu tuc thu hoi", []bool{true, true, false, false}},
		{"lam ho chieu o dau", []bool{false, false, false, true, true}},
		{"khai bao thoi han sua chua", []bool{false, false, false, false, false, false}},
		{"bao lau", []bool{true, true}},
	}
	for _, tt := range tests {
		acc := vn.Tokens(tt.query)
		folded := foldAll(acc)
		hasAccents := !slices.Equal(acc, folded)
		if got := stopMask(acc, folded, hasAccents); !slices.Equal(got, tt.want) {
			t.Errorf("stopMask(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestStopFoldedAreUnambiguous(t *testing.T) {
	// Folded stop words must not fold from content words the catalogue
	// uses; these would be lost if they were listed.
	for _, content := range []string{"căn", "thẻ", "mã", "cơ", "đầu", "sao", "thi", "minh", "đề", "đỏ", "thu", "lâm", "báo", "hồi", "thời", "chữa"} {
		if stopFolded[vn.Fold(content)] {
			t.Errorf("stopFolded has %q, the fold of the content word %q", vn.Fold(content), content)
		}
	}
}
