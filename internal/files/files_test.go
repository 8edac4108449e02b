package files

import (
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		data string
		want string
	}{
		{"%PDF-1.7\n...", TypePDF},
		{"\xFF\xD8\xFF\xE0\x00\x10JFIF", TypeJPEG},
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", TypePNG},
		{"GIF89a", ""},
		{"<html><body>", ""},
		{"PK\x03\x04 a zip or a docx", ""},
		{"MZ\x90\x00 an exe named anh.png", ""},
		{"", ""},
		{"%PD", ""},
	} {
		got, ok := Sniff([]byte(tc.data))
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Sniff(%q) = %q, %v; want %q", tc.data, got, ok, tc.want)
		}
	}
}

func TestCleanName(t *testing.T) {
	for _, tc := range []struct{ name, ct, want string }{
		{"ảnh chụp.png", TypePNG, "ảnh chụp.png"},
		{`C:\Users\An\Giấy tờ.PDF`, TypePDF, "Giấy tờ.pdf"},
		{"../../etc/passwd", TypePDF, "passwd.pdf"},
		{"anh.exe", TypeJPEG, "anh.jpg"},
		{"say \"hi\"\r\n.png", TypePNG, "say _hi_ .png"},
		{"", TypePNG, "tep.png"},
		{".png", TypePNG, "tep.png"},
		{"hoa\u0300.jpg", TypeJPEG, "hòa.jpg"},
		{strings.Repeat("ả", 150) + ".pdf", TypePDF, strings.Repeat("ả", 100) + ".pdf"},
	} {
		if got := CleanName(tc.name, tc.ct); got != tc.want {
			t.Errorf("CleanName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 KB", 1: "1 KB", 320 << 10: "320 KB", 5 << 20: "5,0 MB", 4_980_000: "4,7 MB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
