package chattest

import (
	"fmt"
	"net/http"
	"testing"
	"time"
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
	taps      int             // guarded by mu
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
// {"id"}, "messaging_type": "RESPONSE", "message": {"text",
// "quick_replies"}}, quick replies checked against the Send API's limits
// (at most 13, content_type "text", a title of 1 to 20 characters, a
// payload of 1 to 1,000).
func (g *Graph) send(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Recipient struct {
			ID string `json:"id"`
		} `json:"recipient"`
		MessagingType string `json:"messaging_type"`
		Message       struct {
			Text         string `json:"text"`
			QuickReplies []struct {
				ContentType string `json:"content_type"`
				Title       string `json:"title"`
				Payload     string `json:"payload"`
			} `json:"quick_replies"`
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
	if n := len(body.Message.QuickReplies); n > 13 {
		g.problem("send: %d quick replies, over Messenger's 13", n)
		graphError(w, 400, 100, 0, "Invalid parameter")
		return
	}
	var qrs []QuickReply
	for i, q := range body.Message.QuickReplies {
		title, payload := utf8.RuneCountInString(q.Title), len(q.Payload)
		if q.ContentType != "text" || title == 0 || title > 20 || payload == 0 || payload > 1000 {
			g.problem("send: quick reply %d: content_type %q, title of %d characters (1–20), payload of %d (1–1000)",
				i+1, q.ContentType, title, payload)
			graphError(w, 400, 100, 0, "Invalid parameter")
			return
		}
		qrs = append(qrs, QuickReply{Title: q.Title, Payload: q.Payload})
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.blocked[body.Recipient.ID] {
		graphError(w, 400, 551, 1545041, "This person isn't available right now.")
		return
	}
	g.sent = append(g.sent, Sent{UserID: body.Recipient.ID, Text: body.Message.Text, QuickReplies: qrs})
	writeJSON(w, 200, map[string]any{"recipient_id": body.Recipient.ID, "message_id": fmt.Sprintf("m_%d", len(g.sent))})
}

// Tap is the messaging event Messenger sends when the user psid taps quick
// reply n (from 1) of the last message the page sent them: a message whose
// text is the button's title and whose quick_reply carries its payload, as
// the page set it. ok is false when that message has no such button (the
// buttons of earlier messages are gone once another is sent, as in
// Messenger). Wrap it with MessengerWebhook.
func (g *Graph) Tap(psid string, n int) (event map[string]any, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := len(g.sent) - 1; i >= 0; i-- {
		s := g.sent[i]
		if s.UserID != psid {
			continue
		}
		if n < 1 || n > len(s.QuickReplies) {
			return nil, false
		}
		g.taps++
		q := s.QuickReplies[n-1]
		return messaging(psid, "message", map[string]any{"mid": fmt.Sprintf("m_tap_%d_%d", time.Now().UnixNano(), g.taps),
			"text": q.Title, "quick_reply": map[string]string{"payload": q.Payload}}), true
	}
	return nil, false
}

// Block makes the user unreachable, as when they blocked the page.
func (g *Graph) Block(psid string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.blocked[psid] = true
}
