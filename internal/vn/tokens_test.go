package vn

import (
	"slices"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Đăng ký CCCD-2024!", []string{"đăng", "ký", "cccd", "2024"}},
		{"  Cấp đổi giấy phép lái xe (GPLX) hạng B2 ", []string{"cấp", "đổi", "giấy", "phép", "lái", "xe", "gplx", "hạng", "b2"}},
		{"Khánh Hoà", []string{"khánh", "hòa"}},
		{"e-mail: a@b.vn", []string{"e", "mail", "a", "b", "vn"}},
		{"", nil},
		{"... !!", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPhrasesBreakAtPunctuation(t *testing.T) {
	got := Phrases("Liên thông thủ tục đăng ký khai sinh, đăng ký thường trú; cấp thẻ BHYT")
	want := [][]string{
		{"liên", "thông", "thủ", "tục", "đăng", "ký", "khai", "sinh"},
		{"đăng", "ký", "thường", "trú"},
		{"cấp", "thẻ", "bhyt"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Phrases = %q, want %q", got, want)
	}
}

func TestBigrams(t *testing.T) {
	if got, want := Bigrams([]string{"đăng", "ký", "khai", "sinh"}), []string{"đăng_ký", "ký_khai", "khai_sinh"}; !slices.Equal(got, want) {
		t.Errorf("Bigrams = %q, want %q", got, want)
	}
	if got := Bigrams([]string{"một"}); got != nil {
		t.Errorf("Bigrams of one token = %q, want nil", got)
	}
	// The separator can never be part of a token.
	if toks := Tokens("a" + BigramSep + "b"); len(toks) != 2 {
		t.Errorf("Tokens splits on BigramSep: got %q", toks)
	}
	if strings.ContainsAny(BigramSep, "abcdefghijklmnopqrstuvwxyz0123456789") {
		t.Errorf("BigramSep %q contains a token character", BigramSep)
	}
}
