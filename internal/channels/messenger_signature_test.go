package channels

import (
	"errors"
	"net/url"
	"testing"
)

// messengerVectorSig was computed outside Go:
//
//	printf '%s' "$BODY" | openssl dgst -sha256 -hmac app-secret
const (
	messengerVectorBody = `{"object":"page","entry":[{"id":"1","time":1,"messaging":[]}]}`
	messengerVectorSig  = "sha256=fc2376ddfe0e38b34863069d33c0f785dbf72165805bb08eea915c6cb58f037c"
)

func TestMessengerSignatureVector(t *testing.T) {
	if got := MessengerSignature("app-secret", []byte(messengerVectorBody)); got != messengerVectorSig {
		t.Fatalf("MessengerSignature = %s, want %s", got, messengerVectorSig)
	}
}

func TestVerifyMessenger(t *testing.T) {
	body := []byte(messengerVectorBody)
	tests := []struct {
		name, secret, header string
		body                 []byte
		want                 error
	}{
		{"valid", "app-secret", messengerVectorSig, body, nil},
		{"missing", "app-secret", "", body, ErrNoSignature},
		{"sha1 header value", "app-secret", "sha1=0123", body, ErrBadSignature},
		{"no prefix", "app-secret", messengerVectorSig[7:], body, ErrBadSignature},
		{"wrong secret", "other", messengerVectorSig, body, ErrBadSignature},
		{"body changed", "app-secret", messengerVectorSig, append([]byte(nil), append(body, ' ')...), ErrBadSignature},
		{"empty secret", "", MessengerSignature("", body), body, ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := VerifyMessenger(tt.secret, tt.body, tt.header); !errors.Is(err, tt.want) {
				t.Fatalf("VerifyMessenger = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestMessengerChallenge(t *testing.T) {
	q := func(mode, token, challenge string) url.Values {
		return url.Values{"hub.mode": {mode}, "hub.verify_token": {token}, "hub.challenge": {challenge}}
	}
	if c, ok := MessengerChallenge("tok", q("subscribe", "tok", "12345")); !ok || c != "12345" {
		t.Fatalf("valid: %q %v", c, ok)
	}
	for name, v := range map[string]url.Values{
		"wrong token":  q("subscribe", "nope", "1"),
		"wrong mode":   q("unsubscribe", "tok", "1"),
		"no challenge": q("subscribe", "tok", ""),
		"empty":        {},
	} {
		if _, ok := MessengerChallenge("tok", v); ok {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, ok := MessengerChallenge("", q("subscribe", "", "1")); ok {
		t.Error("empty verify token accepted")
	}
}
