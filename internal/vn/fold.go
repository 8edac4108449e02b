package vn

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold is the form text is compared in when diacritics must not matter:
// lower case, đ → d, and every diacritic dropped, so "Đăng ký" and
// "dang ky" fold to the same "dang ky". Many citizens type without
// diacritics; search and the assistant index and match folded text beside
// the accented text.
//
// Diacritics are the non-spacing marks of the NFD form (tone marks, hats,
// breves, horns, and the accents of other Latin languages alike). Ð (the
// Icelandic eth, which old Vietnamese encodings put where Đ belongs) folds
// to d as well. Invalid UTF-8 becomes U+FFFD. White space is kept as it is;
// Normalize first when it matters. Fold is idempotent.
func Fold(s string) string {
	if isPlainASCII(s) {
		return strings.ToLower(s)
	}
	if f, ok := fastFold(s); ok {
		return f
	}
	return slowFold(s)
}

// slowFold is Fold by the definition: lower case, NFD, marks dropped, đ →
// d, NFC. It handles any text; fastFold handles Vietnamese without it.
func slowFold(s string) string {
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	s = norm.NFD.String(strings.ToLower(s))
	s = strings.Map(foldRune, s)
	return norm.NFC.String(s)
}

func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return r
	case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð':
		return 'd'
	case unicode.Is(unicode.Mn, r):
		return -1
	}
	return unicode.ToLower(r)
}
