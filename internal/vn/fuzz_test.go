package vn

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// seeds are inputs the fuzzers start from: Vietnamese in both tone
// placements, decomposed, upper case, mixed with numbers, PII and junk.
var seeds = []string{
	"", " ", "hoà thuý khoẻ Hoá", "Hòa Thúy Khỏe", "Đăng ký khai sinh",
	"ĐĂNG KÝ THƯỜNG TRÚ", "ngừơi trừơng qúa gìa", "khủyu ngòai",
	"café naïve Zoë", "a\u0301\u0301", "\u0301", "q", "gi", "qu\u0301",
	"thủ tục   cấp\tđổi\nGPLX-B2!", "CCCD 001099012345 sđt 0912 345 678",
	"email a.b@c.vn thẻ 4111-1111-1111-1111", "+84 912 345 678",
	"150.000.000.000 đồng", "\xff\xfe hoà \xc3", "İ ß ǅ Ω K Å",
	"khai\u200bsinh\ufeff", "a b\u0301", "x \u0301 y", "ǈ\u0301",
	"Ðà Nẵng", "nghiêng ngoẹo", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ១២",
}

func FuzzNormalize(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if !norm.NFC.IsNormalString(n) {
			t.Fatalf("Normalize(%q) = %q: not NFC", s, n)
		}
		if n2 := Normalize(n); n2 != n {
			t.Fatalf("not idempotent: Normalize(%q) = %q, Normalize of that = %q", s, n, n2)
		}
		if n != strings.TrimSpace(n) || strings.Contains(n, "  ") {
			t.Fatalf("Normalize(%q) = %q: white space not tidied", s, n)
		}
		for _, r := range n {
			if unicode.IsSpace(r) && r != ' ' {
				t.Fatalf("Normalize(%q) = %q: white space %U left", s, n, r)
			}
		}
		// Tone placement only moves marks: folding ignores it.
		if utf8.ValidString(s) && Fold(n) != Fold(strings.Join(strings.Fields(strings.Map(dropInvisible, s)), " ")) {
			t.Fatalf("Normalize(%q) = %q changed more than marks: folds %q vs %q", s, n, Fold(n), Fold(s))
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fs := Fold(s)
		if want := slowFold(s); fs != want {
			t.Fatalf("Fold(%q) = %q, by the definition %q", s, fs, want)
		}
		if !utf8.ValidString(fs) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, fs)
		}
		if f2 := Fold(fs); f2 != fs {
			t.Fatalf("not idempotent: Fold(%q) = %q, Fold of that = %q", s, fs, f2)
		}
		for _, r := range norm.NFD.String(fs) {
			if unicode.Is(unicode.Mn, r) {
				t.Fatalf("Fold(%q) = %q keeps mark %U", s, fs, r)
			}
			if r == 'đ' || r == 'Đ' {
				t.Fatalf("Fold(%q) = %q keeps đ", s, fs)
			}
		}
		// Folding and normalising commute (up to the spaces a dropped
		// lone mark leaves behind).
		if a, b := collapseSpace(Fold(Normalize(s))), Normalize(Fold(s)); a != b {
			t.Fatalf("Fold(Normalize(%q)) = %q, Normalize(Fold) = %q", s, a, b)
		}
	})
}

func FuzzTokens(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		for _, tok := range toks {
			if tok == "" || !utf8.ValidString(tok) {
				t.Fatalf("Tokens(%q) has token %q", s, tok)
			}
			if strings.Contains(tok, BigramSep) || strings.ContainsFunc(tok, unicode.IsSpace) {
				t.Fatalf("Tokens(%q) has token %q with a separator", s, tok)
			}
			first, _ := utf8.DecodeRuneInString(tok)
			if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
				t.Fatalf("Tokens(%q) has token %q not starting with a letter or digit", s, tok)
			}
		}
		// Tokens are a fixed point: tokenising them again gives them back.
		again := Tokens(strings.Join(toks, " "))
		if strings.Join(again, "\x00") != strings.Join(toks, "\x00") {
			t.Fatalf("Tokens(%q) = %q, but Tokens of those = %q", s, toks, again)
		}
		var flat []string
		for _, p := range Phrases(s) {
			if len(p) == 0 {
				t.Fatalf("Phrases(%q) has an empty phrase", s)
			}
			if bg := Bigrams(p); len(bg) != len(p)-1 {
				t.Fatalf("Bigrams(%q) = %q", p, bg)
			}
			flat = append(flat, p...)
		}
		if strings.Join(flat, "\x00") != strings.Join(toks, "\x00") {
			t.Fatalf("Phrases(%q) flattened = %q, Tokens = %q", s, flat, toks)
		}
	})
}

func FuzzRedactPII(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	for _, s := range []string{"0912345678", "001099012345", "+84912345678", "1234 123456789012", "a@b.c@d.e", "84.912.345.678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := RedactPII(s)
		if utf8.ValidString(s) && !utf8.ValidString(r) {
			t.Fatalf("RedactPII(%q) = %q: invalid UTF-8", s, r)
		}
		if r2 := RedactPII(r); r2 != r {
			t.Fatalf("not idempotent: RedactPII(%q) = %q, again %q", s, r, r2)
		}
		if emailRE.MatchString(r) {
			t.Fatalf("RedactPII(%q) = %q keeps an e-mail", s, r)
		}
		// No identity or card number, and no mobile number, survives.
		for i := 0; i < len(r); {
			if !isDigit(r[i]) {
				i++
				continue
			}
			j := i
			for j < len(r) && isDigit(r[j]) {
				j++
			}
			run := r[i:j]
			if len(run) >= 12 && len(run) <= 19 {
				t.Fatalf("RedactPII(%q) = %q keeps %q", s, r, run)
			}
			if (i == 0 || r[i-1] != '+') && isMobileDigits(run, false) {
				t.Fatalf("RedactPII(%q) = %q keeps phone %q", s, r, run)
			}
			i = j
		}
		if IsCCCD(s) || IsMobile(s) {
			if strings.ContainsAny(r, "0123456789") {
				t.Fatalf("IsCCCD/IsMobile(%q) but RedactPII = %q", s, r)
			}
		}
	})
}

// osa is the reference optimal-string-alignment distance Near must agree with.
func osa(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func FuzzNear(f *testing.F) {
	f.Add("chiu", "chieu")
	f.Add("sihn", "sinh")
	f.Add("khai", "khi")
	f.Add("đăng", "dang")
	f.Fuzz(func(t *testing.T, a, b string) {
		ra, rb := []rune(a), []rune(b)
		if len(ra) > 16 || len(rb) > 16 {
			return
		}
		long, short := max(len(ra), len(rb)), min(len(ra), len(rb))
		want := a != b && long >= 4 && short >= 3 && osa(ra, rb) == 1
		if got := Near(a, b); got != want {
			t.Fatalf("Near(%q, %q) = %v, want %v", a, b, got, want)
		}
		if Near(a, b) != Near(b, a) {
			t.Fatalf("Near(%q, %q) is not symmetric", a, b)
		}
	})
}
