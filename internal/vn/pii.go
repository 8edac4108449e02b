package vn

import (
	"regexp"
	"strings"
)

// The placeholders RedactPII puts where personal data was.
const (
	RedactedCCCD  = "[số CCCD]"
	RedactedPhone = "[số điện thoại]"
	RedactedEmail = "[email]"
	RedactedCard  = "[số thẻ]"
)

// IsCCCD reports whether s is a citizen identity number (số định danh cá
// nhân, printed on the CCCD card): 12 digits, the first three a province
// code from 001 to 096. Groups separated by one space, dot or dash and
// white space around the number are allowed ("001 099 012345").
func IsCCCD(s string) bool {
	d, plus, ok := digitsOf(s)
	if !ok || plus || len(d) != 12 {
		return false
	}
	province := int(d[0]-'0')*100 + int(d[1]-'0')*10 + int(d[2]-'0')
	return province >= 1 && province <= 96
}

// IsMobile reports whether s is a Vietnamese mobile number: 10 digits
// starting 03, 05, 07, 08 or 09, written with a leading 0 or with the
// country code instead (+84, (+84), 84, 0084). Groups separated by one
// space, dot or dash are allowed ("0912 345 678", "(+84) 912.345.678").
func IsMobile(s string) bool {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "(+84)"); ok {
		s = "+84 " + strings.TrimSpace(rest)
	}
	d, plus, ok := digitsOf(s)
	if !ok {
		return false
	}
	return isMobileDigits(d, plus)
}

func isMobileDigits(d string, plus bool) bool {
	switch {
	case plus && strings.HasPrefix(d, "84") && len(d) == 11:
		d = "0" + d[2:]
	case !plus && strings.HasPrefix(d, "0084") && len(d) == 13:
		d = "0" + d[4:]
	case !plus && strings.HasPrefix(d, "84") && len(d) == 11:
		d = "0" + d[2:]
	case plus:
		return false
	}
	if len(d) != 10 || d[0] != '0' {
		return false
	}
	switch d[1] {
	case '3', '5', '7', '8', '9':
		return true
	}
	return false
}

// digitsOf returns the digits of s and whether it starts with "+". s,
// trimmed, must be an optional "+" and groups of digits separated by
// exactly one space, dot or dash — the forms RedactPII also recognises.
func digitsOf(s string) (digits string, plus, ok bool) {
	s = strings.TrimSpace(s)
	if rest, found := strings.CutPrefix(s, "+"); found {
		s, plus = rest, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			b.WriteByte(c)
		case (c == ' ' || c == '.' || c == '-') && i > 0 && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1]):
		default:
			return "", false, false
		}
	}
	return b.String(), plus, b.Len() > 0
}

// emailRE finds e-mail addresses (ASCII: the form used in practice).
var emailRE = regexp.MustCompile(`[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+`)

// RedactPII replaces personal data in free text with placeholders, so the
// text can be logged, shown to staff who need not see it, or published:
// e-mail addresses become "[email]", 12-digit numbers "[số CCCD]",
// Vietnamese mobile numbers "[số điện thoại]", and 13- to 19-digit numbers
// (bank cards) "[số thẻ]". Numbers may be written in groups separated by
// one space, dot or dash ("0912 345 678", "4111-1111-1111-1111").
//
// When in doubt it hides: any 12-digit number is taken for a CCCD, and a
// phone number run together with the next number is hidden as one. Other
// numbers are left alone: dates, procedure codes, and amounts written with
// dots between thousands ("150.000.000.000 đồng"). RedactPII is
// idempotent and keeps valid UTF-8 valid.
func RedactPII(s string) string {
	if strings.IndexByte(s, '@') >= 0 {
		s = emailRE.ReplaceAllLiteralString(s, RedactedEmail)
	}
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); {
		if !startsNumber(s, i) {
			i++
			continue
		}
		groups := numberGroups(s, i)
		next := groups[len(groups)-1].end
		for g := 0; g < len(groups); {
			last, placeholder := longestPII(s, groups[g:])
			if last < 0 {
				g++
				continue
			}
			b.WriteString(s[done:groups[g].start])
			b.WriteString(placeholder)
			done = groups[g+last].end
			g += last + 1
		}
		i = next
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// group is one run of digits, with the "+" before it when there is one.
type group struct {
	start, end int // bytes of s, the "+" included
	plus       bool
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// startsNumber reports whether a number starts at s[i]: a digit or a "+"
// before one, not preceded by a digit.
func startsNumber(s string, i int) bool {
	if i > 0 && isDigit(s[i-1]) {
		return false
	}
	if isDigit(s[i]) {
		return true
	}
	return s[i] == '+' && i+1 < len(s) && isDigit(s[i+1])
}

// numberGroups returns the digit groups of the number starting at s[i]:
// runs of digits separated by exactly one space, dot or dash.
func numberGroups(s string, i int) []group {
	var out []group
	for {
		g := group{start: i}
		if s[i] == '+' {
			g.plus = true
			i++
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		g.end = i
		out = append(out, g)
		if i+1 < len(s) && (s[i] == ' ' || s[i] == '.' || s[i] == '-') && isDigit(s[i+1]) {
			i++
			continue
		}
		return out
	}
}

// isAmount reports whether groups read as a number with dots between
// thousands, the Vietnamese way of writing amounts: 1–3 digits not
// starting with 0, then groups of exactly 3 after a dot.
func isAmount(s string, groups []group) bool {
	first := groups[0]
	if len(groups) < 2 || first.plus || first.end-first.start > 3 || s[first.start] == '0' {
		return false
	}
	for _, g := range groups[1:] {
		if s[g.start-1] != '.' || g.end-g.start != 3 {
			return false
		}
	}
	return true
}

// longestPII returns the index of the last group of the longest run of
// groups, starting at groups[0], that reads as personal data, and its
// placeholder; or -1.
func longestPII(s string, groups []group) (int, string) {
	best, placeholder := -1, ""
	plus := groups[0].plus
	var digits strings.Builder
	for j, g := range groups {
		start := g.start
		if g.plus {
			start++
		}
		digits.WriteString(s[start:g.end])
		d := digits.String()
		switch {
		case len(d) > 19:
			return best, placeholder
		case isMobileDigits(d, plus):
			best, placeholder = j, RedactedPhone
		case isAmount(s, groups[:j+1]):
			// "150.000.000.000" is money, not an identity number.
		case len(d) == 12:
			best, placeholder = j, RedactedCCCD
		case len(d) >= 13:
			best, placeholder = j, RedactedCard
		}
	}
	return best, placeholder
}
