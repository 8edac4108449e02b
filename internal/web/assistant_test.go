package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

type askReply struct {
	ConversationID string `json:"conversation_id"`
	Status         string `json:"status"`
	Answer         string `json:"answer"`
	Sources        []struct{ Slug, URL string }
	Options        []struct{ Slug, Title string }
	CaseCode       string `json:"case_code"`
}

func postAsk(t *testing.T, base string, body []byte, hdr map[string]string) (int, []byte, http.Header) {
	t.Helper()
	status, b, h := post(t, base+"/api/v1/assistant/ask", "application/json", bytes.NewReader(body), hdr)
	return status, []byte(b), h
}

func ask(t *testing.T, base, question, conv string) askReply {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"question": question, "conversation_id": conv, "channel": "web"})
	status, b, _ := postAsk(t, base, body, nil)
	if status != 200 {
		t.Fatalf("ask %q: %d %s", question, status, b)
	}
	var r askReply
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAssistantAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, _ := newSiteApp(t, d)

		r := ask(t, ts.URL, "dang ky khai sinh cho con can giay to gi", "")
		if r.Status != "answered" || len(r.Sources) == 0 || r.Sources[0].Slug != "dang-ky-khai-sinh" || r.ConversationID == "" {
			t.Fatalf("documents question: %+v", r)
		}
		// The link in the text leads to this site wherever the answer is
		// shown (the widget puts it on other portals); the source's url
		// stays a path, as the API documents.
		if !strings.Contains(r.Answer, ts.URL+"/dich-vu/dang-ky-khai-sinh") || r.Sources[0].URL != "/dich-vu/dang-ky-khai-sinh" {
			t.Errorf("answer links: %q, source url %q", r.Answer, r.Sources[0].URL)
		}
		// A follow-up in the same conversation is about the same service.
		f := ask(t, ts.URL, "mất bao lâu?", r.ConversationID)
		if f.Status != "answered" || len(f.Sources) == 0 || f.Sources[0].Slug != "dang-ky-khai-sinh" {
			t.Fatalf("follow-up: %+v", f)
		}
		if o := ask(t, ts.URL, "thời tiết Hà Nội ngày mai thế nào", ""); o.Status != "out_of_scope" {
			t.Fatalf("weather: %+v", o)
		}
		// Personal data is never echoed.
		p := ask(t, ts.URL, "so cccd cua toi la 001203012345, lam ho chieu the nao", "")
		if strings.Contains(p.Answer, "001203012345") {
			t.Fatal("CCCD number echoed")
		}
		// A request for a person opens a case with a public status page.
		h := ask(t, ts.URL, "tôi muốn gặp cán bộ để được hướng dẫn", "")
		if h.Status != "handoff" || h.CaseCode == "" || !strings.Contains(h.Answer, h.CaseCode) {
			t.Fatalf("handoff: %+v", h)
		}
		if status, body, _ := get(t, ts, "/phan-anh/"+strings.ToLower(h.CaseCode)); status != 200 || !strings.Contains(body, h.CaseCode) {
			t.Fatalf("case status page: %d", status)
		}

		// Bad input gets a clear 400 in Vietnamese.
		for name, body := range map[string][]byte{
			"empty":    []byte(`{"question": ""}`),
			"huge":     []byte(`{"question": "` + strings.Repeat("a", 1200) + `"}`),
			"binary":   []byte("{\"question\": \"\xff\xfe\x00\"}"),
			"not json": []byte(`question=hello`),
			"control":  []byte(`{"question": "\u0000\u0001"}`),
		} {
			status, b, _ := postAsk(t, ts.URL, body, nil)
			if status != 400 || !strings.Contains(string(b), `"error"`) {
				t.Errorf("%s question: %d %s", name, status, b)
			}
		}
		if status, b, _ := postAsk(t, ts.URL, bytes.Repeat([]byte("x"), 20000), nil); status != 400 {
			t.Errorf("oversized body: %d %s", status, b)
		}

		// The widget calls from other sites: preflight and the call itself are allowed.
		req, _ := http.NewRequest("OPTIONS", ts.URL+"/api/v1/assistant/ask", nil)
		req.Header.Set("Origin", "https://dichvucong.hanoi.gov.vn")
		req.Header.Set("Access-Control-Request-Method", "POST")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("preflight: %d %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
		}
		status, _, hdr := postAsk(t, ts.URL, []byte(`{"question": "lam ho chieu"}`),
			map[string]string{"Origin": "https://dichvucong.hanoi.gov.vn", "Sec-Fetch-Site": "cross-site"})
		if status != 200 || hdr.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("cross-origin ask: %d", status)
		}
	})
}

func TestAssistantPageWithoutJavaScript(t *testing.T) {
	ts, _ := newSiteApp(t, dbtest.SQLite(t))
	if status, body, _ := get(t, ts, "/tro-ly"); status != 200 || !strings.Contains(body, `name="question"`) {
		t.Fatalf("page: %d", status)
	}
	resp, err := http.PostForm(ts.URL+"/tro-ly", url.Values{"question": {"gia han the bhyt ho gia dinh"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "/dich-vu/gia-han-the-bhyt-ho-gia-dinh") || !strings.Contains(string(b), `name="conversation_id" value="`) {
		t.Fatalf("form answer: %d %.500s", resp.StatusCode, b)
	}
	// The address of the whole guide in the answer is a link.
	if guide := ts.URL + "/dich-vu/gia-han-the-bhyt-ho-gia-dinh"; !strings.Contains(string(b), `<a href="`+guide+`">`+guide+`</a>`) {
		t.Errorf("the guide's address in the answer is not a link: %.2000s", b)
	}
	// An answer ends with the way to rate the service it is about.
	if !strings.Contains(string(b), `href="/dich-vu/gia-han-the-bhyt-ho-gia-dinh/danh-gia"`) {
		t.Errorf("answer without a link to rate the service: %.2000s", b)
	}
	if status, body, _ := get(t, ts, "/tro-ly/nhung"); status != 200 || !strings.Contains(body, "/static/widget.js") {
		t.Fatalf("embed page: %d", status)
	}
	if status, body, _ := get(t, ts, "/static/widget.js"); status != 200 || !strings.Contains(body, "/api/v1/assistant/ask") {
		t.Fatalf("widget script: %d", status)
	}
}

func TestAssistantRateLimit(t *testing.T) {
	ts, _ := newSiteApp(t, dbtest.SQLite(t))
	limited := false
	for i := 0; i < 70 && !limited; i++ {
		status, _, _ := postAsk(t, ts.URL, []byte(`{"question": "lam can cuoc"}`), nil)
		limited = status == http.StatusTooManyRequests
	}
	if !limited {
		t.Fatal("70 questions in a row from one address were not limited")
	}
}
