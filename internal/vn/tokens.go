package vn

import (
	"strings"
	"unicode"
)

// BigramSep joins the two syllables of a bigram. It is not a letter or a
// digit, so it never occurs inside a token and a bigram can never be
// mistaken for a token.
const BigramSep = "_"

// Tokens returns the syllables of s, lower-cased, in order: the maximal
// runs of letters and digits (with the combining marks that follow them)
// of Normalize(s). "Đăng ký CCCD-2024!" gives ["đăng", "ký", "cccd",
// "2024"]. Diacritics are kept; Fold each token to compare without them.
func Tokens(s string) []string {
	var out []string
	for _, p := range Phrases(s) {
		out = append(out, p...)
	}
	return out
}

// Phrases returns the tokens of s grouped into phrases: runs of tokens
// separated only by white space. Punctuation (",", ".", "-", "/", ...)
// ends a phrase, so "khai sinh, thường trú" gives [["khai", "sinh"],
// ["thường", "trú"]] and no bigram is made across the comma.
func Phrases(s string) [][]string {
	s = Normalize(strings.ToLower(s))
	var (
		out    [][]string
		phrase []string
		start  = -1 // start of the current token, or -1
	)
	endToken := func(i int) {
		if start >= 0 {
			phrase = append(phrase, s[start:i])
			start = -1
		}
	}
	endPhrase := func() {
		if len(phrase) > 0 {
			out = append(out, phrase)
			phrase = nil
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		case unicode.IsMark(r):
			// A mark belongs to the token it follows; elsewhere it is
			// ignored like white space.
		case unicode.IsSpace(r):
			endToken(i)
		default:
			endToken(i)
			endPhrase()
		}
	}
	endToken(len(s))
	endPhrase()
	return out
}

// Bigrams returns the pairs of consecutive tokens joined by BigramSep:
// ["đăng", "ký", "khai"] gives ["đăng_ký", "ký_khai"]. Pass one phrase at
// a time so that no pair spans punctuation.
func Bigrams(tokens []string) []string {
	if len(tokens) < 2 {
		return nil
	}
	out := make([]string, len(tokens)-1)
	for i := range out {
		out[i] = tokens[i] + BigramSep + tokens[i+1]
	}
	return out
}
