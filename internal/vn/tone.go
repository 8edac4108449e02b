package vn

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tone-mark placement.
//
// Vietnamese writes a syllable's tone (huyền, sắc, hỏi, ngã, nặng) on one
// of its vowels, and two conventions disagree only for the open syllables
// whose nucleus is oa, oe or uy: the traditional placement puts the mark on
// the first vowel (hòa, khỏe, thúy), the newer one (the 1980s school rule)
// on the second (hoà, khoẻ, thuý). Both are in daily use, so the same word
// arrives spelt both ways.
//
// Loa's canonical form is the traditional placement — hòa, khỏe, thúy,
// ủy, Hóa — because it is what government documents and place names use
// (Khánh Hòa, Thủy lợi, Ủy ban) and what most keyboards produce. The rule
// applied to every syllable, whichever way it was typed:
//
//   - "qu" and the "gi" before another vowel are initials, not vowels:
//     quá, già, giường;
//   - a vowel with a hat, breve or horn (â ă ê ô ơ ư) takes the mark; when
//     there are two (ươ) the second one does: người, được;
//   - otherwise, with a final consonant the last vowel takes it: hoàng,
//     toán, huỳnh;
//   - otherwise (open syllable) the first of two vowels takes it (hòa, mùa,
//     tài) and the middle of three (ngoài, khuỷu).
//
// Only syllables that parse as Vietnamese (a known initial, a known vowel
// cluster, a known final, one tone mark) are touched; foreign words and
// anything unusual (café, naïve, emoji) are left exactly as they were.

// The combining tone marks, as they appear after NFD.
const (
	toneGrave = '\u0300' // huyền
	toneAcute = '\u0301' // sắc
	toneTilde = '\u0303' // ngã
	toneHook  = '\u0309' // hỏi
	toneDot   = '\u0323' // nặng
)

// The combining marks that make a different vowel letter (â ă ê ô ơ ư).
const (
	modCircumflex = '\u0302'
	modBreve      = '\u0306'
	modHorn       = '\u031B'
)

func isTone(r rune) bool {
	switch r {
	case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
		return true
	}
	return false
}

func isModifier(r rune) bool {
	return r == modCircumflex || r == modBreve || r == modHorn
}

// maxSyllable bounds the letters of a syllable ("nghiêng" has 7); longer
// runs are not one syllable and are left alone.
const maxSyllable = 8

// letter is one letter of a syllable after NFD: its base as written (case
// kept) and the vowel modifier it carries, if any.
type letter struct {
	base  rune
	lower rune
	mod   rune
}

// vowelKey is the vowel letter a base and modifier spell (a + ̂ → â), or 0
// when l is not a vowel or the modifier does not belong on it.
func (l letter) vowelKey() rune {
	switch l.lower {
	case 'a':
		switch l.mod {
		case 0:
			return 'a'
		case modBreve:
			return 'ă'
		case modCircumflex:
			return 'â'
		}
	case 'e':
		switch l.mod {
		case 0:
			return 'e'
		case modCircumflex:
			return 'ê'
		}
	case 'o':
		switch l.mod {
		case 0:
			return 'o'
		case modCircumflex:
			return 'ô'
		case modHorn:
			return 'ơ'
		}
	case 'u':
		switch l.mod {
		case 0:
			return 'u'
		case modHorn:
			return 'ư'
		}
	case 'i':
		if l.mod == 0 {
			return 'i'
		}
	case 'y':
		if l.mod == 0 {
			return 'y'
		}
	}
	return 0
}

func isVowelBase(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// isInitial reports whether s is a consonant onset of Vietnamese
// syllables ("q" stands for "qu" and "g" also for "gi": the u and i are
// split off when parsing). Switches, not maps: this runs for every
// syllable of every text normalised.
func isInitial(s []byte) bool {
	switch string(s) {
	case "", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n",
		"ng", "ngh", "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x":
		return true
	}
	return false
}

// isFinal reports whether s is a consonant coda of Vietnamese syllables.
func isFinal(s []byte) bool {
	switch string(s) {
	case "", "c", "ch", "m", "n", "ng", "nh", "p", "t":
		return true
	}
	return false
}

// isNucleus reports whether s is a vowel cluster of Vietnamese syllables
// (after the u of qu and the i of gi are taken off). A syllable with any
// other cluster is not Vietnamese and keeps its marks where they are.
func isNucleus(s []byte) bool {
	switch string(s) {
	case "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
		"ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa",
		"oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ",
		"ưa", "ưi", "ưu", "ươ", "uy", "yê",
		"iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uyê",
		"uya", "uyu":
		return true
	}
	return false
}

// placeTones moves the tone mark of every Vietnamese syllable of s (which
// must be valid UTF-8 in NFC) to its canonical vowel, and reports whether
// it moved any. Syllables are
// maximal runs of letters and non-spacing marks that start with a letter.
func placeTones(s string) (string, bool) {
	var b strings.Builder
	done := 0 // bytes of s already copied to b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size // a syllable starts with a letter, never with a mark
			continue
		}
		start, ascii := i, true
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !isSyllableRune(r) {
				break
			}
			if r >= utf8.RuneSelf {
				ascii = false
			}
			i += size
		}
		if ascii {
			continue // no marks, nothing to move
		}
		fixed, changed := placeTone(s[start:i])
		if !changed {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[done:start])
		b.WriteString(fixed)
		done = i
	}
	if done == 0 {
		return s, false
	}
	b.WriteString(s[done:])
	return b.String(), true
}

func isSyllableRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// placeTone returns the syllable with its tone mark on the canonical vowel
// and true, or syl and false when it is already there, has no tone or is
// not a Vietnamese syllable.
func placeTone(syl string) (string, bool) {
	var buf [maxSyllable]letter
	letters := buf[:0]
	var tone rune
	tonePos := -1
	// mark records one combining mark on the last letter.
	mark := func(m rune) bool {
		switch {
		case len(letters) == 0:
			return false
		case isTone(m):
			if tone != 0 {
				return false
			}
			tone, tonePos = m, len(letters)-1
		case isModifier(m):
			if letters[len(letters)-1].mod != 0 {
				return false
			}
			letters[len(letters)-1].mod = m
		default:
			return false
		}
		return true
	}
	// Decompose letter by letter with the Latin tables (the same result
	// as NFD for the letters Vietnamese uses; any other letter or mark
	// means the syllable is not Vietnamese).
	for _, r := range syl {
		if m, ok := combiningMark(r); ok {
			if !mark(m) {
				return syl, false
			}
			continue
		}
		base, mod, tn := r, rune(0), rune(0)
		if r >= utf8.RuneSelf && r != 'đ' && r != 'Đ' {
			l, ok := lookupLatin(r)
			if !ok || l.base == 0 {
				return syl, false
			}
			base, mod, tn = l.base, l.mod, l.tone
		}
		lower := unicode.ToLower(base)
		if len(letters) == maxSyllable || !(lower >= 'a' && lower <= 'z' || lower == 'đ') {
			return syl, false
		}
		letters = append(letters, letter{base: base, lower: lower})
		if mod != 0 && !mark(mod) || tn != 0 && !mark(tn) {
			return syl, false
		}
	}
	if tone == 0 || !isVowelBase(letters[tonePos].lower) {
		return syl, false // no tone, or a mark on a consonant: not Vietnamese
	}
	target, ok := tonePosition(letters)
	if !ok || target == tonePos {
		return syl, false
	}
	var b strings.Builder
	for i, l := range letters {
		b.WriteRune(l.base)
		if l.mod != 0 {
			b.WriteRune(l.mod)
		}
		if i == target {
			b.WriteRune(tone)
		}
	}
	return norm.NFC.String(b.String()), true
}

// tonePosition parses letters as a Vietnamese syllable and returns the
// index of the letter that carries the tone in the canonical placement.
func tonePosition(letters []letter) (int, bool) {
	n := len(letters)
	v := 0 // first vowel
	for v < n && !isVowelBase(letters[v].lower) {
		if letters[v].mod != 0 {
			return 0, false
		}
		v++
	}
	if v == n {
		return 0, false
	}
	if v > 3 { // the longest initial is "ngh"
		return 0, false
	}
	// Keys are built in stack buffers; switch string(bytes) does not allocate.
	var ib [3 * utf8.UTFMax]byte
	initial := ib[:0]
	for _, l := range letters[:v] {
		initial = utf8.AppendRune(initial, l.lower)
	}
	if !isInitial(initial) {
		return 0, false
	}
	end := v // one past the last vowel of the cluster
	for end < n && isVowelBase(letters[end].lower) {
		end++
	}
	if n-end > 2 { // the longest finals are "ch", "ng", "nh"
		return 0, false
	}
	var fb [2 * utf8.UTFMax]byte
	final := fb[:0]
	for _, l := range letters[end:] {
		if l.mod != 0 {
			return 0, false
		}
		final = utf8.AppendRune(final, l.lower)
	}
	if !isFinal(final) {
		return 0, false
	}
	switch string(initial) {
	case "q":
		if letters[v].lower != 'u' || letters[v].mod != 0 || end-v < 2 {
			return 0, false
		}
		v++
	case "g":
		if letters[v].lower == 'i' && letters[v].mod == 0 && end-v >= 2 {
			v++
		}
	}
	cluster := letters[v:end]
	if len(cluster) > 3 {
		return 0, false
	}
	var kb [3 * utf8.UTFMax]byte
	key := kb[:0]
	modified := -1
	for i, l := range cluster {
		k := l.vowelKey()
		if k == 0 {
			return 0, false
		}
		key = utf8.AppendRune(key, k)
		if l.mod != 0 {
			modified = i
		}
	}
	if !isNucleus(key) {
		return 0, false
	}
	switch {
	case modified >= 0:
		return v + modified, true
	case end < n: // closed syllable
		return end - 1, true
	case len(cluster) == 3:
		return v + 1, true
	default:
		return v, true
	}
}
