package vn

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Telex is how most Vietnamese type on a Latin keyboard: "aa" is â, "ow"
// is ơ, "dd" is đ, and a letter after the vowels gives the tone (s sắc,
// f huyền, r hỏi, x ngã, j nặng), so "luwowngj" is lượng. When the
// keyboard's conversion is off, or is slow to catch up on a phone, the
// keys arrive as typed: "hooj khaaur", "lamf sao", "căn cươcs" (half
// converted). Such a token is no Vietnamese syllable as it stands, and
// read as Telex it is one.

// telexTones are the tone keys of Telex and the marks they put.
var telexTones = map[rune]rune{
	's': toneAcute, 'f': toneGrave, 'r': toneHook, 'x': toneTilde, 'j': toneDot,
}

// FromTelex returns the syllable that tok, a lower-case token, spells in
// Telex, and true; or tok and false when tok is a Vietnamese syllable as
// it stands (or holds no letter Telex reads) or is none read as Telex
// either: "lamf" is làm, "hooj" hộ, "khaaur" khẩu, "nhwngx" những, but
// "thanks", "usd" and "online" stay as they are. A tone key after letters
// that need a hat to take it ("tienf", tiền typed without "ee") is dropped:
// the letters are the syllable typed without marks, "tien".
func FromTelex(tok string) (string, bool) {
	var buf [maxSyllable + 2]letter
	letters := buf[:0]
	for _, r := range tok {
		base, mod, tone := r, rune(0), rune(0)
		if r >= utf8.RuneSelf && r != 'đ' {
			l, ok := lookupLatin(r)
			if !ok || l.base == 0 {
				return tok, false
			}
			base, mod, tone = l.base, l.mod, l.tone
		}
		if !(base >= 'a' && base <= 'z' || base == 'đ') || tone != 0 || len(letters) == len(buf) {
			// A tone already typed, a capital or another letter: the
			// keyboard converted it, or it is not Vietnamese.
			return tok, false
		}
		letters = append(letters, letter{base: base, lower: base, mod: mod})
	}
	if _, ok := tonePosition(letters); ok {
		return tok, false // a syllable as it stands: "sao", "vat"
	}
	out, tone, ok := readTelex(letters)
	if !ok {
		return tok, false
	}
	target, ok := tonePosition(out)
	if !ok {
		// The tone typed but not the hat ("tienf" for tiền): the letters
		// without the tone key are the syllable typed without marks.
		if tone == 0 || !bareSyllable(out) {
			return tok, false
		}
		tone, target = 0, -1
	}
	var b strings.Builder
	for i, l := range out {
		b.WriteRune(l.base)
		if l.mod != 0 {
			b.WriteRune(l.mod)
		}
		if i == target && tone != 0 {
			b.WriteRune(tone)
		}
	}
	s := norm.NFC.String(b.String())
	return s, s != tok
}

// TelexFold returns, folded, the syllable that tok spells in Telex
// (FromTelex) when known, a vocabulary of folded syllables, has it: the
// reading of a token the vocabulary does not have, which callers check
// first. Only a vocabulary tells "hooj" (hộ) from "test" (tét, which no
// text has): both are Telex. Folded, the syllable leaves the rest of the
// text as it was typed, with or without marks.
func TelexFold(tok string, known func(folded string) bool) (string, bool) {
	s, ok := FromTelex(tok)
	if !ok {
		return tok, false
	}
	if f := Fold(s); known(f) {
		return f, true
	}
	return tok, false
}

// readTelex applies the Telex keys of letters: the vowel doubled or
// followed by w takes its hat, breve or horn, "dd" is đ, a w with no vowel
// before it is ư, and one tone key after the first vowel is the tone.
func readTelex(in []letter) (out []letter, tone rune, ok bool) {
	out = make([]letter, 0, len(in))
	seenVowel := false
	for i, l := range in {
		last := len(out) - 1
		switch {
		case l.lower == 'd' && i == 1 && out[0].lower == 'd':
			out[0].base, out[0].lower = 'đ', 'đ'
			continue
		case isVowelBase(l.lower) && last >= 0 && out[last].lower == l.lower && out[last].mod == 0 &&
			(l.lower == 'a' || l.lower == 'e' || l.lower == 'o') && l.mod == 0:
			out[last].mod = modCircumflex
			continue
		case l.lower == 'w':
			if !hookVowels(out) {
				if seenVowel {
					return nil, 0, false
				}
				out = append(out, letter{base: 'u', lower: 'u', mod: modHorn})
				seenVowel = true
			}
			continue
		case seenVowel && telexTones[l.lower] != 0:
			if tone != 0 || i+1 < len(in) && isVowelBase(in[i+1].lower) {
				// Two tones, or a vowel after the key: "visa" is no vía.
				return nil, 0, false
			}
			tone = telexTones[l.lower]
			continue
		}
		if isVowelBase(l.lower) {
			seenVowel = true
		}
		out = append(out, l)
	}
	return out, tone, seenVowel
}

// hookVowels puts the mark a w gives on the last vowels of out, before
// any final consonant: uo → ươ, a → ă, o → ơ, u → ư. It reports whether
// there was a vowel to mark.
func hookVowels(out []letter) bool {
	end := len(out)
	for end > 0 && !isVowelBase(out[end-1].lower) {
		end--
	}
	if end == 0 {
		return false
	}
	v := end - 1
	if out[v].mod != 0 {
		return false
	}
	switch out[v].lower {
	case 'a':
		out[v].mod = modBreve
	case 'o':
		out[v].mod = modHorn
		if v > 0 && out[v-1].lower == 'u' && out[v-1].mod == 0 {
			out[v-1].mod = modHorn
		}
	case 'u':
		out[v].mod = modHorn
	default:
		return false
	}
	return true
}

// bareNuclei are the vowel clusters of Vietnamese syllables (isNucleus)
// typed without marks, with the u of qu and the i of gi kept.
var bareNuclei = map[string]bool{}

func init() {
	for _, n := range []string{"a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia",
		"ie", "iu", "oa", "oe", "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy", "ye", "ieu", "yeu", "oai",
		"oay", "oeo", "uay", "uoi", "uou", "uye", "uya", "uyu", "uai", "uao", "uau"} {
		bareNuclei[n] = true
		bareNuclei["u"+n] = true // qu
		bareNuclei["i"+n] = true // gi
	}
}

// bareSyllable reports whether letters, which carry no mark, are shaped
// as a syllable typed without marks: a known initial, a known vowel
// cluster, a known final.
func bareSyllable(letters []letter) bool {
	var b []byte
	v := 0
	for v < len(letters) && !isVowelBase(letters[v].lower) {
		b = utf8.AppendRune(b, letters[v].lower)
		v++
	}
	if !isInitial(b) {
		return false
	}
	b = b[:0]
	end := v
	for end < len(letters) && isVowelBase(letters[end].lower) {
		if letters[end].mod != 0 {
			return false
		}
		b = utf8.AppendRune(b, letters[end].lower)
		end++
	}
	if !bareNuclei[string(b)] {
		return false
	}
	b = b[:0]
	for _, l := range letters[end:] {
		b = utf8.AppendRune(b, l.lower)
	}
	return isFinal(b)
}
