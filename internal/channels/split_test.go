package channels

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkSplit verifies the invariants of Split: parts within the limit, no
// word (or link) cut, nothing lost or reordered.
func checkSplit(t *testing.T, text string, limit int) []string {
	t.Helper()
	parts := Split(text, limit)
	for i, p := range parts {
		if n := utf8.RuneCountInString(p); n > limit || n == 0 {
			t.Fatalf("part %d has %d characters (limit %d)", i, n, limit)
		}
	}
	if got, want := strings.Fields(strings.Join(parts, " ")), strings.Fields(text); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("words changed:\n got %q\nwant %q", got, want)
	}
	return parts
}

func TestSplitShortTextIsOnePart(t *testing.T) {
	if got := Split("  Xin chào!  ", 2000); len(got) != 1 || got[0] != "Xin chào!" {
		t.Fatalf("Split = %q", got)
	}
	if got := Split(" \n ", 10); len(got) != 0 {
		t.Fatalf("blank: %q", got)
	}
}

func TestSplitCountsCharactersNotBytes(t *testing.T) {
	// 1,500 Vietnamese characters are about 3,000 bytes: still one part.
	text := strings.Repeat("Đăng ký ", 187)
	if n := utf8.RuneCountInString(strings.TrimSpace(text)); n > 2000 || len(text) <= 2000 {
		t.Fatalf("fixture: %d runes, %d bytes", n, len(text))
	}
	if got := Split(text, 2000); len(got) != 1 {
		t.Fatalf("%d parts", len(got))
	}
}

func TestSplitPrefersParagraphsThenLinesThenSentences(t *testing.T) {
	para := strings.Repeat("a", 60) + "\n\n" + strings.Repeat("b", 30)
	if got := checkSplit(t, para, 80); got[0] != strings.Repeat("a", 60) {
		t.Fatalf("paragraph: %q", got)
	}
	lines := "Cần chuẩn bị:\n• Tờ khai\n• Giấy chứng sinh của bệnh viện\n• Căn cước của cha mẹ"
	got := checkSplit(t, lines, 60)
	if got[0] != "Cần chuẩn bị:\n• Tờ khai\n• Giấy chứng sinh của bệnh viện" {
		t.Fatalf("lines: %q", got)
	}
	sentences := "Nộp hồ sơ trực tuyến. Nhận kết quả tại nhà sau năm ngày làm việc nhé bạn"
	got = checkSplit(t, sentences, 40)
	if got[0] != "Nộp hồ sơ trực tuyến." {
		t.Fatalf("sentences: %q", got)
	}
	// The number of a list item stays with its text.
	items := "Các bước: 1. Đăng nhập VNeID 2. Chọn thủ tục"
	for _, p := range checkSplit(t, items, 30) {
		if strings.HasSuffix(p, "1.") || strings.HasSuffix(p, "2.") {
			t.Fatalf("item number cut from its text: %q", p)
		}
	}
}

var urlPattern = regexp.MustCompile(`https?://\S+`)

func TestSplitNeverCutsALinkOrAWord(t *testing.T) {
	link := "https://loa.gov.vn/dich-vu/dang-ky-khai-sinh-cho-tre-em-sinh-ra-o-viet-nam"
	var b strings.Builder
	for i := 0; b.Len() < 9000; i++ {
		b.WriteString("Bước tiếp theo là kiểm tra hồ sơ trên cổng ")
		b.WriteString(link)
		b.WriteString(" rồi chờ kết quả")
		if i%3 == 0 {
			b.WriteString(".\n")
		} else {
			b.WriteString(" ")
		}
	}
	text := b.String()
	for _, limit := range []int{100, 333, 2000} {
		parts := checkSplit(t, text, limit)
		if len(parts) < 2 {
			t.Fatalf("limit %d: %d parts", limit, len(parts))
		}
		for _, p := range parts {
			for _, u := range urlPattern.FindAllString(p, -1) {
				if strings.TrimRight(u, ".") != link {
					t.Fatalf("limit %d: link cut: %q", limit, u)
				}
			}
		}
	}
}

func TestSplitHardCutsOnlyAWordLongerThanTheLimit(t *testing.T) {
	word := strings.Repeat("x", 25)
	got := Split("ab "+word, 10)
	if strings.Join(got, "") != "ab"+word {
		t.Fatalf("Split = %q", got)
	}
	for _, p := range got {
		if utf8.RuneCountInString(p) > 10 {
			t.Fatalf("part too long: %q", p)
		}
	}
}
