package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

// staffClient is a browser for the back office: it keeps cookies and does
// not follow redirects, so tests see where they go.
type staffClient struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newStaffClient(t *testing.T, base string) *staffClient {
	jar, _ := cookiejar.New(nil)
	return &staffClient{t: t, base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *staffClient) do(method, path string, form url.Values, hdr map[string]string) (int, string, http.Header) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func (c *staffClient) get(path string) (int, string, http.Header) { return c.do("GET", path, nil, nil) }
func (c *staffClient) post(path string, form url.Values) (int, string, http.Header) {
	return c.do("POST", path, form, nil)
}

func (c *staffClient) login(username, password string) {
	c.t.Helper()
	status, body, hdr := c.post("/quan-tri/dang-nhap", url.Values{"username": {username}, "password": {password}})
	if status != http.StatusSeeOther {
		c.t.Fatalf("login %s: %d %.300s", username, status, body)
	}
	_ = hdr
}

// createStaff makes an account with a known password and no forced change.
func createStaff(t *testing.T, a *app.App, username string, role staff.Role, agency string) string {
	t.Helper()
	const pw = "mat-khau-thu-nghiem-1"
	if _, _, err := a.Staff.CreateUser(context.Background(), staff.System(), staff.NewUser{
		Username: username, DisplayName: username, Role: role, Agency: agency, Password: pw,
	}); err != nil {
		t.Fatal(err)
	}
	return pw
}

func TestStaffLogin(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		pw := createStaff(t, a, "bientap.hn", staff.RoleEditor, "UBND-01")
		c := newStaffClient(t, ts.URL)

		// Without a session the back office sends you to sign in, remembering where you were going.
		status, _, hdr := c.get("/quan-tri")
		if status != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/quan-tri/dang-nhap?tiep=") {
			t.Fatalf("anonymous dashboard: %d → %s", status, hdr.Get("Location"))
		}
		if status, body, _ := c.get("/quan-tri/dang-nhap"); status != 200 || !strings.Contains(body, "Đăng nhập") {
			t.Fatalf("login page: %d", status)
		}
		status, body, _ := c.post("/quan-tri/dang-nhap", url.Values{"username": {"bientap.hn"}, "password": {"sai-mat-khau-roi"}})
		if status != http.StatusUnauthorized || !strings.Contains(body, "không đúng") {
			t.Fatalf("wrong password: %d", status)
		}

		// Session fixation: a token planted before sign-in is never the one issued.
		u, _ := url.Parse(ts.URL + "/quan-tri")
		c.c.Jar.SetCookies(u, []*http.Cookie{{Name: "loa_phien", Value: "planted-token", Path: "/quan-tri"}})
		c.login("bientap.hn", pw)
		for _, ck := range c.c.Jar.Cookies(u) {
			if ck.Name == "loa_phien" && ck.Value == "planted-token" {
				t.Fatal("the planted session token survived sign-in")
			}
		}
		if status, body, _ := c.get("/quan-tri"); status != 200 || !strings.Contains(body, "Xin chào") {
			t.Fatalf("dashboard after login: %d", status)
		}

		// An open redirect through ?tiep= is refused.
		other := newStaffClient(t, ts.URL)
		_, _, hdr = other.post("/quan-tri/dang-nhap", url.Values{"username": {"bientap.hn"}, "password": {pw}, "tiep": {"//evil.example/"}})
		if hdr.Get("Location") != "/quan-tri" {
			t.Errorf("login with tiep=//evil.example redirected to %q", hdr.Get("Location"))
		}

		// Signing out ends the session on the server, not just in the browser.
		var token string
		for _, ck := range c.c.Jar.Cookies(u) {
			if ck.Name == "loa_phien" {
				token = ck.Value
			}
		}
		if status, _, _ := c.post("/quan-tri/dang-xuat", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("logout: %d", status)
		}
		if _, err := a.Staff.SessionUser(context.Background(), token); err == nil {
			t.Fatal("session still valid after sign-out")
		}
	})
}

func TestStaffLoginIsProtected(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		pw := createStaff(t, a, "duyet.hn", staff.RoleReviewer, "UBND-01")

		// A sign-in form posted from another site is refused.
		c := newStaffClient(t, ts.URL)
		status, _, _ := c.do("POST", "/quan-tri/dang-nhap", url.Values{"username": {"duyet.hn"}, "password": {pw}},
			map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
		if status != http.StatusForbidden {
			t.Fatalf("cross-origin login: %d, want 403", status)
		}

		// Guessing: after 5 wrong passwords the account is locked, even for the right one.
		for i := 0; i < 5; i++ {
			c.post("/quan-tri/dang-nhap", url.Values{"username": {"duyet.hn"}, "password": {"doan-mo-mat-khau"}})
		}
		status, body, _ := c.post("/quan-tri/dang-nhap", url.Values{"username": {"duyet.hn"}, "password": {pw}})
		if status == http.StatusSeeOther || !strings.Contains(body, "khóa") {
			t.Fatalf("login after 5 failures: %d %.200s", status, body)
		}
		// Spraying many accounts from one address is throttled too.
		throttled := false
		for i := 0; i < 25 && !throttled; i++ {
			status, _, _ := c.post("/quan-tri/dang-nhap", url.Values{"username": {"ai-do"}, "password": {"mat-khau-bat-ky"}})
			throttled = status == http.StatusTooManyRequests
		}
		if !throttled {
			t.Fatal("25 more attempts from one address were not throttled")
		}
	})
}

func TestMustChangePassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		_, pw, err := a.Staff.CreateUser(context.Background(), staff.System(), staff.NewUser{
			Username: "moi.vao", DisplayName: "Người mới", Role: staff.RoleAnalyst, Agency: "VN", MustChangePassword: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		c := newStaffClient(t, ts.URL)
		c.login("moi.vao", pw)
		if status, _, hdr := c.get("/quan-tri"); status != http.StatusSeeOther || hdr.Get("Location") != "/quan-tri/mat-khau" {
			t.Fatalf("first visit: %d → %s, want the password page", status, hdr.Get("Location"))
		}
		status, body, _ := c.post("/quan-tri/mat-khau", url.Values{"old": {pw}, "new": {"ngan"}, "again": {"ngan"}})
		if status != http.StatusBadRequest || !strings.Contains(body, "10") {
			t.Fatalf("short password: %d", status)
		}
		status, _, _ = c.post("/quan-tri/mat-khau", url.Values{"old": {pw}, "new": {"mot-cau-de-nho-2026"}, "again": {"mot-cau-de-nho-2026"}})
		if status != http.StatusSeeOther {
			t.Fatalf("change password: %d", status)
		}
		if status, _, _ := c.get("/quan-tri"); status != 200 {
			t.Fatalf("dashboard after change: %d", status)
		}
	})
}
