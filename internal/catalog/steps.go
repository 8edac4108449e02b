package catalog

import (
	"github.com/loa-vn/loa/internal/vn"

	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// stepMarker finds "Bước 1:", "Bước 2.", "bước 3)" that open a step.
	stepMarker = regexp.MustCompile(`(?i)bước\s*(\d{1,2})\s*[:.)–-]`)
	// stepLabel is a "Bước 1:" or "1." label opening a line, which the
	// site's numbered list makes redundant.
	stepLabel = regexp.MustCompile(`^(?:(?i:bước)\s*\d{1,2}\s*[:.)–-]\s*|\d{1,2}[.)]\s+)`)
)

// splitSteps turns the free text of "trình tự thực hiện" into steps, which
// the site shows as a numbered list.
//
// The national sheets write steps as "Bước 1: ... Bước 2: ...", often on
// one line, sometimes with line breaks inside a step. A marker counts only
// when its number is the next one expected, so "Bước 1 xét duyệt ..." quoted
// inside step 2 does not start a step; the "Bước N:" label itself is dropped
// because the list numbers the steps. Text before "Bước 1" is kept as a first
// item unless it is only the heading "Trình tự thực hiện"; some sheets leave
// out the "Bước 1" label, so a first marker "Bước 2" after some text counts,
// and that text is step 1.
//
// Text without at least two markers is split by lines: each line is a step,
// and lines starting with "+" (sub-items in the sheets) stay with the step
// above them.
func splitSteps(text string) []string {
	text = cleanText(text)
	if text == "" {
		return nil
	}
	var starts [][2]int
	want := 1
	for _, m := range stepMarker.FindAllStringSubmatchIndex(text, -1) {
		n, err := strconv.Atoi(text[m[2]:m[3]])
		if err != nil || n != want && !(want == 1 && n == 2 && m[0] > 0) {
			continue
		}
		if m[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:m[0]]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		starts = append(starts, [2]int{m[0], m[1]})
		want = n + 1
	}
	if len(starts) < 2 {
		return splitLineSteps(text)
	}
	var out []string
	if pre := tidyStep(text[:starts[0][0]]); pre != "" && !isStepsHeading(pre) {
		out = append(out, pre)
	}
	for i, s := range starts {
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		if st := tidyStep(text[s[1]:end]); st != "" {
			out = append(out, st)
		}
	}
	return out
}

// splitLineSteps makes one step of each line, keeping "+" sub-items with
// the step above.
func splitLineSteps(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "+") && len(out) > 0 {
			out[len(out)-1] += "\n" + line
			continue
		}
		if st := tidyStep(stepLabel.ReplaceAllString(trimBullet(line), "")); st != "" {
			out = append(out, st)
		}
	}
	return out
}

// tidyStep trims a step: spaces, list markers, and the ";" or "," the
// sheets leave between steps.
func tidyStep(s string) string {
	s = cleanText(s)
	s = trimBullet(s)
	s = strings.TrimRight(s, ";, \n")
	return strings.TrimSpace(s)
}

// isStepsHeading reports text that is only the section heading.
func isStepsHeading(s string) bool {
	f := strings.TrimRight(vn.Fold(s), ":. ")
	return f == "trinh tu thuc hien" || f == "trinh tu"
}
