package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db/dbtest"
)

// startServe runs `loa serve` in-process on a free port and returns its URL.
func startServe(t *testing.T, env map[string]string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		var errb bytes.Buffer
		run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), pipeWriter{pw}, &errb, func(k string) string { return env[k] })
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	br := bufio.NewReader(pr)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v", err)
	}
	go io.Copy(io.Discard, br)
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("serve did not print its URL: %q", line)
	}
	return strings.TrimSuffix(strings.Fields(line[i:])[0], "/")
}

// TestReplicas runs two `loa serve` replicas on one PostgreSQL database: a
// sign-in on one is valid on the other, and a guide published through one
// is on both within 5 seconds.
func TestReplicas(t *testing.T) {
	env := map[string]string{"LOA_DATABASE_URL": dbtest.PostgresURL(t)}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"user", "create", "--username", "dieuphoi", "--role", "admin", "--agency", "VN", "--password-stdin"},
		strings.NewReader("mat-khau-rat-dai-2026\n"), &out, &errb, func(k string) string { return env[k] }); code != 0 {
		t.Fatalf("user create: %s %s", out.String(), errb.String())
	}
	a, b := startServe(t, env), startServe(t, env)

	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.PostForm(a+"/quan-tri/dang-nhap", url.Values{"username": {"dieuphoi"}, "password": {"mat-khau-rat-dai-2026"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "loa_phien" {
			session = c
		}
	}
	if resp.StatusCode != http.StatusSeeOther || session == nil {
		t.Fatalf("login on replica A: %d, cookie %v", resp.StatusCode, session)
	}
	req, _ := http.NewRequest("GET", b+"/quan-tri", nil)
	req.AddCookie(session)
	resp, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("replica B with replica A's session: %d, want 200", resp.StatusCode)
	}

	// The national coordinator drafts and approves a note on replica B
	// (an audited self-approval), then both replicas show it.
	post := func(base, path string, form url.Values) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(session)
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	note := "Ghi chú thử nghiệm hai bản sao: nhận hồ sơ tại phường."
	doc := "/quan-tri/huong-dan/1.001193/UBND-01"
	if resp := post(b, doc, url.Values{"note": {note}, "change_note": {"Thử nghiệm"}, "action": {"submit"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit on replica B: %d", resp.StatusCode)
	}
	req, _ = http.NewRequest("GET", b+"/quan-tri", nil)
	req.AddCookie(session)
	resp, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	rev := regexp.MustCompile(`/quan-tri/ban-thao/\d+`).Find(page)
	if rev == nil {
		t.Fatal("the revision is not in the coordinator's tasks")
	}
	published := time.Now()
	if resp := post(b, string(rev)+"/duyet", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve on replica B: %d", resp.StatusCode)
	}
	for _, replica := range []string{a, b} {
		for {
			resp, err := http.Get(replica + "/dich-vu/dang-ky-khai-sinh")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), note) {
				break
			}
			if time.Since(published) > 5*time.Second {
				t.Fatalf("publication not visible on %s after 5 s", replica)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	t.Logf("visible on both replicas %v after approval", time.Since(published).Round(time.Millisecond))
}
