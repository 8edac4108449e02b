package vn

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize is the form Vietnamese text takes at every boundary (forms,
// API, imports, search queries):
//
//   - invalid UTF-8 becomes U+FFFD, so the result is always valid;
//   - invisible characters that copy-and-paste brings along (zero-width
//     space, byte-order mark, soft hyphen) are removed;
//   - Unicode NFC, so "ệ" is one code point however it was typed;
//   - every syllable's tone mark sits on its canonical vowel (the
//     traditional placement: hòa, thúy, khỏe — see tone.go), so "hoà" and
//     "hòa" are the same string;
//   - leading and trailing white space is cut and every run of white space
//     (tabs and newlines included) becomes one space.
//
// Case is kept. Normalize is idempotent: Normalize(Normalize(s)) ==
// Normalize(s).
func Normalize(s string) string {
	if isPlainASCII(s) {
		return collapseSpace(s)
	}
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	s = strings.Map(dropInvisible, s)
	s = norm.NFC.String(s)
	s, moved := placeTones(s)
	s = collapseSpace(s) // white space never composes: the text stays NFC
	if !moved {
		return s
	}
	// placeTones composes one syllable at a time; compose the whole once
	// more so the result is NFC as a whole.
	return norm.NFC.String(s)
}

// isPlainASCII reports whether s is ASCII, the common case that needs no
// Unicode work (ASCII is valid UTF-8, NFC, and has no tone marks).
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// dropInvisible removes the characters that are invisible on screen but
// would split or change a word for matching.
func dropInvisible(r rune) rune {
	switch r {
	case '\u200B', // zero-width space
		'\uFEFF', // byte-order mark, zero-width no-break space
		'\u00AD': // soft hyphen
		return -1
	}
	return r
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	clean := true
	prevSpace := true // a leading space is not clean either
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = space
	}
	if clean && !prevSpace {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
