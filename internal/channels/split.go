package channels

import (
	"strings"
	"unicode"
)

// Split cuts text into parts of at most limit characters (runes, not
// bytes: a Vietnamese letter with its marks is one character but up to
// four bytes). It cuts where a reader expects a pause: after a paragraph,
// else at the end of a line, else after a sentence, else between words;
// never inside a word, so never inside a link either (links contain no
// spaces). Only a single word longer than limit is cut inside, as nothing
// else would fit. Each part is trimmed of the spaces around the cut.
func Split(text string, limit int) []string {
	r := []rune(strings.TrimSpace(text))
	if len(r) == 0 {
		return nil
	}
	if limit <= 0 {
		return []string{string(r)}
	}
	var parts []string
	for len(r) > limit {
		cut := breakAt(r[:limit+1])
		parts = append(parts, strings.TrimRightFunc(string(r[:cut]), unicode.IsSpace))
		r = []rune(strings.TrimLeftFunc(string(r[cut:]), unicode.IsSpace))
	}
	if len(r) > 0 {
		parts = append(parts, string(r))
	}
	return parts
}

// breakAt returns where to end a part within w, a window one character
// longer than the limit (so a space right after the limit counts): the
// index of the last white space of the best kind. A paragraph, line or
// sentence break is taken only if it keeps at least half the window, so
// that a part is not left half empty for the sake of a nicer cut.
func breakAt(w []rune) int {
	half := len(w) / 2
	kinds := []func(w []rune, i int) bool{
		func(w []rune, i int) bool { return w[i] == '\n' && i > 0 && w[i-1] == '\n' },
		func(w []rune, i int) bool { return w[i] == '\n' },
		endsSentence,
	}
	for _, is := range kinds {
		for i := len(w) - 1; i >= half; i-- {
			if is(w, i) {
				return i
			}
		}
	}
	for i := len(w) - 1; i > 0; i-- {
		if unicode.IsSpace(w[i]) {
			return i
		}
	}
	return len(w) - 1 // one word longer than the limit
}

// endsSentence reports whether w[i] is a space after a full stop, a
// question or exclamation mark or an ellipsis — but not after the number of
// a list item ("2. Nộp hồ sơ"), which must stay with its text.
func endsSentence(w []rune, i int) bool {
	if i < 2 || !unicode.IsSpace(w[i]) {
		return false
	}
	switch w[i-1] {
	case '.', '!', '?', '…':
		return !unicode.IsDigit(w[i-2])
	}
	return false
}
