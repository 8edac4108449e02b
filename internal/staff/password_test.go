package staff

import (
	"errors"
	"strings"
	"testing"

	"github.com/alexedwards/argon2id"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrPasswordTooShort},
		{"123456789", ErrPasswordTooShort},
		{"1234567890", nil},
		{"mậtkhẩu12", ErrPasswordTooShort}, // 9 characters, more bytes
		{"mậtkhẩu123", nil},
		{strings.Repeat("a", MaxPasswordLen), nil},
		{strings.Repeat("a", MaxPasswordLen+1), ErrPasswordTooLong},
	}
	for _, tt := range tests {
		if err := checkPassword(normalizePassword(tt.in)); !errors.Is(err, tt.want) {
			t.Errorf("checkPassword(%q) = %v, want %v", tt.in, err, tt.want)
		}
	}
	var inv *InvalidError
	if !errors.As(checkPassword("ngắn"), &inv) || !strings.Contains(inv.Message, "ít nhất 10 ký tự") {
		t.Errorf("short password message = %v", inv)
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		p := GeneratePassword()
		if len(p) != 19 || strings.Count(p, "-") != 3 {
			t.Fatalf("GeneratePassword() = %q, want 4 groups of 4", p)
		}
		for _, r := range strings.ReplaceAll(p, "-", "") {
			if !strings.ContainsRune(passwordAlphabet, r) {
				t.Fatalf("%q contains %q", p, r)
			}
		}
		if err := checkPassword(p); err != nil {
			t.Fatalf("generated password rejected: %v", err)
		}
		if seen[p] {
			t.Fatalf("repeated password %q", p)
		}
		seen[p] = true
	}
}

// The same Vietnamese password typed precomposed or with combining marks
// must match.
func TestPasswordNormalisation(t *testing.T) {
	composed := "Mật khẩu rất dài"
	decomposed := "Ma\u0323\u0302t kha\u0302\u0309u ra\u0302\u0301t da\u0300i"
	if composed == decomposed {
		t.Fatal("test strings are identical")
	}
	h, err := hashPassword(normalizePassword(composed), TestHashParams)
	if err != nil {
		t.Fatal(err)
	}
	ok, err := argon2id.ComparePasswordAndHash(normalizePassword(decomposed), h)
	if err != nil || !ok {
		t.Errorf("decomposed password does not match: %v %v", ok, err)
	}
}
