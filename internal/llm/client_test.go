package llm

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/assistant"
)

// fakeEndpoint speaks the chat-completions API: it checks the request the
// way an OpenAI-compatible server reads it and answers with reply.
func fakeEndpoint(t *testing.T, status int, reply string) (*httptest.Server, *request) {
	var got request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		if r.Header.Get("Authorization") != "Bearer khoa-thu" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("headers %v", r.Header)
		}
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Errorf("body: %v", err)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(reply))
	}))
	t.Cleanup(srv.Close)
	return srv, &got
}

func TestWriteSendsSectionsAndReturnsTheText(t *testing.T) {
	srv, got := fakeEndpoint(t, 200, `{"choices":[{"message":{"role":"assistant","content":"Lệ phí là 200.000 đồng [S1]."}}]}`)
	c, err := New(Config{URL: srv.URL + "/v1/", Model: "qwen2.5-7b", APIKey: "khoa-thu"})
	if err != nil {
		t.Fatal(err)
	}
	text, err := c.Write(context.Background(), "hết bao nhiêu tiền", []assistant.Section{
		{ID: "S1", Title: "Hết bao nhiêu tiền:", Text: "200.000 đồng"}, {ID: "S2", Title: "Mất bao lâu:", Text: "8 ngày"}})
	if err != nil {
		t.Fatal(err)
	}
	if text != "Lệ phí là 200.000 đồng [S1]." {
		t.Errorf("text %q", text)
	}
	if got.Model != "qwen2.5-7b" || len(got.Messages) != 2 || got.Messages[0].Role != "system" || got.Temperature != 0 {
		t.Fatalf("request %+v", got)
	}
	user := got.Messages[1].Content
	for _, want := range []string{"[S1] Hết bao nhiêu tiền:\n200.000 đồng", "[S2] Mất bao lâu:", "hết bao nhiêu tiền"} {
		if !strings.Contains(user, want) {
			t.Errorf("user message lacks %q:\n%s", want, user)
		}
	}
	if !strings.Contains(got.Messages[0].Content, assistant.NoAnswer) {
		t.Error("system prompt does not say how to decline")
	}
}

func TestWriteErrors(t *testing.T) {
	for name, c := range map[string]struct {
		status int
		reply  string
	}{
		"server error": {500, `{"error":{"message":"quá tải"}}`},
		"not json":     {200, `<html>`},
		"no choices":   {200, `{"choices":[]}`},
	} {
		srv, _ := fakeEndpoint(t, c.status, c.reply)
		cl, err := New(Config{URL: srv.URL + "/v1/chat/completions", APIKey: "khoa-thu"})
		if err != nil {
			t.Fatal(err)
		}
		if text, err := cl.Write(context.Background(), "hỏi", []assistant.Section{{ID: "S1", Text: "x"}}); err == nil {
			t.Errorf("%s: no error, text %q", name, text)
		}
	}
	if _, err := New(Config{URL: "ftp://may-chu"}); err == nil {
		t.Error("ftp URL accepted")
	}
}
