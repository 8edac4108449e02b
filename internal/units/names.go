package units

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cleanText is the boundary normalisation for every string read from the
// embedded files: NFC, one kind of apostrophe, single spaces, no ends.
// Apostrophes matter in Central Highlands names (Ea H'Leo, Cư M'gar), which
// the sources spell with both ’ and '; citizens type '.
func cleanText(s string) string {
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u2019', '\u2018', '\u02bc':
			return '\''
		}
		return r
	}, s)
	// Joining can put a combining mark after a new neighbour; NFC again.
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// cleanName normalises a unit name and puts tone marks where the official
// 2025 list (QĐ 19/2025/QĐ-TTg) puts them: "Hòa", "Thủy". The sources mix
// that with the older "Hoà", "Thuỷ"; one spelling per unit keeps pages and
// exports consistent. Search folds marks anyway.
func cleanName(s string) string {
	return modernTone(cleanText(s))
}

// cleanFullName is cleanName with the type word capitalised: the NSO data
// has "xã Bắc Sơn" (06325).
func cleanFullName(s string) string {
	s = cleanName(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// toneShift describes, for a toned final vowel of "oa", "oe" or "uy", the
// vowel that must precede it (lower case), the bare final vowel, and the
// preceding vowel carrying the tone (lower case).
var toneShift = map[rune]struct{ prev, bare, toned rune }{}

func init() {
	for _, set := range []struct {
		prev          rune
		toned, onPrev string
		bare          rune
	}{
		{'o', "àáảãạ", "òóỏõọ", 'a'}, {'o', "ÀÁẢÃẠ", "òóỏõọ", 'A'},
		{'o', "èéẻẽẹ", "òóỏõọ", 'e'}, {'o', "ÈÉẺẼẸ", "òóỏõọ", 'E'},
		{'u', "ỳýỷỹỵ", "ùúủũụ", 'y'}, {'u', "ỲÝỶỸỴ", "ùúủũụ", 'Y'},
	} {
		on := []rune(set.onPrev)
		for i, r := range []rune(set.toned) {
			toneShift[r] = struct{ prev, bare, toned rune }{set.prev, set.bare, on[i]}
		}
	}
}

// modernTone moves the tone mark of a word-final "oa", "oe" or "uy" onto
// its first vowel ("Hoà" → "Hòa", "Thuỵ" → "Thụy"), leaving "qu" alone
// ("Quý" is q-u-ý, not u-y) and closed syllables ("Hoàn") unchanged.
// The input must be NFC.
func modernTone(s string) string {
	rs := []rune(s)
	changed := false
	for i := 1; i < len(rs); i++ {
		e, ok := toneShift[rs[i]]
		if !ok || unicode.ToLower(rs[i-1]) != e.prev {
			continue
		}
		if i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.Is(unicode.Mn, rs[i+1])) {
			continue // closed syllable (or a stray mark): leave it
		}
		if e.prev == 'u' && i >= 2 && unicode.ToLower(rs[i-2]) == 'q' {
			continue
		}
		onPrev := e.toned
		if unicode.IsUpper(rs[i-1]) {
			onPrev = unicode.ToUpper(onPrev)
		}
		rs[i-1], rs[i] = onPrev, e.bare
		changed = true
	}
	if !changed {
		return s
	}
	return string(rs)
}

// typeWords are the unit-type words that begin a full name, longest first
// so "Thành phố" wins over a hypothetical shorter match.
var typeWords = []struct {
	vi, en string
}{
	{"Thành phố", "City"},
	{"Thị trấn", "Township"},
	{"Thị xã", "Town"},
	{"Đặc khu", "Special Zone"},
	{"Phường", "Ward"},
	{"Huyện", "District"},
	{"Quận", "Urban District"},
	{"Tỉnh", "Province"},
	{"Xã", "Commune"},
}

// splitType splits a full name into its type word and proper name
// ("Phường Ba Đình" → "Phường", "Ba Đình"). ok is false when the name does
// not begin with a known type word.
func splitType(full string) (typ, name string, ok bool) {
	for _, t := range typeWords {
		if rest, found := strings.CutPrefix(full, t.vi+" "); found && rest != "" {
			return t.vi, rest, true
		}
	}
	return "", full, false
}

// typeEn returns the English type word for a Vietnamese one.
func typeEn(vi string) string {
	for _, t := range typeWords {
		if t.vi == vi {
			return t.en
		}
	}
	return ""
}
