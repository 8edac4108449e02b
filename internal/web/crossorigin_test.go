package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestWidgetEndpointsAcceptCrossSite posts, as the widget does from a
// province's portal, to every endpoint the widget calls: cross-origin
// protection must let them through (they use no cookie), while a
// back-office form posted from another site is still refused.
func TestWidgetEndpointsAcceptCrossSite(t *testing.T) {
	ts, _ := newSiteApp(t, dbtest.SQLite(t))
	post := func(path string) int {
		req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", "https://dichvucong.hanoi.gov.vn")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, path := range []string{"/api/v1/assistant/ask", "/api/v1/assistant/feedback", "/api/v1/ratings", "/open311/v2/requests.json"} {
		if got := post(path); got == http.StatusForbidden {
			t.Errorf("POST %s from another site: 403", path)
		}
	}
	if got := post("/quan-tri/dang-nhap"); got != http.StatusForbidden {
		t.Errorf("sign-in form posted from another site: %d, want 403", got)
	}
}
