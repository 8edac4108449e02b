package assistant

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHandoffTextIsConfigurable(t *testing.T) {
	e := New(nil, nil, nil, nil, Options{Hotline: "1900 0000", HotlineHours: "8:00–17:00", ReplyTime: "trong 2 giờ làm việc", BaseURL: "https://loa.example"})
	text := e.handoffText(handoffMisses, "PA-ABCDE-FGHJK")
	for _, want := range []string{"PA-ABCDE-FGHJK", "https://loa.example/phan-anh/PA-ABCDE-FGHJK", "1900 0000", "8:00–17:00", "trong 2 giờ làm việc", "chưa tìm được"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q: %q", want, text)
		}
	}
	if strings.Contains(e.handoffText(handoffAsked, "PA-X"), "chưa tìm được") {
		t.Error("a requested handoff apologises for misses")
	}
	d := New(nil, nil, nil, nil, Options{})
	if d.opts.Hotline != DefaultHotline || d.opts.HotlineHours != DefaultHotlineHours || d.opts.ReplyTime != DefaultReplyTime {
		t.Errorf("defaults %+v", d.opts)
	}
}

func TestCaseDescriptionFitsTheCase(t *testing.T) {
	long := strings.Repeat("câu hỏi dài ", 200)
	d := caseDescription(handoffAsked, "web", []string{long, long, long})
	if n := utf8.RuneCountInString(d); n > maxCaseDescription {
		t.Errorf("%d characters", n)
	}
	if !strings.HasPrefix(d, "Người dân đề nghị gặp cán bộ (kênh web)") {
		t.Errorf("%q", d[:80])
	}
}

func TestClarifyAndOutOfScopeWording(t *testing.T) {
	m, _ := demo()
	e := New(nil, nil, nil, nil, Options{})
	r := ask(State{}, "tôi mới nghỉ việc, đóng bảo hiểm xã hội được 6 năm, giờ lãnh được tiền gì")
	a := e.word(m, r)
	if a.Status != StatusClarify || len(a.Options) != len(r.options) || !strings.Contains(a.Answer, "1. "+r.options[0].Name) {
		t.Errorf("%+v", a)
	}
	o := e.word(m, ask(State{}, "giá vàng hôm nay"))
	if !strings.Contains(o.Answer, "ví dụ: "+lowerFirst(m.svcs[0].Name)) || o.Sources == nil || o.Options == nil {
		t.Errorf("%+v", o)
	}
	// A follow-up with nothing discussed before asks which service.
	u := e.word(m, ask(State{}, "mất bao lâu"))
	if u.Status != StatusOutOfScope || !strings.HasPrefix(u.Answer, "Bạn muốn hỏi về thủ tục nào?") || strings.Contains(u.Answer, "ngoài phạm vi") {
		t.Errorf("%+v", u)
	}
}

// Asked who it is, the assistant says it is a program, not a person, and
// what it can do.
func TestAboutSelfWording(t *testing.T) {
	m, _ := demo()
	e := New(nil, nil, nil, nil, Options{})
	a := e.word(m, ask(State{}, "bạn là người thật hay máy vậy"))
	if a.Status != StatusOutOfScope || !strings.Contains(a.Answer, "không phải người") || !strings.Contains(a.Answer, "gặp cán bộ") {
		t.Errorf("%+v", a)
	}
}
