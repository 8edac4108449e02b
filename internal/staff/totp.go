package staff

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"net/url"
	"strings"
	"time"
)

// TOTP (RFC 6238) with the parameters every authenticator app supports:
// HMAC-SHA-1, 30-second steps, 6 digits. A code from the step before or
// after is accepted, for clocks a little apart. It is short enough to
// write here rather than add a dependency.
const (
	totpPeriod = 30
	totpDigits = 6
	totpSkew   = 1
	// totpIssuer names Loa in the authenticator app.
	totpIssuer = "Loa"
)

// b32 is base32 without padding, as authenticator apps expect.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a fresh random 160-bit secret, base32-encoded, for
// EnableTOTP and ProvisioningURI.
func NewTOTPSecret() string {
	var k [20]byte
	_, _ = rand.Read(k[:]) // never fails (Go 1.24+)
	return b32.EncodeToString(k[:])
}

// decodeTOTPSecret accepts a base32 secret in any case, with or without
// spaces and padding, as people copy them.
func decodeTOTPSecret(s string) ([]byte, error) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	s = strings.TrimRight(s, "=")
	k, err := b32.DecodeString(s)
	if err != nil || len(k) < 10 {
		return nil, ErrBadTOTPSecret
	}
	return k, nil
}

// ProvisioningURI returns the otpauth:// URI to show as a QR code so an
// authenticator app can add the account.
func ProvisioningURI(username, secret string) string {
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", totpIssuer)
	return "otpauth://totp/" + url.PathEscape(totpIssuer+":"+username) + "?" + q.Encode()
}

// hotp is RFC 4226's HOTP value of counter under key, with digits digits.
func hotp(key []byte, counter uint64, digits int) string {
	mac := hmac.New(sha1.New, key)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	code := []byte(strings.Repeat("0", digits))
	for i, v := digits-1, bin%mod; i >= 0; i-- {
		code[i] = byte('0' + v%10)
		v /= 10
	}
	return string(code)
}

// totpStep is the time step containing t.
func totpStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// TOTPCode returns the current code for secret, as an authenticator app
// would show it. Tests and the command line use it.
func TOTPCode(secret string, now time.Time) (string, error) {
	k, err := decodeTOTPSecret(secret)
	if err != nil {
		return "", err
	}
	return hotp(k, uint64(totpStep(now)), totpDigits), nil
}

// checkTOTP looks for code among the steps around now, skipping steps at or
// before lastStep (already used: a code observed over a shoulder cannot be
// replayed). It returns the matching step.
func checkTOTP(key []byte, code string, now time.Time, lastStep int64) (int64, bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != totpDigits {
		return 0, false
	}
	cur := totpStep(now)
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if s <= lastStep || s < 0 {
			continue
		}
		if hmac.Equal([]byte(hotp(key, uint64(s), totpDigits)), []byte(code)) {
			return s, true
		}
	}
	return 0, false
}
