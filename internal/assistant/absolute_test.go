package assistant

import "testing"

func TestAbsoluteText(t *testing.T) {
	a := &Answer{
		Answer: "Đăng ký khai sinh\n\nXem hướng dẫn đầy đủ: /dich-vu/dang-ky-khai-sinh\n" +
			"Cũng xem /dich-vu/dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai và (/phan-anh/PA-ABCDE-FGHJK).",
		Sources:  []Source{{URL: "/dich-vu/dang-ky-khai-sinh"}},
		CaseCode: "PA-ABCDE-FGHJK",
	}
	want := "Đăng ký khai sinh\n\nXem hướng dẫn đầy đủ: https://loa.example.vn/dich-vu/dang-ky-khai-sinh\n" +
		"Cũng xem /dich-vu/dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai và (https://loa.example.vn/phan-anh/PA-ABCDE-FGHJK)."
	if got := a.AbsoluteText("https://loa.example.vn/"); got != want {
		t.Errorf("AbsoluteText =\n%s\nwant\n%s", got, want)
	}
	// Already absolute: unchanged, not prefixed twice.
	a.Answer = want
	if got := a.AbsoluteText("https://loa.example.vn"); got != want {
		t.Errorf("absolute text changed:\n%s", got)
	}
	// No base: the text as it is.
	a.Answer = "Xem /dich-vu/dang-ky-khai-sinh"
	if got := a.AbsoluteText(""); got != a.Answer {
		t.Errorf("AbsoluteText(\"\") = %q", got)
	}
}
