package catalog

import (
	"github.com/loa-vn/loa/internal/vn"

	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file tidies text that comes from outside (imported files); folding
// for comparisons is vn.Fold, the same as search uses.

// cleanText makes an imported text value fit to store and show: valid UTF-8
// in NFC, line ends unified, control and invisible format characters
// dropped, runs of spaces and tabs collapsed, lines trimmed, at most one
// blank line in a row, and the national database's placeholder
// "Không có thông tin" turned into "".
func cleanText(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	space, lineHasText := false, false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
			space, lineHasText = false, false
		case unicode.IsSpace(r):
			space = lineHasText
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			// Dropped: NUL and friends break PostgreSQL TEXT, and zero-width
			// characters make equal-looking names compare unequal.
		default:
			if space {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space, lineHasText = false, true
		}
	}
	out := norm.NFC.String(strings.TrimSpace(trimLineEnds(b.String())))
	if isNoInformation(out) {
		return ""
	}
	return out
}

// trimLineEnds removes the spaces left before line breaks and collapses the
// blank lines that trimming may have produced.
func trimLineEnds(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" && len(out) > 0 && out[len(out)-1] == "" {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// cleanLine is cleanText for single-line values (names, codes, times): line
// breaks become spaces.
func cleanLine(s string) string {
	s = cleanText(s)
	if strings.Contains(s, "\n") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// isNoInformation reports whether s is the national database's way of
// saying a field is empty.
func isNoInformation(s string) bool {
	if len(s) > 40 {
		return false
	}
	f := strings.TrimRight(vn.Fold(s), ". ")
	return f == "khong co thong tin"
}

// isNone reports whether s says "none" ("Không", "Không quy định"): for
// conditions these mean the same as an empty field.
func isNone(s string) bool {
	if len(s) > 40 {
		return false
	}
	switch strings.TrimRight(vn.Fold(s), ". ") {
	case "khong", "khong co", "khong quy dinh", "khong co yeu cau", "khong co dieu kien":
		return true
	}
	return false
}

// slugify folds s and keeps only ASCII letters and digits, joined by single
// hyphens: "Đăng ký khai sinh" → "dang-ky-khai-sinh".
func slugify(s string) string {
	f := vn.Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	dash := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteByte(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// slugNameMax bounds the part of a generated slug that comes from the name,
// so that long procedure names still give readable addresses.
const slugNameMax = 80

// NewSlug makes the address slug of a service from its name and code:
// the folded name, cut at a word boundary to about 80 characters, then the
// code with dots turned into hyphens. The code makes it unique; the name
// makes it readable; both make it stable across imports of the same record.
//
//	NewSlug("Thủ tục đăng ký nghĩa vụ quân sự lần đầu", "1.013133")
//	  == "thu-tuc-dang-ky-nghia-vu-quan-su-lan-dau-1-013133"
func NewSlug(name, code string) string {
	base := slugify(name)
	if len(base) > slugNameMax {
		cut := strings.LastIndexByte(base[:slugNameMax+1], '-')
		if cut <= 0 {
			cut = slugNameMax
		}
		base = strings.TrimRight(base[:cut], "-")
	}
	c := slugify(code)
	switch {
	case base == "":
		return c
	case c == "":
		return base
	}
	return base + "-" + c
}

// splitItems splits a list cell: when the cell has line breaks each line is
// an item, otherwise items are separated by sep. Items are cleaned and
// empty ones dropped.
func splitItems(s string, sep string) []string {
	s = cleanText(s)
	if s == "" {
		return nil
	}
	var parts []string
	if strings.Contains(s, "\n") {
		parts = strings.Split(s, "\n")
	} else {
		parts = strings.Split(s, sep)
	}
	var out []string
	for _, p := range parts {
		if p = cleanLine(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// dedupe drops repeated items, keeping the first of each.
func dedupe(items []string) []string {
	if len(items) < 2 {
		return items
	}
	seen := make(map[string]bool, len(items))
	out := items[:0]
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

// trimBullet removes a leading list marker ("- ", "• ", "+ ", "* ") that
// the source used to format a list we store as items.
func trimBullet(s string) string {
	for {
		t := strings.TrimLeft(s, "-–—•*+·")
		t = strings.TrimSpace(t)
		if t == s {
			return s
		}
		s = t
	}
}
