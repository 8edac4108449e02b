package catalog

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func problemFields(t *testing.T, err error) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err == nil {
		return out
	}
	var ee *EditorialError
	if !errors.As(err, &ee) || ee.Code != "invalid" {
		t.Fatalf("error %v is not an invalid-content error", err)
	}
	for _, p := range ee.Problems {
		out[p.Field] = p.Message
	}
	return out
}

func TestNormalize(t *testing.T) {
	nfd := norm.NFD.String("Thủ tục hộ tịch")
	b := Body{
		Guide: &Guide{Summary: " dòng một  \r\n\r\n\r\n dòng hai ", Steps: []string{"  ", nfd, ""},
			Prepare: []string{"a\r\nb"}, ReviewedAt: " 2026-03-01 "},
		FAQs: []FAQ{
			{Question: "  Hỏi\n  gì? ", Answer: " Đáp ", Paraphrases: []string{"x", " x ", "", "y"}},
			{}, // a blank form row
		},
		Note: "\n",
	}
	b.Normalize()
	g := b.Guide
	if g.Summary != "dòng một\n\ndòng hai" {
		t.Errorf("summary = %q", g.Summary)
	}
	if !slices.Equal(g.Steps, []string{norm.NFC.String(nfd)}) || !norm.NFC.IsNormalString(g.Steps[0]) {
		t.Errorf("steps = %q", g.Steps)
	}
	if !slices.Equal(g.Prepare, []string{"a\nb"}) || g.ReviewedAt != "2026-03-01" {
		t.Errorf("prepare %q, reviewed %q", g.Prepare, g.ReviewedAt)
	}
	if len(b.FAQs) != 1 || b.FAQs[0].Question != "Hỏi gì?" || b.FAQs[0].Answer != "Đáp" ||
		!slices.Equal(b.FAQs[0].Paraphrases, []string{"x", "y"}) {
		t.Errorf("faqs = %+v", b.FAQs)
	}
	if b.Note != "" {
		t.Errorf("note = %q", b.Note)
	}
	empty := Body{Guide: &Guide{Steps: []string{" "}}}
	empty.Normalize()
	if empty.Guide != nil {
		t.Error("an empty guide was kept")
	}
}

func TestValidateNational(t *testing.T) {
	long := strings.Repeat("ư", maxShortText+1)
	cases := []struct {
		name  string
		body  Body
		field string
		msg   string
	}{
		{"no guide", Body{}, "guide", "Thiếu nội dung hướng dẫn"},
		{"empty summary", Body{Guide: &Guide{Steps: []string{"x"}}}, "guide.summary", "Tóm tắt không được để trống"},
		{"no step", Body{Guide: &Guide{Summary: "x"}}, "guide.steps", "ít nhất một bước"},
		{"FAQ without answer", Body{Guide: &Guide{Summary: "x", Steps: []string{"x"}}, FAQs: []FAQ{{Question: "Hỏi?"}}},
			"faqs[0].answer", "Câu hỏi thường gặp thứ 1: thiếu câu trả lời"},
		{"FAQ without question", Body{Guide: &Guide{Summary: "x", Steps: []string{"x"}}, FAQs: []FAQ{{Question: "a", Answer: "b"}, {Answer: "Đáp"}}},
			"faqs[1].question", "thứ 2: thiếu câu hỏi"},
		{"duplicate question", Body{Guide: &Guide{Summary: "x", Steps: []string{"x"}},
			FAQs: []FAQ{{Question: "Mất bao lâu?", Answer: "a"}, {Question: "mat bao lau?", Answer: "b"}}},
			"faqs[1].question", "trùng với câu thứ 1"},
		{"summary too long", Body{Guide: &Guide{Summary: long, Steps: []string{"x"}}}, "guide.summary", "quá giới hạn 1000"},
		{"too many steps", Body{Guide: &Guide{Summary: "x", Steps: slices.Repeat([]string{"x"}, maxSteps+1)}}, "guide.steps", "quá giới hạn 30 mục"},
		{"not NFC", Body{Guide: &Guide{Summary: norm.NFD.String("Hộ"), Steps: []string{"x"}}}, "guide.summary", "NFC"},
		{"control character", Body{Guide: &Guide{Summary: "a\x00b", Steps: []string{"x"}}}, "guide.summary", "ký tự điều khiển"},
		{"bad UTF-8", Body{Guide: &Guide{Summary: "a\xffb", Steps: []string{"x"}}}, "guide.summary", "UTF-8"},
		{"bad review date", Body{Guide: &Guide{Summary: "x", Steps: []string{"x"}, ReviewedAt: "1/3/2026"}}, "guide.reviewed_at", "năm-tháng-ngày"},
		{"note on national", Body{Guide: &Guide{Summary: "x", Steps: []string{"x"}}, Note: "n"}, "note", "Ghi chú địa phương chỉ dùng"},
	}
	for _, c := range cases {
		got := problemFields(t, c.body.Validate(""))
		if msg, ok := got[c.field]; !ok || !strings.Contains(msg, c.msg) {
			t.Errorf("%s: problems %v, want %s: …%s…", c.name, got, c.field, c.msg)
		}
	}
	ok := guideBody()
	if err := ok.Validate(""); err != nil {
		t.Errorf("valid body refused: %v", err)
	}
}

func TestValidateLocal(t *testing.T) {
	if got := problemFields(t, (&Body{}).Validate(hanoi)); !strings.Contains(got["note"], "không được để trống") {
		t.Errorf("empty note: %v", got)
	}
	withGuide := guideBody()
	withGuide.Note = "n"
	if got := problemFields(t, withGuide.Validate(hanoi)); got["guide"] == "" {
		t.Errorf("guide in a local note: %v", got)
	}
	if got := problemFields(t, (&Body{Note: strings.Repeat("a", maxNoteText+1)}).Validate(hanoi)); got["note"] == "" {
		t.Errorf("long note: %v", got)
	}
	if err := (&Body{Note: "Nộp tại 44 Phạm Ngọc Thạch."}).Validate(hanoi); err != nil {
		t.Errorf("valid note refused: %v", err)
	}
}

// TestDemoGuidesAreValid keeps the demo content within the editor's rules,
// since SeedDemo publishes it through the workflow.
func TestDemoGuidesAreValid(t *testing.T) {
	services, err := DemoServices()
	if err != nil {
		t.Fatal(err)
	}
	for _, svc := range services {
		if svc.Guide == nil {
			continue
		}
		b := Body{Guide: svc.Guide, FAQs: svc.FAQs}.clone()
		b.Normalize()
		if err := b.Validate(""); err != nil {
			t.Errorf("%s: %v", svc.Slug, err)
		}
	}
}

func TestEditorialErrorIs(t *testing.T) {
	specific := refuse(ErrConflict, "Khác")
	if !errors.Is(specific, ErrConflict) || errors.Is(specific, ErrState) {
		t.Error("Is does not go by code")
	}
	if !strings.Contains(ErrConflict.Error(), "Hướng dẫn đã được người khác thay đổi") {
		t.Errorf("ErrConflict = %q", ErrConflict)
	}
	inv := invalid([]Problem{{Field: "a", Message: "Sai."}})
	if !errors.Is(inv, ErrInvalidContent) || !strings.Contains(inv.Error(), "Sai.") {
		t.Errorf("invalid = %v", inv)
	}
	if invalid(nil) != nil {
		t.Error("invalid(nil) is not nil")
	}
}
