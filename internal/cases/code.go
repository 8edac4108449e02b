package cases

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Tracking codes.
//
// A code is read aloud on the hotline, copied from an SMS and typed on a
// phone, so it is built for people:
//
//   - the display form is "PA-XXXXX-XXXXX": the prefix PA (phản ánh) tells it
//     apart from a dossier number (mã hồ sơ), and two groups of five are easy
//     to read back;
//   - the ten characters come from CodeAlphabet, 20 capital letters and 5
//     digits without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), so any
//     character a citizen can read is a character they can type;
//   - the first nine are random (crypto/rand, 25⁹ ≈ 3.8·10¹² codes) and the
//     tenth is a check character, so a mistyped code is recognised as such
//     without a database lookup: it catches every single wrong character and
//     every swap of two neighbours (see checkWeights);
//   - lookup is forgiving: case is ignored, and so are spaces, dashes, dots
//     and underscores anywhere, full-width characters and the "PA" prefix
//     itself ("pa k7qxm 3dhtw", "K7QXM3DHTW" and "PA-K7QXM-3DHTW" are one
//     code).

// CodeAlphabet is the characters of a tracking code.
const CodeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"

// CodePrefix starts every tracking code in its display form.
const CodePrefix = "PA"

// codeLen is the number of alphabet characters in a code, check included.
const codeLen = 10

// maxCodeInput bounds the input NormalizeCode looks at: nothing longer can
// be a code, and the limit keeps the work on outside input small.
const maxCodeInput = 64

// checkWeights weigh the nine random characters for the check character;
// the check character itself has weight 1. Every weight, and every
// difference between neighbouring weights (the check's included), is
// coprime with 25, which is what makes a wrong character or a swap of
// neighbours always change the sum modulo 25.
var checkWeights = [codeLen - 1]int{2, 3, 4, 6, 7, 8, 9, 11, 12}

// symbolIndex maps a byte to its index in CodeAlphabet, or -1.
var symbolIndex = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(CodeAlphabet); i++ {
		t[CodeAlphabet[i]] = int8(i)
	}
	return t
}()

// checkSymbol returns the check character for nine alphabet characters.
func checkSymbol(body string) byte {
	sum := 0
	for i := 0; i < codeLen-1; i++ {
		sum += checkWeights[i] * int(symbolIndex[body[i]])
	}
	n := len(CodeAlphabet)
	return CodeAlphabet[(n-sum%n)%n]
}

// formatCode turns ten alphabet characters into the display form.
func formatCode(raw string) string {
	return CodePrefix + "-" + raw[:5] + "-" + raw[5:]
}

// newCode draws a fresh code from r (crypto/rand in production). Bytes at
// or above 250 are drawn again so every character is equally likely.
func newCode(r io.Reader) (string, error) {
	n := len(CodeAlphabet)
	limit := 256 - 256%n
	body := make([]byte, 0, codeLen)
	var buf [16]byte
	for len(body) < codeLen-1 {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return "", fmt.Errorf("cases: new code: %w", err)
		}
		for _, b := range buf {
			if int(b) < limit && len(body) < codeLen-1 {
				body = append(body, CodeAlphabet[int(b)%n])
			}
		}
	}
	body = append(body, checkSymbol(string(body)))
	return formatCode(string(body)), nil
}

// isSeparator reports whether r may appear anywhere in a typed code and be
// ignored: white space and the dashes, dots and underscores people put
// between groups.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '-', '.', '_', '\u00A0',
		'\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return true
	}
	return false
}

// NormalizeCode turns a code as a citizen typed it into the display form
// "PA-XXXXX-XXXXX", and reports whether it is a well-formed code (right
// length, alphabet and check character). It does not say whether the case
// exists.
func NormalizeCode(s string) (string, bool) {
	if len(s) > maxCodeInput {
		return "", false
	}
	// NFKC turns full-width "ＰＡ" into "PA", as some phone keyboards type.
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isSeparator(r) {
			continue
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		if r >= 0x80 {
			return "", false
		}
		b.WriteRune(r)
	}
	raw := b.String()
	if len(raw) == codeLen+len(CodePrefix) && strings.HasPrefix(raw, CodePrefix) {
		raw = raw[len(CodePrefix):]
	}
	if len(raw) != codeLen {
		return "", false
	}
	for i := 0; i < codeLen; i++ {
		if symbolIndex[raw[i]] < 0 {
			return "", false
		}
	}
	if checkSymbol(raw[:codeLen-1]) != raw[codeLen-1] {
		return "", false
	}
	return formatCode(raw), true
}

// ValidCode reports whether s is a tracking code in any accepted spelling.
func ValidCode(s string) bool {
	_, ok := NormalizeCode(s)
	return ok
}
