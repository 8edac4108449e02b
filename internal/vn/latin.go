package vn

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tables of the precomposed Latin letters, so that the hot paths (folding
// and tone placement over a whole catalogue when the search index is
// built) need not run the general Unicode decomposition, which allocates
// heavily. They are derived from norm at start-up, so they agree with it
// by construction; text outside them takes the general path.

// latinRanges are the blocks holding every precomposed Vietnamese letter:
// Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional.
var latinRanges = [...]struct{ lo, hi rune }{{0x00C0, 0x024F}, {0x1E00, 0x1EFF}}

// latinLetter is what NFD makes of a precomposed letter.
type latinLetter struct {
	// fold is the letter folded (Fold of the letter alone), when that is
	// one ASCII letter; 0 otherwise.
	fold rune
	// base, mod and tone are the ASCII base letter (case kept) and the one
	// vowel modifier and one tone mark NFD gives it, when it decomposes to
	// nothing else; base is 0 otherwise.
	base, mod, tone rune
}

var latinTable [2][]latinLetter

func init() {
	for i, r := range latinRanges {
		latinTable[i] = make([]latinLetter, r.hi-r.lo+1)
		for c := r.lo; c <= r.hi; c++ {
			latinTable[i][c-r.lo] = describeLatin(c)
		}
	}
}

func describeLatin(c rune) latinLetter {
	var l latinLetter
	if f := slowFold(string(c)); len(f) == 1 && f[0] < utf8.RuneSelf {
		l.fold = rune(f[0])
	}
	d := []rune(norm.NFD.String(string(c)))
	if len(d) < 2 || !(d[0] >= 'a' && d[0] <= 'z' || d[0] >= 'A' && d[0] <= 'Z') {
		return l
	}
	var mod, tone rune
	for _, m := range d[1:] {
		switch {
		case isModifier(m) && mod == 0:
			mod = m
		case isTone(m) && tone == 0:
			tone = m
		default:
			return l
		}
	}
	l.base, l.mod, l.tone = d[0], mod, tone
	return l
}

// lookupLatin returns the table entry of r, if r is in the tables.
func lookupLatin(r rune) (latinLetter, bool) {
	for i, rg := range latinRanges {
		if r >= rg.lo && r <= rg.hi {
			return latinTable[i][r-rg.lo], true
		}
	}
	return latinLetter{}, false
}

// combiningMark returns the canonical form of r when it is one of the
// combining diacritical marks (U+0300–U+036F) that Vietnamese uses or that
// NFD maps to one: U+0340 and U+0341 are the legacy grave and acute.
func combiningMark(r rune) (rune, bool) {
	switch r {
	case '\u0340':
		return toneGrave, true
	case '\u0341':
		return toneAcute, true
	}
	return r, r >= 0x0300 && r <= 0x036F
}

// fastFold folds s when it holds only ASCII, table letters that fold to
// one ASCII letter, and combining marks U+0300–U+036F: then the result is
// ASCII and equal to the general path's. ok is false otherwise.
func fastFold(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		case r >= 0x0300 && r <= 0x036F:
			// A mark: dropped. (U+0344 decomposes to two marks, dropped too.)
		default:
			l, ok := lookupLatin(r)
			if !ok || l.fold == 0 {
				return "", false
			}
			b.WriteByte(byte(l.fold))
		}
	}
	return b.String(), true
}
