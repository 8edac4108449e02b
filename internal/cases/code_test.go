package cases

import (
	"bytes"
	"crypto/rand"
	"strings"
	"testing"
)

func TestCodeAlphabetHasNoLookAlikes(t *testing.T) {
	if len(CodeAlphabet) != 25 {
		t.Fatalf("alphabet has %d symbols, want 25", len(CodeAlphabet))
	}
	for _, c := range "0O1IL5S2Z8B" {
		if strings.ContainsRune(CodeAlphabet, c) {
			t.Errorf("alphabet contains look-alike %q", c)
		}
	}
	seen := map[rune]bool{}
	for _, c := range CodeAlphabet {
		if seen[c] {
			t.Errorf("alphabet repeats %q", c)
		}
		seen[c] = true
	}
}

func TestNewCodeShape(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		code, err := newCode(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if len(code) != 14 || code[:3] != "PA-" || code[8] != '-' {
			t.Fatalf("code %q is not PA-XXXXX-XXXXX", code)
		}
		for _, c := range code[3:8] + code[9:] {
			if !strings.ContainsRune(CodeAlphabet, c) {
				t.Fatalf("code %q has %q outside the alphabet", code, c)
			}
		}
		if got, ok := NormalizeCode(code); !ok || got != code {
			t.Fatalf("NormalizeCode(%q) = %q, %v", code, got, ok)
		}
		if seen[code] {
			t.Fatalf("code %q drawn twice in 2000 draws", code)
		}
		seen[code] = true
	}
}

func TestNewCodeUsesEverySymbol(t *testing.T) {
	count := map[byte]int{}
	for i := 0; i < 500; i++ {
		code, err := newCode(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		raw := code[3:8] + code[9:13] // the random part
		for j := 0; j < len(raw); j++ {
			count[raw[j]]++
		}
	}
	// 4,500 draws over 25 symbols: 180 each on average; a symbol missing
	// or three times too rare would mean a biased or broken draw.
	for i := 0; i < len(CodeAlphabet); i++ {
		if n := count[CodeAlphabet[i]]; n < 60 {
			t.Errorf("symbol %q drawn %d times in 4500", CodeAlphabet[i], n)
		}
	}
}

func TestNewCodeRejectsBiasedBytes(t *testing.T) {
	// Bytes 250–255 must be skipped, not folded onto the first symbols.
	src := append(bytes.Repeat([]byte{255}, 16), bytes.Repeat([]byte{1}, 16)...)
	code, err := newCode(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Repeat(string(CodeAlphabet[1]), 9)
	if raw := code[3:8] + code[9:13]; raw != want {
		t.Fatalf("random part %q, want %q", raw, want)
	}
}

func TestNormalizeCodeSpellings(t *testing.T) {
	code, err := newCode(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	raw := code[3:8] + code[9:]
	lower := strings.ToLower(code)
	for _, in := range []string{
		code,
		raw,
		lower,
		"  " + strings.ToLower(raw[:3]) + " " + raw[3:7] + "  " + raw[7:] + " ",
		"pa " + strings.ToLower(raw[:5]) + " " + strings.ToLower(raw[5:]),
		"PA." + raw[:5] + "." + raw[5:],
		"PA–" + raw[:5] + "—" + raw[5:], // en and em dashes
		toFullWidth(code),
		"P-A-" + raw,
	} {
		if got, ok := NormalizeCode(in); !ok || got != code {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q", in, got, ok, code)
		}
	}
	for _, in := range []string{
		"", "PA", "PA-", raw[:9], raw + "A", "XX" + raw, "PA" + raw + "A",
		strings.Replace(raw, raw[:1], "0", 1), // look-alike never in a code
		"PA-" + raw[:5] + "/" + raw[5:],       // slash is not a separator
		raw[:5] + "é" + raw[5:],
	} {
		if got, ok := NormalizeCode(in); ok {
			t.Errorf("NormalizeCode(%q) = %q, true; want false", in, got)
		}
	}
}

func toFullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7F {
			r += 0xFF01 - '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestCheckCharacterCatchesTypos checks, on many codes, that every single
// wrong character and every swap of two different neighbours is refused.
func TestCheckCharacterCatchesTypos(t *testing.T) {
	for n := 0; n < 300; n++ {
		code, err := newCode(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		raw := []byte(code[3:8] + code[9:])
		for i := range raw {
			for j := 0; j < len(CodeAlphabet); j++ {
				if CodeAlphabet[j] == raw[i] {
					continue
				}
				typo := append([]byte(nil), raw...)
				typo[i] = CodeAlphabet[j]
				if ValidCode(string(typo)) {
					t.Fatalf("%s with position %d changed to %c still valid", raw, i, CodeAlphabet[j])
				}
			}
			if i+1 < len(raw) && raw[i] != raw[i+1] {
				typo := append([]byte(nil), raw...)
				typo[i], typo[i+1] = typo[i+1], typo[i]
				if ValidCode(string(typo)) {
					t.Fatalf("%s with positions %d and %d swapped still valid", raw, i, i+1)
				}
			}
		}
	}
}

// FuzzNormalizeCode: the normaliser reads outside input (addresses, forms,
// SMS replies). Whatever it gets, it must not panic, and what it accepts
// must be a canonical code that normalises to itself.
func FuzzNormalizeCode(f *testing.F) {
	for _, s := range []string{"PA-ACDEF-GHJKM", "pa acdef ghjkm", "ＰＡ－", "", "PA-\xff", "0O1IL",
		"PAPAPAPAPAPAPA", strings.Repeat("-", 70), "pa-k7qxm-3dhtw"} {
		f.Add(s)
	}
	if code, err := newCode(rand.Reader); err == nil {
		f.Add(code)
		f.Add(strings.ToLower(code))
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := NormalizeCode(s)
		if !ok {
			if got != "" {
				t.Fatalf("NormalizeCode(%q) = %q with false", s, got)
			}
			return
		}
		if len(got) != 14 || got[:3] != "PA-" || got[8] != '-' {
			t.Fatalf("NormalizeCode(%q) = %q, not in display form", s, got)
		}
		again, ok := NormalizeCode(got)
		if !ok || again != got {
			t.Fatalf("NormalizeCode(%q) = %q, but that normalises to %q, %v", s, got, again, ok)
		}
		if lower, ok := NormalizeCode(strings.ToLower(got)); !ok || lower != got {
			t.Fatalf("lower case of %q normalises to %q, %v", got, lower, ok)
		}
	})
}
