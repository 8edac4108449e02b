package assistant

import (
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/catalog"
)

func TestSentences(t *testing.T) {
	got := sentences("Miễn phí. Quá hạn nộp 0,05% mỗi ngày; tối đa 1.000.000 đồng.\nNộp tại xã")
	want := []string{"Miễn phí.", "Quá hạn nộp 0,05% mỗi ngày;", "tối đa 1.000.000 đồng.", "Nộp tại xã"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := sentences(" . \n"); len(got) != 0 {
		t.Errorf("blank: %q", got)
	}
}

func TestPassagesOf(t *testing.T) {
	svc := &catalog.Service{Conditions: "Đủ 18 tuổi. Có hộ khẩu.", Documents: []catalog.Document{{Name: "Tờ khai"}},
		Guide: &catalog.Guide{WhoFor: "Công dân", Steps: []string{"Nộp", " "}, CommonMistakes: []string{"Quên ký"}}}
	var got []string
	for _, p := range passagesOf(svc) {
		got = append(got, p.label+"|"+p.text)
	}
	want := []string{SectionWhoFor + "|Công dân", SectionConditions + "|Đủ 18 tuổi.", SectionConditions + "|Có hộ khẩu.",
		SectionPrepare + "|Tờ khai", SectionSteps + "|Nộp", SectionMistakes + "|Quên ký"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestBestPassage: the passage that concerns what a question says beyond
// the service, and none when the question shares a word and a number
// with a passage, or nothing telling.
func TestBestPassage(t *testing.T) {
	m, ix := demo()
	tests := []struct {
		slug, q, label, says string // says "" for no passage
	}{
		{"dang-ky-khai-sinh", "nếu mất giấy chứng sinh của bệnh viện thì sao", SectionPrepare, "chứng sinh"},
		{"cap-ho-chieu-pho-thong", "bé có phải đi cùng không", SectionPrepare, "dưới 14 tuổi"},
		{"dang-ky-bien-dong-dat-dai", "cha cho con thì có phải đóng thuế không", SectionCost, "miễn thuế"},
		{"cap-the-can-cuoc", "con em 12 tuổi có làm được không", "", ""},
		{"cap-ho-chieu-pho-thong", "lệ phí bao nhiêu", "", ""},
	}
	terms := len(m.terms)
	for _, tt := range tests {
		a := analyse(m, ix, demoSyn, tt.q)
		p, ok := bestPassage(m, a, m.bySlug[tt.slug])
		switch {
		case tt.says == "" && ok:
			t.Errorf("%s, %q: passage %s %q, want none", tt.slug, tt.q, p.label, p.text)
		case tt.says != "" && (!ok || p.label != tt.label || !strings.Contains(p.text, tt.says)):
			t.Errorf("%s, %q: passage %v %s %q, want %s saying %q", tt.slug, tt.q, ok, p.label, p.text, tt.label, tt.says)
		}
	}
	// Read as "thông tin cư trú", the residence paper would match the
	// sentence on changed information; it is matched as typed.
	a := analyse(m, ix, demoSyn, "chua co so ho khau thi sao")
	if p, ok := bestPassage(m, a, m.bySlug["cap-the-can-cuoc"]); ok && strings.Contains(p.text, "thông tin") {
		t.Errorf("the residence paper's reading matched %q", p.text)
	}
	if len(m.terms) != terms {
		t.Errorf("finding passages numbered %d new terms: the model is shared and must not change", len(m.terms)-terms)
	}
}

// TestDecideInContextGivesThePassageFirst: a follow-up that tells the
// case gets the passage that concerns it before the sections it asks for.
func TestDecideInContextGivesThePassageFirst(t *testing.T) {
	r := ask(State{Service: "cap-ho-chieu-pho-thong"}, "bé nhà mình có phải đi cùng không")
	if r.status != StatusAnswered || len(r.parts) == 0 || r.parts[0].label != SectionPrepare || !strings.Contains(r.parts[0].text, "dưới 14 tuổi") {
		t.Fatalf("%s %v %v", r.status, slugOf(r), labels(r.parts))
	}
	// A first question asking for a part of the guide gets that part only.
	r = ask(State{}, "làm hộ chiếu cần giấy tờ gì")
	if got := labels(r.parts); !slices.Equal(got, []string{SectionPrepare}) {
		t.Errorf("first question: %v", got)
	}
}
