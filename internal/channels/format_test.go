package channels

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/assistant"
)

func TestChatTextAnsweredMakesTheSourceAbsolute(t *testing.T) {
	a := &assistant.Answer{Status: assistant.StatusAnswered,
		Answer:  "Đăng ký khai sinh\n\nCần chuẩn bị:\n• Tờ khai\n\nXem hướng dẫn đầy đủ: /dich-vu/dang-ky-khai-sinh",
		Sources: []assistant.Source{{Slug: "dang-ky-khai-sinh", Title: "Đăng ký khai sinh", URL: "/dich-vu/dang-ky-khai-sinh"}}}
	got := ChatText(a, "https://loa.example.vn/")
	if !strings.HasSuffix(got, "Xem hướng dẫn đầy đủ: https://loa.example.vn/dich-vu/dang-ky-khai-sinh") {
		t.Fatalf("link not absolute:\n%s", got)
	}
	if strings.Count(got, "/dich-vu/dang-ky-khai-sinh") != 1 {
		t.Fatalf("link repeated:\n%s", got)
	}
	// An engine configured with the base URL already writes it: unchanged.
	a.Answer = strings.Replace(a.Answer, ": /dich", ": https://loa.example.vn/dich", 1)
	if got2 := ChatText(a, "https://loa.example.vn"); got2 != got {
		t.Fatalf("absolute link changed:\n%s", got2)
	}
	// A source the text does not link is added.
	a.Answer = "Đăng ký khai sinh\n\nMất bao lâu:\n3 ngày"
	if got := ChatText(a, "https://loa.example.vn"); !strings.HasSuffix(got, "Nguồn: Đăng ký khai sinh – https://loa.example.vn/dich-vu/dang-ky-khai-sinh") {
		t.Fatalf("source not added:\n%s", got)
	}
}

func TestChatTextLeavesLongerPathsAlone(t *testing.T) {
	a := &assistant.Answer{Status: assistant.StatusAnswered,
		Answer:  "Xem /dich-vu/ho-chieu-pho-thong và /dich-vu/ho-chieu.",
		Sources: []assistant.Source{{Title: "Hộ chiếu", URL: "/dich-vu/ho-chieu"}}}
	got := ChatText(a, "https://x.vn")
	if got != "Xem /dich-vu/ho-chieu-pho-thong và https://x.vn/dich-vu/ho-chieu." {
		t.Fatalf("ChatText = %q", got)
	}
}

func TestChatTextClarifyIsNumbered(t *testing.T) {
	opts := []assistant.Option{{Slug: "a", Title: "Cấp hộ chiếu"}, {Slug: "b", Title: "Gia hạn hộ chiếu"}}
	a := &assistant.Answer{Status: assistant.StatusClarify, Options: opts,
		Answer: "Bạn muốn hỏi về thủ tục nào? Nhắn số thứ tự hoặc chọn một thủ tục:\n1. Cấp hộ chiếu\n2. Gia hạn hộ chiếu"}
	if got := ChatText(a, "https://x.vn"); got != a.Answer {
		t.Fatalf("already numbered, changed:\n%s", got)
	}
	a.Answer = "Bạn muốn hỏi về thủ tục nào?"
	got := ChatText(a, "https://x.vn")
	if !strings.Contains(got, "\n1. Cấp hộ chiếu\n2. Gia hạn hộ chiếu") || !strings.Contains(got, "Nhắn số thứ tự") {
		t.Fatalf("options not numbered:\n%s", got)
	}
}

func TestChatTextHandoff(t *testing.T) {
	a := &assistant.Answer{Status: assistant.StatusHandoff, CaseCode: "PA-2026-000123",
		Answer: "Mã theo dõi của bạn: PA-2026-000123.\nTrả lời tại trang theo dõi /phan-anh/PA-2026-000123 — hãy lưu mã.\nCần hỗ trợ gấp, bạn gọi tổng đài 1800 1096."}
	got := ChatText(a, "https://x.vn")
	if !strings.Contains(got, "https://x.vn/phan-anh/PA-2026-000123") || !strings.Contains(got, "1800 1096") {
		t.Fatalf("handoff:\n%s", got)
	}
	if strings.Contains(got, "<") {
		t.Fatalf("markup in chat text:\n%s", got)
	}
}
