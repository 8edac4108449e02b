package catalog

import (
	"strings"
)

// DiffOp says what happened to a line between two revisions.
type DiffOp string

// The diff operations.
const (
	DiffSame    DiffOp = "same"
	DiffAdded   DiffOp = "added"
	DiffRemoved DiffOp = "removed"
)

// DiffLine is one line of a readable diff between two revisions.
type DiffLine struct {
	// Section is the Vietnamese heading the line belongs to ("Các bước").
	Section string
	Op      DiffOp
	// Text is the line: one paragraph line of a text field, one item of a
	// list (a step, a thing to prepare), or one part of an FAQ.
	Text string
	// Old and New are the line's 1-based position within its section in the
	// old and the new revision, 0 where it is absent; for "Các bước" they
	// are the step numbers.
	Old, New int
}

// Diff compares two revisions' content section by section ("Tóm tắt",
// "Các bước", …, "Câu hỏi thường gặp", "Ghi chú địa phương") and returns
// every line of both, marked same, added or removed, in reading order.
// Sections empty in both are left out. A nil a (or b) is an empty
// document, so Diff(nil, r) shows all of r as added.
func Diff(a, b *Revision) []DiffLine {
	var ab, bb *Body
	if a != nil {
		ab = &a.Body
	}
	if b != nil {
		bb = &b.Body
	}
	return DiffBodies(ab, bb)
}

// DiffBodies is Diff for bodies; nil is an empty body.
func DiffBodies(a, b *Body) []DiffLine {
	as, bs := renderSections(a), renderSections(b)
	var out []DiffLine
	for i, title := range sectionTitles {
		old, cur := as[i], bs[i]
		if len(old) == 0 && len(cur) == 0 {
			continue
		}
		for _, e := range diffLines(old, cur) {
			e.Section = title
			out = append(out, e)
		}
	}
	return out
}

// Changed reports whether a diff has any added or removed line.
func Changed(lines []DiffLine) bool {
	for _, l := range lines {
		if l.Op != DiffSame {
			return true
		}
	}
	return false
}

// FormatDiff renders a diff as plain text: a "## Section" heading per
// section, then each line prefixed "  " (same), "+ " (added) or "- "
// (removed). Logs, e-mails and tests use it; the back office renders
// DiffLine itself.
func FormatDiff(lines []DiffLine) string {
	var b strings.Builder
	section := ""
	for _, l := range lines {
		if l.Section != section || b.Len() == 0 {
			section = l.Section
			b.WriteString("## " + section + "\n")
		}
		switch l.Op {
		case DiffAdded:
			b.WriteString("+ ")
		case DiffRemoved:
			b.WriteString("- ")
		default:
			b.WriteString("  ")
		}
		b.WriteString(strings.ReplaceAll(l.Text, "\n", "\n  "))
		b.WriteByte('\n')
	}
	return b.String()
}

// sectionTitles are the sections of a body in the order the site shows them.
var sectionTitles = []string{
	"Tóm tắt", "Dành cho ai", "Cần chuẩn bị", "Các bước", "Thời gian giải quyết", "Chi phí",
	"Nộp trực tuyến ở đâu", "Lỗi thường gặp", "Ngày rà soát", "Nguồn", "Câu hỏi thường gặp", "Ghi chú địa phương",
}

// renderSections turns a body into lines per section, indexed like
// sectionTitles.
func renderSections(b *Body) [][]string {
	out := make([][]string, len(sectionTitles))
	if b == nil {
		return out
	}
	if g := b.Guide; g != nil {
		out[0] = textLines(g.Summary)
		out[1] = textLines(g.WhoFor)
		out[2] = g.Prepare
		out[3] = g.Steps
		out[4] = textLines(g.Duration)
		out[5] = textLines(g.Cost)
		out[6] = textLines(g.WhereOnline)
		out[7] = g.CommonMistakes
		out[8] = textLines(g.ReviewedAt)
		out[9] = textLines(g.Source)
	}
	for _, f := range b.FAQs {
		out[10] = append(out[10], "Hỏi: "+f.Question, "Đáp: "+f.Answer)
		for _, p := range f.Paraphrases {
			out[10] = append(out[10], "Cách hỏi khác: "+p)
		}
	}
	out[11] = textLines(b.Note)
	return out
}

// textLines splits a text field into its lines, dropping blank ones.
func textLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// maxDiffCells bounds the LCS table. Validated content stays far below it
// (at most 50 FAQs of 22 lines); beyond it the middle of the section is
// shown as all removed then all added, which is still correct.
const maxDiffCells = 4 << 20

// diffLines is a longest-common-subsequence line diff: common lines stay,
// the rest of a is removed and the rest of b added, removals before
// additions at each change so a replaced line reads old then new.
func diffLines(a, b []string) []DiffLine {
	var out []DiffLine
	// Common prefix and suffix need no table, and usually are most of it.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		out = append(out, DiffLine{Op: DiffSame, Text: a[pre], Old: pre + 1, New: pre + 1})
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	out = append(out, diffMiddle(ma, mb, pre)...)
	for i := 0; i < suf; i++ {
		ai, bi := len(a)-suf+i, len(b)-suf+i
		out = append(out, DiffLine{Op: DiffSame, Text: a[ai], Old: ai + 1, New: bi + 1})
	}
	return out
}

// diffMiddle diffs the differing middle parts, which start at offset in
// both a and b.
func diffMiddle(a, b []string, offset int) []DiffLine {
	n, m := len(a), len(b)
	var out []DiffLine
	if n*m > maxDiffCells || n == 0 || m == 0 {
		for i, l := range a {
			out = append(out, DiffLine{Op: DiffRemoved, Text: l, Old: offset + i + 1})
		}
		for j, l := range b {
			out = append(out, DiffLine{Op: DiffAdded, Text: l, New: offset + j + 1})
		}
		return out
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	var removed, added []DiffLine
	flush := func() {
		out = append(out, removed...)
		out = append(out, added...)
		removed, added = removed[:0], added[:0]
	}
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			flush()
			out = append(out, DiffLine{Op: DiffSame, Text: a[i], Old: offset + i + 1, New: offset + j + 1})
			i++
			j++
		case j == m || i < n && lcs[i+1][j] >= lcs[i][j+1]:
			removed = append(removed, DiffLine{Op: DiffRemoved, Text: a[i], Old: offset + i + 1})
			i++
		default:
			added = append(added, DiffLine{Op: DiffAdded, Text: b[j], New: offset + j + 1})
			j++
		}
	}
	flush()
	return out
}
