package channels

import (
	"errors"
	"testing"
)

// zaloVectorBody is a user_send_text event; zaloVectorMAC was computed
// outside Go:
//
//	printf '%s' "1234567890${BODY}1718000500000oa-secret-key" | openssl dgst -sha256
const (
	zaloVectorBody = `{"app_id":"1234567890","event_name":"user_send_text","sender":{"id":"2468"},"recipient":{"id":"1357"},"message":{"text":"làm căn cước","msg_id":"abc"},"timestamp":"1718000500000"}`
	zaloVectorMAC  = "mac=04a9115ebb6ce43618858ca129b7291fef3be590d8308418396994181d71954c"
)

func TestZaloSignatureVector(t *testing.T) {
	got := ZaloSignature("1234567890", []byte(zaloVectorBody), "1718000500000", "oa-secret-key")
	if got != zaloVectorMAC {
		t.Fatalf("ZaloSignature = %s, want %s", got, zaloVectorMAC)
	}
}

func TestVerifyZalo(t *testing.T) {
	body := []byte(zaloVectorBody)
	tests := []struct {
		name          string
		appID, secret string
		body          []byte
		header        string
		want          error
	}{
		{"valid", "1234567890", "oa-secret-key", body, zaloVectorMAC, nil},
		{"valid upper case hex", "1234567890", "oa-secret-key", body, "mac=04A9115EBB6CE43618858CA129B7291FEF3BE590D8308418396994181D71954C", nil},
		{"valid without mac= prefix", "1234567890", "oa-secret-key", body, zaloVectorMAC[4:], nil},
		{"missing", "1234567890", "oa-secret-key", body, "", ErrNoSignature},
		{"wrong secret", "1234567890", "other-secret", body, zaloVectorMAC, ErrBadSignature},
		{"app secret instead of OA secret", "1234567890", "app-secret", body, ZaloSignature("1234567890", body, "1718000500000", "app-secret") + "0", ErrBadSignature},
		{"wrong app", "999", "oa-secret-key", body, zaloVectorMAC, ErrBadSignature},
		{"body changed", "1234567890", "oa-secret-key", []byte(zaloVectorBody[:len(zaloVectorBody)-3] + `1"}`), zaloVectorMAC, ErrBadSignature},
		{"empty secret never verifies", "1234567890", "", body, ZaloSignature("1234567890", body, "1718000500000", ""), ErrBadSignature},
		{"not JSON", "1234567890", "oa-secret-key", []byte("xx"), zaloVectorMAC, ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := VerifyZalo(tt.appID, tt.secret, tt.body, tt.header); !errors.Is(err, tt.want) {
				t.Fatalf("VerifyZalo = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestZaloTimestampNumber(t *testing.T) {
	// A timestamp written as a number is signed as its digits.
	body := []byte(`{"event_name":"follow","timestamp":1718000500000}`)
	if got := zaloTimestamp(body); got != "1718000500000" {
		t.Fatalf("zaloTimestamp = %q", got)
	}
	sig := ZaloSignature("1", body, "1718000500000", "s")
	if err := VerifyZalo("1", "s", body, sig); err != nil {
		t.Fatal(err)
	}
}
