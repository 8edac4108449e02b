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

// postRating sends JSON to POST /api/v1/ratings with the headers.
func postRating(t *testing.T, base, body string, hdr map[string]string) (int, string, http.Header) {
	t.Helper()
	return post(t, base+"/api/v1/ratings", "application/json", strings.NewReader(body), hdr)
}

func countRatings(t *testing.T, d *db.DB, where string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRow(t.Context(), "SELECT COUNT(*) FROM ratings "+where, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func postForm(t *testing.T, base, path string, form url.Values) (int, string, http.Header) {
	t.Helper()
	resp, err := noRedirect.PostForm(base+path, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// TestRatingFormOnServicePage rates a service from the form under its
// guide, without JavaScript: accepted, refused with the form refilled,
// a robot's honeypot, and the per-address limit.
func TestRatingFormOnServicePage(t *testing.T) {
	d := dbtest.SQLite(t)
	ts, _ := newSiteApp(t, d)
	status, page, _ := get(t, ts, "/dich-vu/dang-ky-khai-sinh")
	for _, want := range []string{`action="/dich-vu/dang-ky-khai-sinh/danh-gia"`, "<fieldset", "<legend>", `type="radio" name="level" value="5" required`,
		"Rất không hài lòng", `name="well" value="speed"`, `name="not" value="technical"`, `class="hp"`} {
		if status != 200 || !strings.Contains(page, want) {
			t.Fatalf("service page (%d) lacks %q", status, want)
		}
	}
	// The form holds nothing per visitor: the page stays one cached page.
	_, again, _ := get(t, ts, "/dich-vu/dang-ky-khai-sinh")
	if again != page {
		t.Fatal("the service page differs between two visits")
	}

	status, _, hdr := postForm(t, ts.URL, "/dich-vu/dang-ky-khai-sinh/danh-gia", url.Values{
		"level": {"4"}, "well": {"speed", "clarity"}, "not": {"cost"}, "comment": {"Gọi tôi 0912345678 nhé"},
	})
	if status != http.StatusSeeOther || hdr.Get("Location") != "/dich-vu/dang-ky-khai-sinh/danh-gia?cam-on" {
		t.Fatalf("rating: %d → %q", status, hdr.Get("Location"))
	}
	if n := countRatings(t, d, "WHERE level = 4 AND source = 'page' AND comment = ? AND went_well = ? AND did_not = ?",
		"Gọi tôi [số điện thoại] nhé", 2|4, 16); n != 1 {
		t.Fatalf("%d matching ratings stored, want 1", n)
	}
	if status, body, _ := get(t, ts, "/dich-vu/dang-ky-khai-sinh/danh-gia?cam-on"); status != 200 || !strings.Contains(body, "Cảm ơn bạn đã đánh giá") {
		t.Fatalf("thanks page: %d", status)
	}

	// No level: the form comes back with the message and what was typed,
	// escaped.
	status, body, _ := postForm(t, ts.URL, "/dich-vu/dang-ky-khai-sinh/danh-gia", url.Values{
		"not": {"staff"}, "comment": {"<script>alert(1)</script>"},
	})
	if status != http.StatusBadRequest || !strings.Contains(body, "Vui lòng chọn một mức độ hài lòng") ||
		!strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") || strings.Contains(body, "<script>alert") ||
		!strings.Contains(body, `value="staff" checked`) {
		t.Fatalf("refused rating: %d %.2000s", status, body)
	}

	// A robot fills the hidden field: thanked, nothing stored.
	before := countRatings(t, d, "")
	status, _, _ = postForm(t, ts.URL, "/dich-vu/dang-ky-khai-sinh/danh-gia", url.Values{"level": {"1"}, "website": {"http://spam.example"}})
	if status != http.StatusSeeOther || countRatings(t, d, "") != before {
		t.Fatalf("honeypot: %d, stored %d → %d", status, before, countRatings(t, d, ""))
	}

	// One address may send 30 ratings in ten minutes (two used above).
	limited := false
	for i := 0; i < 30 && !limited; i++ {
		status, body, _ = postForm(t, ts.URL, "/dich-vu/dang-ky-khai-sinh/danh-gia", url.Values{"level": {"3"}})
		limited = status == http.StatusTooManyRequests
	}
	if !limited || !strings.Contains(body, "quá nhiều đánh giá") {
		t.Fatalf("no limit after 30 ratings from one address: %d", status)
	}
	// 30 hits: the refused one counted too, the robot's did not.
	if n := countRatings(t, d, ""); n != 29 {
		t.Fatalf("%d ratings stored, want 29 (30 allowed hits, one refused as invalid)", n)
	}
	if status, _, _ := postForm(t, ts.URL, "/dich-vu/khong-co/danh-gia", url.Values{"level": {"3"}}); status != http.StatusNotFound {
		t.Fatalf("unknown service: %d", status)
	}
}

// TestRatingAPIIdempotency sends ratings as the widget does: a repeat with
// the same Idempotency-Key gets the first answer and stores nothing.
func TestRatingAPIIdempotency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, _ := newSiteApp(t, d)
		body := `{"service":"dang-ky-khai-sinh","level":5,"went_well":["speed"],"comment":"Rất nhanh","source":"assistant"}`
		key := map[string]string{"Idempotency-Key": "4f1c2b7e-0d1a-4a51-9d7e-3c2b1a0f9e8d"}
		status, first, hdr := postRating(t, ts.URL, body, key)
		if status != http.StatusCreated || hdr.Get("Idempotent-Replayed") != "" || hdr.Get("Access-Control-Allow-Origin") != "*" {
			t.Fatalf("first: %d %s %v", status, first, hdr)
		}
		var rec struct {
			ID      int64  `json:"id"`
			Service string `json:"service"`
			Agency  string `json:"agency"`
			Level   int    `json:"level"`
			Message string `json:"message"`
		}
		if err := json.Unmarshal([]byte(first), &rec); err != nil || rec.ID == 0 || rec.Service != "1.001193" || rec.Level != 5 || rec.Message == "" {
			t.Fatalf("receipt %s: %v", first, err)
		}
		status, again, hdr := postRating(t, ts.URL, body, key)
		if status != http.StatusCreated || again != first || hdr.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("repeat: %d %s (replayed %q), want the first answer %s", status, again, hdr.Get("Idempotent-Replayed"), first)
		}
		if status, b, _ := postRating(t, ts.URL, strings.Replace(body, `"level":5`, `"level":1`, 1), key); status != http.StatusUnprocessableEntity ||
			!strings.Contains(b, "idempotency_key_reused") {
			t.Fatalf("key reused: %d %s", status, b)
		}
		if n := countRatings(t, d, ""); n != 1 {
			t.Fatalf("%d ratings stored, want 1", n)
		}
		for _, c := range []struct{ body, code string }{
			{`{"service":"dang-ky-khai-sinh"}`, "invalid_level"},
			{`{"service":"khong-co","level":3}`, "invalid_service"},
			{`{"service":"dang-ky-khai-sinh","level":3,"went_well":["gia-re"]}`, "invalid_went_well"},
			{`{"service":"dang-ky-khai-sinh","level":3,"comment":"` + strings.Repeat("ạ", 1001) + `"}`, "invalid_comment"},
			{`{"level":`, "invalid_json"},
			{`{"link":"abc","level":3}`, "not_found"},
		} {
			status, b, _ := postRating(t, ts.URL, c.body, nil)
			var e struct {
				Error struct{ Code, Message string }
			}
			if json.Unmarshal([]byte(b), &e); status/100 != 4 || e.Error.Code != c.code || e.Error.Message == "" {
				t.Errorf("%.60s: %d %s, want %s", c.body, status, b, c.code)
			}
		}
		if n := countRatings(t, d, ""); n != 1 {
			t.Fatalf("%d ratings stored after refusals, want 1", n)
		}

		// The widget runs on other sites: preflight, then a cross-origin POST.
		req, _ := http.NewRequest("OPTIONS", ts.URL+"/api/v1/ratings", nil)
		req.Header.Set("Origin", "https://bocongan.gov.vn")
		req.Header.Set("Access-Control-Request-Method", "POST")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent || !strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "Idempotency-Key") {
			t.Fatalf("preflight: %d %v", resp.StatusCode, resp.Header)
		}
		status, b, _ := postRating(t, ts.URL, `{"service":"1.001193","level":4}`,
			map[string]string{"Origin": "https://bocongan.gov.vn", "Sec-Fetch-Site": "cross-site"})
		if status != http.StatusCreated {
			t.Fatalf("cross-origin rating: %d %s", status, b)
		}
	})
}

// A large body is refused before it is read whole.
func TestRatingAPIBodyLimit(t *testing.T) {
	ts, _ := newSiteApp(t, dbtest.SQLite(t))
	big := bytes.Repeat([]byte("a"), 16<<10)
	status, b, _ := postRating(t, ts.URL, `{"service":"dang-ky-khai-sinh","level":3,"comment":"`+string(big)+`"}`, nil)
	if status != http.StatusBadRequest || !strings.Contains(b, "invalid_body") {
		t.Fatalf("16 KB body: %d %s", status, b)
	}
}
