package vn

import "unicode/utf8"

// Near reports whether a and b are one edit apart — one letter inserted,
// deleted, replaced, or two neighbours swapped ("chiu"/"chieu",
// "sinh"/"sihn") — and long enough for that to mean a typo rather than a
// different word: the longer has at least 4 letters and the shorter at
// least 3. Equal strings are not near. Search uses it on folded syllables
// to match a query syllable that has no exact hit.
func Near(a, b string) bool { return oneEdit(a, b, 4) }

// OneEdit reports whether a and b are one edit apart as Near says, at any
// length of three letters or more: "tem" and "ten". Alone, a short
// syllable one edit from another is as often a word of its own; callers
// need other evidence, such as the pair of words it makes.
func OneEdit(a, b string) bool { return oneEdit(a, b, 3) }

// oneEdit reports whether a and b are one edit apart, the longer having at
// least longest letters and the shorter at least 3.
func oneEdit(a, b string, longest int) bool {
	if a == b {
		return false
	}
	var ab, bb [16]rune
	ra, ok := runesOf(a, ab[:0])
	if !ok {
		return false
	}
	rb, ok := runesOf(b, bb[:0])
	if !ok {
		return false
	}
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra) < longest || len(rb) < 3 || len(ra)-len(rb) > 1 {
		return false
	}
	// Skip the common prefix, then compare what follows the first difference.
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if len(ra) != len(rb) { // one deletion from the longer
		return equalRunes(ra[i+1:], rb[i:])
	}
	if i == len(ra) { // different bytes, same runes: invalid UTF-8
		return false
	}
	if equalRunes(ra[i+1:], rb[i+1:]) { // one substitution
		return true
	}
	// One transposition of neighbours.
	return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && equalRunes(ra[i+2:], rb[i+2:])
}

// runesOf decodes s into buf; false when s is longer than buf, which no
// syllable is.
func runesOf(s string, buf []rune) ([]rune, bool) {
	if utf8.RuneCountInString(s) > cap(buf) {
		return nil, false
	}
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf, true
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// iyInitials are the onsets after which a final i and y spell the same
// sound and both spellings are in use: kỹ/kĩ, lý/lí, mỹ/mĩ, sỹ/sĩ, quý/quí.
var iyInitials = map[string]bool{
	"k": true, "l": true, "m": true, "s": true, "t": true, "h": true,
	"v": true, "d": true, "n": true, "qu": true, "th": true,
}

// IYVariant returns the other spelling of a folded syllable that ends in
// the vowel i or y after a consonant onset — "ky" ↔ "ki", "ly" ↔ "li",
// "quy" ↔ "qui" — and true; or "", false when the syllable has no such
// variant. Citizens write both ("đăng kí", "lí lịch"), so search treats
// the two as the same word.
func IYVariant(folded string) (string, bool) {
	n := len(folded)
	if n < 2 || n > 3 {
		return "", false
	}
	last := folded[n-1]
	if last != 'i' && last != 'y' || !iyInitials[folded[:n-1]] {
		return "", false
	}
	if last == 'i' {
		return folded[:n-1] + "y", true
	}
	return folded[:n-1] + "i", true
}
