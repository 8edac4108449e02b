package chattest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Sent is a message a fake platform accepted.
type Sent struct {
	// UserID is the recipient's id; empty for a Zalo anonymous visitor.
	UserID string
	// AnonymousID and ConversationID address a Zalo anonymous visitor.
	AnonymousID    string
	ConversationID string
	Text           string
	// QuickReplies are the buttons offered under the message (Messenger).
	QuickReplies []QuickReply
}

// QuickReply is a quick reply button as the Send API took it.
type QuickReply struct {
	Title   string
	Payload string
}

// fake is what every fake platform shares: its test server, the problems
// it found in the requests it got, and the messages it accepted. A fake
// type embeds it and guards its own state with mu too.
type fake struct {
	// name says which fake a problem comes from ("zalo", "graph").
	name string
	t    testing.TB

	mu       sync.Mutex
	sent     []Sent
	problems []string
}

// serve starts the server for mux, where any request mux does not route is
// a problem (and a 404), and returns its URL. When the test ends the server
// stops and every problem fails the test.
func (f *fake) serve(mux *http.ServeMux) string {
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.problem("unexpected request %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
	})
	ts := httptest.NewServer(mux)
	f.t.Cleanup(ts.Close)
	f.t.Cleanup(f.check)
	return ts.URL
}

// problem records a request that the real platform would refuse or that
// breaks its documented form.
func (f *fake) problem(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.problems = append(f.problems, fmt.Sprintf(format, args...))
}

// check fails the test for every malformed request the fake saw.
func (f *fake) check() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.problems {
		f.t.Errorf("fake %s: %s", f.name, p)
	}
}

// decodeJSON reads the JSON body of r into v as the platforms do: JSON
// content type, no unknown field. It records a problem for either, and
// returns false when the body could not be read.
func (f *fake) decodeJSON(r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		f.problem("send: Content-Type %q", ct)
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		f.problem("send: body: %v", err)
		return false
	}
	return true
}

// Sent returns the messages delivered so far.
func (f *fake) Sent() []Sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Sent(nil), f.sent...)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
