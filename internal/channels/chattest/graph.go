package chattest

import (
	"fmt"
	"net/http"
	"testing"
	"unicode/utf8"
)

// Graph is a fake of graph.facebook.com's Send API for one page.
type Graph struct {
	// URL is the server's address.
	URL string

	fake
	version   string
	pageToken string
	blocked   map[string]bool // guarded by mu
}

// NewGraph starts a fake Send API of the given version ("v21.0") accepting
// pageToken. It stops when the test ends.
func NewGraph(t testing.TB, version, pageToken string) *Graph {
	g := &Graph{fake: fake{name: "graph", t: t}, version: version, pageToken: pageToken, blocked: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /"+version+"/me/messages", g.send)
	g.URL = g.serve(mux)
	return g
}

func graphError(w http.ResponseWriter, status, code, subcode int, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{
		"message": msg, "type": "OAuthException", "code": code, "error_subcode": subcode, "fbtrace_id": "AbCdEf"}})
}

// send is POST /{version}/me/messages?access_token=...: {"recipient":
// {"id"}, "messaging_type": "RESPONSE", "message": {"text"}}.
func (g *Graph) send(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Recipient struct {
			ID string `json:"id"`
		} `json:"recipient"`
		MessagingType string `json:"messaging_type"`
		Message       struct {
			Text string `json:"text"`
		} `json:"message"`
	}
	if !g.decodeJSON(r, &body) {
		graphError(w, 400, 100, 0, "Invalid parameter")
		return
	}
	if r.URL.Query().Get("access_token") != g.pageToken {
		graphError(w, 400, 190, 0, "Invalid OAuth access token.")
		return
	}
	if body.Recipient.ID == "" || body.Message.Text == "" || body.MessagingType != "RESPONSE" {
		g.problem("send: recipient %q, messaging_type %q, text empty %v", body.Recipient.ID, body.MessagingType, body.Message.Text == "")
	}
	if n := utf8.RuneCountInString(body.Message.Text); n > 2000 {
		g.problem("send: text of %d characters, over Messenger's 2,000", n)
		graphError(w, 400, 100, 2018047, "Message text is too long")
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.blocked[body.Recipient.ID] {
		graphError(w, 400, 551, 1545041, "This person isn't available right now.")
		return
	}
	g.sent = append(g.sent, Sent{UserID: body.Recipient.ID, Text: body.Message.Text})
	writeJSON(w, 200, map[string]any{"recipient_id": body.Recipient.ID, "message_id": fmt.Sprintf("m_%d", len(g.sent))})
}

// Block makes the user unreachable, as when they blocked the page.
func (g *Graph) Block(psid string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.blocked[psid] = true
}
