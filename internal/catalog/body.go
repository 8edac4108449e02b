package catalog

import (
	"github.com/loa-vn/loa/internal/vn"

	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Body is the content of one revision of an editorial document: the guide
// and FAQs for the national document (scope ""), the note for a local one.
// It is stored as JSON in guide_revisions.body.
type Body struct {
	Guide *Guide `json:"guide,omitempty"`
	FAQs  []FAQ  `json:"faqs,omitempty"`
	// Note is a local note: plain text, paragraphs separated by blank lines.
	Note string `json:"note,omitempty"`
}

// Limits on editorial content, in characters. They are generous for real
// guides (the longest demo field is under 500 characters) and stop pasted
// documents that belong in the procedure record, not in a citizen guide.
const (
	maxShortText   = 1000 // summary, who it is for, duration, cost, where online
	maxSourceText  = 500
	maxItemText    = 1000 // one step, one thing to prepare, one common mistake
	maxSteps       = 30
	maxPrepare     = 30
	maxMistakes    = 20
	maxFAQs        = 50
	maxQuestion    = 300
	maxAnswer      = 3000
	maxParaphrases = 20
	maxNoteText    = 4000
	maxChangeNote  = 500
	maxReviewNote  = 2000
)

// Normalize tidies content as it comes from a form or the API: Unicode NFC,
// line breaks unified, spaces trimmed, single-line fields on one line, empty
// list items and blank FAQ rows dropped, repeated paraphrases dropped, and a
// guide with nothing in it removed. It never rejects anything; Validate does.
func (b *Body) Normalize() {
	if g := b.Guide; g != nil {
		g.Summary = cleanEditorText(g.Summary)
		g.WhoFor = cleanEditorText(g.WhoFor)
		g.Prepare = cleanItems(g.Prepare, false)
		g.Steps = cleanItems(g.Steps, false)
		g.Duration = cleanEditorText(g.Duration)
		g.Cost = cleanEditorText(g.Cost)
		g.WhereOnline = cleanEditorText(g.WhereOnline)
		g.CommonMistakes = cleanItems(g.CommonMistakes, false)
		g.ReviewedAt = cleanEditorLine(g.ReviewedAt)
		g.Source = cleanEditorText(g.Source)
		if g.Summary == "" && g.WhoFor == "" && len(g.Prepare) == 0 && len(g.Steps) == 0 && g.Duration == "" &&
			g.Cost == "" && g.WhereOnline == "" && len(g.CommonMistakes) == 0 && g.ReviewedAt == "" && g.Source == "" {
			b.Guide = nil
		}
	}
	faqs := b.FAQs[:0:0]
	for _, f := range b.FAQs {
		f.Question = cleanEditorLine(f.Question)
		f.Answer = cleanEditorText(f.Answer)
		f.Paraphrases = dedupe(cleanItems(f.Paraphrases, true))
		if f.Question == "" && f.Answer == "" && len(f.Paraphrases) == 0 {
			continue
		}
		faqs = append(faqs, f)
	}
	if len(faqs) == 0 {
		faqs = nil
	}
	b.FAQs = faqs
	b.Note = cleanEditorText(b.Note)
}

// cleanEditorText normalises a multi-line text: NFC, "\n" line ends, no
// spaces at line ends, no more than one blank line in a row, trimmed.
func cleanEditorText(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = norm.NFC.String(s)
	if strings.Contains(s, "\n") {
		s = trimLineEnds(s)
	}
	return strings.TrimSpace(s)
}

// cleanEditorLine is cleanEditorText for one-line fields: runs of spaces and
// line breaks become one space.
func cleanEditorLine(s string) string {
	if s == "" {
		return ""
	}
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// cleanItems cleans every item of a list and drops the empty ones (the
// blank rows an editor form leaves).
func cleanItems(items []string, oneLine bool) []string {
	var out []string
	for _, it := range items {
		if oneLine {
			it = cleanEditorLine(it)
		} else {
			it = cleanEditorText(it)
		}
		if it != "" {
			out = append(out, it)
		}
	}
	return out
}

// Validate checks normalised content for the scope: the national document
// needs a guide with a summary and at least one step and may have FAQs, each
// with a question and an answer; a local note needs its text and nothing
// else. Every text must be valid UTF-8 in NFC without control characters
// and within the limits. The error is an *EditorialError with Code
// "invalid" listing every problem, or nil.
func (b *Body) Validate(scope string) error {
	v := &bodyValidator{}
	if scope == "" {
		v.guide(b.Guide)
		v.faqs(b.FAQs)
		if b.Note != "" {
			v.bad("note", "Ghi chú địa phương chỉ dùng cho tỉnh, xã; hướng dẫn chung không có ghi chú.")
		}
	} else {
		if b.Guide != nil || len(b.FAQs) > 0 {
			v.bad("guide", "Ghi chú địa phương chỉ gồm phần ghi chú; hướng dẫn chung và câu hỏi thường gặp do bộ, ngành biên tập.")
		}
		if b.Note == "" {
			v.bad("note", "Ghi chú địa phương không được để trống.")
		}
		v.text("note", "Ghi chú địa phương", b.Note, maxNoteText)
	}
	return invalid(v.problems)
}

type bodyValidator struct{ problems []Problem }

func (v *bodyValidator) bad(field, format string, args ...any) {
	v.problems = append(v.problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

// text checks one text: well formed and not too long. Empty is fine here;
// required fields are checked by the caller.
func (v *bodyValidator) text(field, label, s string, max int) {
	switch {
	case s == "":
	case !utf8.ValidString(s):
		v.bad(field, "%s có ký tự không hợp lệ (không phải UTF-8).", label)
	case strings.ContainsFunc(s, isForbiddenControl):
		v.bad(field, "%s chứa ký tự điều khiển không hiển thị được; hãy gõ lại đoạn này.", label)
	case !norm.NFC.IsNormalString(s):
		v.bad(field, "%s chưa được chuẩn hoá Unicode (NFC).", label)
	case utf8.RuneCountInString(s) > max:
		v.bad(field, "%s dài %d ký tự, quá giới hạn %d ký tự.", label, utf8.RuneCountInString(s), max)
	}
}

// list checks a list's length and each of its items.
func (v *bodyValidator) list(field, label string, items []string, maxItems, maxLen int) {
	if len(items) > maxItems {
		v.bad(field, "%s có %d mục, quá giới hạn %d mục.", label, len(items), maxItems)
	}
	for i, it := range items {
		v.text(fmt.Sprintf("%s[%d]", field, i), fmt.Sprintf("%s, mục %d,", label, i+1), it, maxLen)
	}
}

func (v *bodyValidator) guide(g *Guide) {
	if g == nil {
		v.bad("guide", "Thiếu nội dung hướng dẫn: cần ít nhất phần tóm tắt và một bước thực hiện.")
		return
	}
	if g.Summary == "" {
		v.bad("guide.summary", "Tóm tắt không được để trống.")
	}
	if len(g.Steps) == 0 {
		v.bad("guide.steps", "Cần ít nhất một bước thực hiện.")
	}
	v.text("guide.summary", "Tóm tắt", g.Summary, maxShortText)
	v.text("guide.who_for", "Phần “Dành cho ai”", g.WhoFor, maxShortText)
	v.list("guide.prepare", "Phần “Cần chuẩn bị”", g.Prepare, maxPrepare, maxItemText)
	v.list("guide.steps", "Các bước", g.Steps, maxSteps, maxItemText)
	v.text("guide.duration", "Thời gian giải quyết", g.Duration, maxShortText)
	v.text("guide.cost", "Chi phí", g.Cost, maxShortText)
	v.text("guide.where_online", "Nơi nộp trực tuyến", g.WhereOnline, maxShortText)
	v.list("guide.common_mistakes", "Lỗi thường gặp", g.CommonMistakes, maxMistakes, maxItemText)
	v.text("guide.source", "Nguồn", g.Source, maxSourceText)
	if g.ReviewedAt != "" {
		if _, err := time.Parse(time.DateOnly, g.ReviewedAt); err != nil {
			v.bad("guide.reviewed_at", "Ngày rà soát %q không đúng dạng năm-tháng-ngày (ví dụ 2026-03-01).", g.ReviewedAt)
		}
	}
}

func (v *bodyValidator) faqs(faqs []FAQ) {
	if len(faqs) > maxFAQs {
		v.bad("faqs", "Có %d câu hỏi thường gặp, quá giới hạn %d câu.", len(faqs), maxFAQs)
	}
	seen := map[string]int{}
	for i, f := range faqs {
		field := fmt.Sprintf("faqs[%d]", i)
		label := fmt.Sprintf("Câu hỏi thường gặp thứ %d", i+1)
		if f.Question == "" {
			v.bad(field+".question", "%s: thiếu câu hỏi.", label)
		}
		if f.Answer == "" {
			v.bad(field+".answer", "%s: thiếu câu trả lời.", label)
		}
		if key := vn.Fold(f.Question); f.Question != "" {
			if j, dup := seen[key]; dup {
				v.bad(field+".question", "%s trùng với câu thứ %d.", label, j+1)
			} else {
				seen[key] = i
			}
		}
		v.text(field+".question", label+", phần câu hỏi,", f.Question, maxQuestion)
		v.text(field+".answer", label+", phần trả lời,", f.Answer, maxAnswer)
		v.list(field+".paraphrases", label+", cách hỏi khác", f.Paraphrases, maxParaphrases, maxQuestion)
	}
}

// cleanNote normalises a change or review note (one paragraph or a few
// lines) and checks its length; label names it in the message.
func cleanNote(field, label, s string, max int, required bool) (string, error) {
	s = cleanEditorText(s)
	v := &bodyValidator{}
	if required && s == "" {
		v.bad(field, "%s không được để trống.", label)
	}
	v.text(field, label, s, max)
	return s, invalid(v.problems)
}
