// Package chattest runs local stand-ins for the chat platforms' HTTP APIs
// — Zalo's OA message API and OAuth server, Meta's Graph Send API — for
// tests: they check each request the way the documented API does
// (headers, JSON or form shape, token), record the messages delivered, and
// answer in the platforms' formats, including their error codes. No call
// leaves the machine. The other way, it builds the webhooks the platforms
// post (ZaloEvent, MessengerWebhook and the messaging events), signed as
// they sign them, and a user's tap on a quick reply the fake delivered
// (Graph.Tap), so that tests drive whole conversations over HTTP.
package chattest

import (
	"fmt"
	"net/http"
	"testing"
	"time"
	"unicode/utf8"
)

// Zalo is a fake of openapi.zalo.me and oauth.zaloapp.com in one server.
type Zalo struct {
	// URL is the server's address: the base of both APIs.
	URL string

	fake
	appID     string
	appSecret string

	// Guarded by mu:
	access    string // the one valid access token
	refresh   string // the one valid refresh token
	serial    int
	refreshes int
	fail      int // sends still to fail with HTTP 500
	// RefreshDelay slows the OAuth answer, to widen races in tests.
	RefreshDelay time.Duration
}

// NewZalo starts a fake for the app, accepting access and refresh as the
// current tokens. It stops when the test ends.
func NewZalo(t testing.TB, appID, appSecret, access, refresh string) *Zalo {
	z := &Zalo{fake: fake{name: "zalo", t: t}, appID: appID, appSecret: appSecret, access: access, refresh: refresh}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v3.0/oa/message/cs", z.send)
	mux.HandleFunc("POST /v4/oa/access_token", z.token)
	z.URL = z.serve(mux)
	return z
}

// send is POST /v3.0/oa/message/cs: {"recipient": {"user_id"},
// "message": {"text"}} with the access_token header, or for an anonymous
// visitor {"recipient": {"anonymous_id", "conversation_id"}, ...} (Zalo's
// reference as public integrations quote it). A recipient that is neither
// is a problem, and refused.
func (z *Zalo) send(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Recipient struct {
			UserID         string `json:"user_id"`
			AnonymousID    string `json:"anonymous_id"`
			ConversationID string `json:"conversation_id"`
		} `json:"recipient"`
		Message struct {
			Text string `json:"text"`
		} `json:"message"`
	}
	if !z.decodeJSON(r, &body) {
		writeJSON(w, 200, map[string]any{"error": -201, "message": "Parameters are invalid"})
		return
	}
	rc := body.Recipient
	follower := rc.UserID != "" && rc.AnonymousID == "" && rc.ConversationID == ""
	anonymous := rc.UserID == "" && rc.AnonymousID != "" && rc.ConversationID != ""
	if !follower && !anonymous {
		z.problem("send: recipient is neither {user_id} nor {anonymous_id, conversation_id}: %+v", rc)
		writeJSON(w, 200, map[string]any{"error": -201, "message": "Parameters are invalid"})
		return
	}
	if body.Message.Text == "" {
		z.problem("send: empty text")
	}
	if n := utf8.RuneCountInString(body.Message.Text); n > 2000 {
		z.problem("send: text of %d characters, over Zalo's 2,000", n)
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.fail > 0 {
		z.fail--
		http.Error(w, "temporarily unavailable", http.StatusInternalServerError)
		return
	}
	if tok := r.Header.Get("access_token"); tok == "" || tok != z.access {
		writeJSON(w, 200, map[string]any{"error": -216, "message": "Access token is invalid"})
		return
	}
	z.sent = append(z.sent, Sent{UserID: rc.UserID, AnonymousID: rc.AnonymousID, ConversationID: rc.ConversationID,
		Text: body.Message.Text})
	data := map[string]any{"message_id": fmt.Sprintf("m%d", len(z.sent))}
	if follower {
		data["user_id"] = rc.UserID
	}
	writeJSON(w, 200, map[string]any{"error": 0, "message": "Success", "data": data})
}

// token is POST /v4/oa/access_token with the secret_key header and the
// form app_id, grant_type=refresh_token, refresh_token. A refresh token
// works once.
func (z *Zalo) token(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		z.problem("token: Content-Type %q", ct)
	}
	if err := r.ParseForm(); err != nil {
		z.problem("token: form: %v", err)
	}
	if d := z.RefreshDelay; d > 0 {
		time.Sleep(d)
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	if r.Header.Get("secret_key") != z.appSecret || r.PostForm.Get("app_id") != z.appID {
		writeJSON(w, 200, map[string]any{"error": -14002, "message": "Invalid app_id or secret_key"})
		return
	}
	if r.PostForm.Get("grant_type") != "refresh_token" {
		z.problem("token: grant_type %q", r.PostForm.Get("grant_type"))
	}
	if r.PostForm.Get("refresh_token") != z.refresh {
		writeJSON(w, 200, map[string]any{"error": -14014, "message": "Invalid refresh token"})
		return
	}
	z.serial++
	z.refreshes++
	z.access = fmt.Sprintf("access-%d", z.serial)
	z.refresh = fmt.Sprintf("refresh-%d", z.serial)
	writeJSON(w, 200, map[string]any{"access_token": z.access, "refresh_token": z.refresh, "expires_in": "90000"})
}

// Expire invalidates the current access token, as Zalo does after 25 hours.
func (z *Zalo) Expire() {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.access = "expired-" + z.access
}

// FailNext makes the next n sends fail with HTTP 500.
func (z *Zalo) FailNext(n int) {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.fail = n
}

// Refreshes is how many refresh tokens were spent.
func (z *Zalo) Refreshes() int {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.refreshes
}

// RefreshToken is the refresh token the fake accepts now.
func (z *Zalo) RefreshToken() string {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.refresh
}
