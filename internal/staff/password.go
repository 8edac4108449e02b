package staff

import (
	"crypto/rand"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"golang.org/x/text/unicode/norm"
)

// Password length limits, in characters. Length is what makes a password
// strong, so there is a floor and no composition rule; the ceiling only
// stops someone from making the server hash megabytes.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 256
)

// HashParams are the argon2id parameters for new password hashes: OWASP's
// recommended m=19 MiB, t=2, p=1. Memory is kept modest because a small
// province server may take many logins at once at 7:30 in the morning;
// existing hashes keep their own parameters and are upgraded at the next
// successful login when these change.
var HashParams = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// TestHashParams are deliberately weak parameters that make tests fast.
// Never use them outside tests (WithHashParams).
var TestHashParams = &argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// normalizePassword makes the same password typed on different keyboards
// (precomposed or combining Vietnamese marks) hash the same.
func normalizePassword(p string) string { return norm.NFC.String(p) }

// checkPassword enforces the length limits on a normalised password.
func checkPassword(p string) error {
	n := utf8.RuneCountInString(p)
	switch {
	case n < MinPasswordLen:
		return ErrPasswordTooShort
	case n > MaxPasswordLen:
		return ErrPasswordTooLong
	}
	return nil
}

func hashPassword(p string, params *argon2id.Params) (string, error) {
	h, err := argon2id.CreateHash(p, params)
	if err != nil {
		return "", fmt.Errorf("staff: hash password: %w", err)
	}
	return h, nil
}

// passwordAlphabet leaves out look-alikes (0 O o 1 l I) so a password read
// aloud over the phone or copied from paper comes through.
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random password of four groups of four
// characters separated by hyphens ("k7Qm-x3Rt-..."), about 92 bits of
// entropy, for new accounts and resets.
func GeneratePassword() string {
	const groups, per = 4, 4
	var b strings.Builder
	for g := range groups {
		if g > 0 {
			b.WriteByte('-')
		}
		for range per {
			b.WriteByte(passwordAlphabet[randIntn(len(passwordAlphabet))])
		}
	}
	return b.String()
}

// randIntn returns a uniform random int in [0, n) from crypto/rand, by
// rejection sampling so no character is likelier than another.
func randIntn(n int) int {
	limit := 256 - 256%n
	var buf [1]byte
	for {
		// crypto/rand.Read never returns an error (Go 1.24+).
		_, _ = rand.Read(buf[:])
		if int(buf[0]) < limit {
			return int(buf[0]) % n
		}
	}
}
