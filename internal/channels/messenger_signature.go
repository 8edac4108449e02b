package channels

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/url"
	"strings"
)

// MessengerSignatureHeader is the header carrying Meta's signature of a
// webhook.
const MessengerSignatureHeader = "X-Hub-Signature-256"

// MessengerSignature returns the value Meta sends in X-Hub-Signature-256:
// "sha256=" and the hex HMAC-SHA256 of the raw body under the app secret
// (Meta's Webhooks documentation, "Validate Payloads").
func MessengerSignature(appSecret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// VerifyMessenger checks a webhook's X-Hub-Signature-256 against the raw
// body, in constant time. An empty app secret never verifies.
func VerifyMessenger(appSecret string, body []byte, header string) error {
	header = strings.TrimSpace(header)
	if header == "" {
		return ErrNoSignature
	}
	if appSecret == "" {
		return ErrBadSignature
	}
	// Meta writes the hex digest in lower case; accept either case.
	if !hmac.Equal([]byte(strings.ToLower(header)), []byte(MessengerSignature(appSecret, body))) {
		return ErrBadSignature
	}
	return nil
}

// MessengerChallenge answers Meta's subscription check (GET with
// hub.mode=subscribe, hub.verify_token and hub.challenge): it returns the
// challenge to echo when the verify token matches, and false otherwise.
func MessengerChallenge(verifyToken string, q url.Values) (string, bool) {
	if verifyToken == "" || q.Get("hub.mode") != "subscribe" {
		return "", false
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("hub.verify_token")), []byte(verifyToken)) != 1 {
		return "", false
	}
	c := q.Get("hub.challenge")
	return c, c != ""
}
