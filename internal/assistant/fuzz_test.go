package assistant

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/vn"
)

// FuzzAnalyze holds the question analysis to any input: it never panics,
// its tokens are folded and valid UTF-8, the intents read the same with
// and without diacritics, and the topic is a part of the question.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"Đăng ký khai sinh cần giấy tờ gì?", "dk ket hon o dau", "mất bao lâu, lệ phí bn", "gặp cán bộ",
		"thời tiết", "\xff\xfe", "ạ ạ ạ", "1", "số 2", "", "CCCD 001099012345", "hoà hòa", "ǅ ǈ Ǳ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		txt := analyze(q)
		for _, p := range txt.folded {
			for _, w := range p {
				if w == "" || !utf8.ValidString(w) || vn.Fold(w) != w {
					t.Fatalf("token %q of %q is not folded", w, q)
				}
			}
		}
		in, spans := intentsOf(txt, nil)
		if folded, _ := intentsOf(analyze(vn.Fold(q)), nil); folded != in {
			t.Fatalf("%q: intents %s, folded %s", q, in, folded)
		}
		topic := txt.without(spans)
		if len(topic.tokens()) > len(txt.tokens()) {
			t.Fatalf("%q: topic %q longer than the question", q, topic.query())
		}
		_ = asksForPerson(txt)
		_ = offTopic(txt)
		_ = smallTalkOf(txt)
		_ = in.String()
	})
}

// FuzzDecide holds the whole decision to any question in any state: no
// panic, a known status, options only when clarifying, never more than
// three, and never the question's digits echoed in an answer.
func FuzzDecide(f *testing.F) {
	for _, s := range []string{"làm căn cước", "2", "cần giấy tờ gì", "giá vàng", "gặp cán bộ", "\x00", "số 0912345678",
		"quay lại cái kia", "cái thứ 3 ấy", "vụ thứ", "à nhầm, chứ không phải", "không phải, không mà", "nộp qua dvc hay",
		"giấy đó xin ở đâu", "có phải làm trước không"} {
		f.Add(s, "dang-ky-khai-sinh", 1, true)
	}
	f.Fuzz(func(t *testing.T, q, service string, misses int, options bool) {
		st := State{Service: service, Misses: misses % 3,
			Discussed: []string{"dang-ky-ket-hon", "no-such-service", service}, Aside: "xac-nhan-tinh-trang-hon-nhan"}
		if options {
			st.Options = []string{"dang-ky-khai-sinh", "lien-thong-khai-sinh-thuong-tru-bhyt", "no-such-service"}
		}
		r := ask(st, q)
		switch r.status {
		case StatusAnswered:
			if r.svc == nil || len(r.parts) == 0 {
				t.Fatalf("%q: answered without a service or text", q)
			}
		case StatusClarify:
			if len(r.options) == 0 || len(r.options) > 3 {
				t.Fatalf("%q: %d options", q, len(r.options))
			}
		case StatusOutOfScope, StatusHandoff:
		default:
			t.Fatalf("%q: status %q", q, r.status)
		}
		if r.status != StatusClarify && len(r.options) > 0 {
			t.Fatalf("%q: options with %s", q, r.status)
		}
		if r.svc != nil {
			text := answerText(r.svc, r.parts, "")
			if digits := strings.Trim(q, " "); len(digits) >= 9 && strings.Contains(text, digits) {
				t.Fatalf("%q echoed", q)
			}
		}
	})
}
