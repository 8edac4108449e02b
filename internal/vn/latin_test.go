package vn

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestFastFoldAgrees checks the table path of Fold against the definition
// for every letter in the tables, alone and with marks around it.
func TestFastFoldAgrees(t *testing.T) {
	for _, rg := range latinRanges {
		for c := rg.lo; c <= rg.hi; c++ {
			for _, s := range []string{string(c), "X" + string(c) + "\u0301y", string(c) + "\u0323\u0302"} {
				if f, ok := fastFold(s); ok && f != slowFold(s) {
					t.Errorf("fastFold(%q) = %q, slowFold = %q", s, f, slowFold(s))
				}
			}
		}
	}
	// Vietnamese text takes the fast path.
	if _, ok := fastFold("Đăng ký thường trú, Khánh Hòa, NGƯỜI ĐƯỢC"); !ok {
		t.Error("fastFold refused Vietnamese text")
	}
}

// placeToneNFD is tone placement by the definition: NFD the syllable and
// parse its letters and marks. placeTone must agree with it.
func placeToneNFD(syl string) (string, bool) {
	var letters []letter
	var tone rune
	tonePos := -1
	for _, r := range norm.NFD.String(syl) {
		switch {
		case isTone(r):
			if tone != 0 || len(letters) == 0 {
				return syl, false
			}
			tone, tonePos = r, len(letters)-1
		case isModifier(r):
			if len(letters) == 0 || letters[len(letters)-1].mod != 0 {
				return syl, false
			}
			letters[len(letters)-1].mod = r
		default:
			lower := unicode.ToLower(r)
			if len(letters) == maxSyllable || !(lower >= 'a' && lower <= 'z' || lower == 'đ') {
				return syl, false
			}
			letters = append(letters, letter{base: r, lower: lower})
		}
	}
	if tone == 0 || !isVowelBase(letters[tonePos].lower) {
		return syl, false
	}
	target, ok := tonePosition(letters)
	if !ok || target == tonePos {
		return syl, false
	}
	var out []rune
	for i, l := range letters {
		out = append(out, l.base)
		if l.mod != 0 {
			out = append(out, l.mod)
		}
		if i == target {
			out = append(out, tone)
		}
	}
	return norm.NFC.String(string(out)), true
}

func FuzzPlaceTone(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		s = norm.NFC.String(s)
		got, gotOK := placeTone(s)
		want, wantOK := placeToneNFD(s)
		if got != want || gotOK != wantOK {
			t.Fatalf("placeTone(%q) = %q, %v; by NFD %q, %v", s, got, gotOK, want, wantOK)
		}
	})
}
