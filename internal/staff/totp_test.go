package staff

import (
	"encoding/base32"
	"errors"
	"net/url"
	"testing"
	"time"
)

// rfcKey is the SHA-1 seed of RFC 6238 appendix B.
var rfcKey = []byte("12345678901234567890")

// TestHOTPVectorsRFC6238 checks the SHA-1 test vectors of RFC 6238
// appendix B (8 digits), and their last 6 digits through TOTPCode.
func TestHOTPVectorsRFC6238(t *testing.T) {
	vectors := []struct {
		unix int64
		code string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	secret := base32.StdEncoding.EncodeToString(rfcKey)
	for _, v := range vectors {
		if got := hotp(rfcKey, uint64(v.unix/30), 8); got != v.code {
			t.Errorf("T=%d: hotp = %s, want %s", v.unix, got, v.code)
		}
		got, err := TOTPCode(secret, time.Unix(v.unix, 0))
		if err != nil {
			t.Fatal(err)
		}
		if got != v.code[2:] {
			t.Errorf("T=%d: TOTPCode = %s, want %s", v.unix, got, v.code[2:])
		}
	}
}

func TestCheckTOTP(t *testing.T) {
	now := time.Unix(1111111111, 0)
	step := totpStep(now)
	code := func(s int64) string { return hotp(rfcKey, uint64(s), 6) }
	tests := []struct {
		name     string
		code     string
		lastStep int64
		want     bool
	}{
		{"current", code(step), 0, true},
		{"previous step", code(step - 1), 0, true},
		{"next step", code(step + 1), 0, true},
		{"two steps old", code(step - 2), 0, false},
		{"with spaces", code(step)[:3] + " " + code(step)[3:], 0, true},
		{"already used", code(step), step, false},
		{"too short", code(step)[:5], 0, false},
		{"wrong", "000000", 0, code(step) == "000000"},
	}
	for _, tt := range tests {
		got, ok := checkTOTP(rfcKey, tt.code, now, tt.lastStep)
		if ok != tt.want {
			t.Errorf("%s: ok = %v, want %v", tt.name, ok, tt.want)
		}
		if ok && (got < step-1 || got > step+1) {
			t.Errorf("%s: step %d, want near %d", tt.name, got, step)
		}
	}
}

func TestTOTPSecret(t *testing.T) {
	s := NewTOTPSecret()
	if len(s) != 32 {
		t.Errorf("secret %q, want 32 base32 characters", s)
	}
	if s == NewTOTPSecret() {
		t.Error("two secrets alike")
	}
	k1, err := decodeTOTPSecret(s)
	if err != nil {
		t.Fatal(err)
	}
	// As people copy it: lower case, in groups.
	loose := ""
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			loose += " "
		}
		loose += string(r | 0x20)
	}
	k2, err := decodeTOTPSecret(loose)
	if err != nil || string(k1) != string(k2) {
		t.Errorf("loose form %q decodes to %x, %v", loose, k2, err)
	}
	for _, bad := range []string{"", "not base32!", "AAAA"} {
		if _, err := decodeTOTPSecret(bad); !errors.Is(err, ErrBadTOTPSecret) {
			t.Errorf("decode %q: %v", bad, err)
		}
	}
}

func TestProvisioningURI(t *testing.T) {
	got := ProvisioningURI("lan.nguyen", "JBSWY3DPEHPK3PXP")
	want := "otpauth://totp/Loa:lan.nguyen?issuer=Loa&secret=JBSWY3DPEHPK3PXP"
	if got != want {
		t.Errorf("ProvisioningURI = %s, want %s", got, want)
	}
	u, err := url.Parse(ProvisioningURI("a b@x", "S"))
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Loa:a b@x" {
		t.Errorf("escaped URI = %v, %v", u, err)
	}
}
