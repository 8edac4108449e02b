package vn

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đăng ký khai sinh", "dang ky khai sinh"},
		{"ĐỒNG", "dong"},
		{"giấy phép lái xe", "giay phep lai xe"},
		{"Nguyễn Thị Thủy", "nguyen thi thuy"},
		{"người được", "nguoi duoc"},
		{norm.NFD.String("Khánh Hòa"), "khanh hoa"},
		{"hoà", "hoa"},
		{"Ðà Nẵng", "da nang"}, // Icelandic eth for Đ, as old encodings wrote it
		{"CCCD 001099012345", "cccd 001099012345"},
		{"café", "cafe"},
		{"", ""},
		{"a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldEqualForAccentedAndPlain(t *testing.T) {
	for _, p := range [][2]string{{"Sổ đỏ", "so do"}, {"HỘ KHẨU", "ho khau"}, {"thuý", "thúy"}} {
		if Fold(p[0]) != Fold(p[1]) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q; want equal", p[0], Fold(p[0]), p[1], Fold(p[1]))
		}
	}
}
