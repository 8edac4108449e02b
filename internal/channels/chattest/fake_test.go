package chattest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// recordTB records what a fake reports instead of failing the test, and
// runs the cleanups when told.
type recordTB struct {
	testing.TB
	mu       sync.Mutex
	errs     []string
	cleanups []func()
}

func (r *recordTB) Helper()          {}
func (r *recordTB) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recordTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// finish runs the cleanups, last first, as testing does, and returns
// the errors reported.
func (r *recordTB) finish() []string {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	return r.errs
}

func postTo(t *testing.T, url, contentType, body string) int {
	t.Helper()
	resp, err := http.Post(url, contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestFakesRecordSendsAndProblems checks what both fakes share: a good
// send is recorded, and an unrouted request or a malformed body fails the
// test at its end under the fake's name.
func TestFakesRecordSendsAndProblems(t *testing.T) {
	rec := &recordTB{}
	z := NewZalo(rec, "app", "secret", "tok", "ref")
	g := NewGraph(rec, "v21.0", "page")

	req, _ := http.NewRequest("POST", z.URL+"/v3.0/oa/message/cs",
		strings.NewReader(`{"recipient":{"user_id":"u1"},"message":{"text":"xin chào"}}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("access_token", "tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := z.Sent(); len(got) != 1 || !reflect.DeepEqual(got[0], Sent{UserID: "u1", Text: "xin chào"}) {
		t.Errorf("zalo sent %v", got)
	}
	if s := postTo(t, g.URL+"/v21.0/me/messages?access_token=page", "application/json",
		`{"recipient":{"id":"p1"},"messaging_type":"RESPONSE","message":{"text":"chào"}}`); s != 200 {
		t.Errorf("graph send: %d", s)
	}
	if got := g.Sent(); len(got) != 1 || !reflect.DeepEqual(got[0], Sent{UserID: "p1", Text: "chào"}) {
		t.Errorf("graph sent %v", got)
	}
	if len(rec.errs) != 0 {
		t.Fatalf("problems before any bad request: %v", rec.errs)
	}

	if s := postTo(t, z.URL+"/khong-co", "application/json", `{}`); s != http.StatusNotFound {
		t.Errorf("unrouted: %d", s)
	}
	if s := postTo(t, g.URL+"/v21.0/me/messages?access_token=page", "text/plain", `{"extra":1}`); s != 400 {
		t.Errorf("graph bad body: %d", s)
	}
	errs := strings.Join(rec.finish(), "\n")
	for _, want := range []string{
		"fake zalo: unexpected request POST /khong-co",
		`fake graph: send: Content-Type "text/plain"`,
		`fake graph: send: body: json: unknown field "extra"`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("reported %q, want %q", errs, want)
		}
	}
}

// The Zalo fake takes a follower's {"user_id"} or an anonymous visitor's
// {"anonymous_id", "conversation_id"}, and refuses any other recipient as
// a problem that fails the test.
func TestZaloRecipients(t *testing.T) {
	rec := &recordTB{}
	z := NewZalo(rec, "app", "secret", "tok", "ref")
	send := func(recipient string) string {
		t.Helper()
		req, _ := http.NewRequest("POST", z.URL+"/v3.0/oa/message/cs",
			strings.NewReader(`{"recipient":`+recipient+`,"message":{"text":"xin chào"}}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("access_token", "tok")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var res struct {
			Error int `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(res.Error)
	}
	if e := send(`{"anonymous_id":"a7","conversation_id":"c9"}`); e != "0" {
		t.Fatalf("anonymous: error %s", e)
	}
	if e := send(`{"user_id":"u1"}`); e != "0" {
		t.Fatalf("follower: error %s", e)
	}
	want := []Sent{{AnonymousID: "a7", ConversationID: "c9", Text: "xin chào"}, {UserID: "u1", Text: "xin chào"}}
	if got := z.Sent(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sent %+v, want %+v", got, want)
	}
	if len(rec.errs) != 0 {
		t.Fatalf("problems with good recipients: %v", rec.errs)
	}
	for _, bad := range []string{`{}`, `{"anonymous_id":"a7"}`, `{"conversation_id":"c9"}`, `{"user_id":"u1","anonymous_id":"a7","conversation_id":"c9"}`} {
		if e := send(bad); e != "-201" {
			t.Errorf("%s: error %s, want -201", bad, e)
		}
	}
	if n := len(z.Sent()); n != 2 {
		t.Fatalf("%d sends recorded", n)
	}
	if errs := rec.finish(); len(errs) != 4 || !strings.Contains(strings.Join(errs, "\n"), "recipient is neither") {
		t.Fatalf("problems %q, want one per bad recipient", errs)
	}
}
