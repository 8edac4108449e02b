package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

func postLink(t *testing.T, base, token, body string) (int, string) {
	t.Helper()
	hdr := map[string]string{}
	if token != "" {
		hdr["Authorization"] = "Bearer " + token
	}
	status, b, _ := post(t, base+"/api/v1/rating-links", "application/json", strings.NewReader(body), hdr)
	return status, b
}

// TestRatingLinks follows a link from an agency's system to a citizen's
// rating: the token must hold the permission and cover the agency, the
// link rates once, and its page says so afterwards.
func TestRatingLinks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ts, a := newSiteApp(t, d)
		commune := firstCommune(t, a, "01")
		token, _, err := a.Staff.CreateToken(ctx, staff.System(), "UBND-01", "Một cửa Hà Nội", []staff.Perm{staff.PermRatingLinkCreate})
		if err != nil {
			t.Fatal(err)
		}
		ingest, _, err := a.Staff.CreateToken(ctx, staff.System(), "UBND-01", "Số liệu", []staff.Perm{staff.PermMeasureIngest})
		if err != nil {
			t.Fatal(err)
		}
		body := `{"service":"dang-ky-khai-sinh","agency":"` + commune + `"}`
		for _, c := range []struct {
			name, token, body string
			status            int
		}{
			{"no token", "", body, 401},
			{"without the permission", ingest, body, 403},
			{"agency outside the scope", token, `{"service":"dang-ky-khai-sinh","agency":"UBND-79"}`, 403},
			{"unknown service", token, `{"service":"khong-co"}`, 400},
			{"bad ttl", token, `{"service":"dang-ky-khai-sinh","ttl_days":400}`, 400},
		} {
			if status, b := postLink(t, ts.URL, c.token, c.body); status != c.status {
				t.Errorf("%s: %d %s, want %d", c.name, status, b, c.status)
			}
		}
		status, b := postLink(t, ts.URL, token, body)
		var link struct {
			URL, Service, Agency string
		}
		if err := json.Unmarshal([]byte(b), &link); status != http.StatusCreated || err != nil || link.Agency != commune || link.Service != "1.001193" {
			t.Fatalf("create: %d %s", status, b)
		}
		u, err := url.Parse(link.URL)
		if err != nil || !strings.HasPrefix(u.Path, "/danh-gia/") {
			t.Fatalf("link URL %q", link.URL)
		}
		code := strings.TrimPrefix(u.Path, "/danh-gia/")
		var stored int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM rating_links WHERE code_hash = ?", code).Scan(&stored); err != nil || stored != 0 {
			t.Fatalf("the plaintext code is stored (%d, %v)", stored, err)
		}

		status, page, hdr := get(t, ts, u.Path)
		if status != 200 || !strings.Contains(page, "Đăng ký khai sinh") || !strings.Contains(page, `action="`+u.Path+`"`) ||
			hdr.Get("Cache-Control") != "no-store" || hdr.Get("X-Robots-Tag") != "noindex" {
			t.Fatalf("link page: %d %v", status, hdr)
		}
		status, _, loc := postForm(t, ts.URL, u.Path, url.Values{"level": {"2"}, "not": {"speed"}})
		if status != http.StatusSeeOther || loc.Get("Location") != u.Path+"?cam-on" {
			t.Fatalf("rate through link: %d %v", status, loc)
		}
		if n := countRatings(t, d, "WHERE agency = ? AND source = 'link' AND level = 2", commune); n != 1 {
			t.Fatalf("%d link ratings stored, want 1", n)
		}
		if status, page, _ := get(t, ts, u.Path+"?cam-on"); status != 200 || !strings.Contains(page, "Cảm ơn bạn đã đánh giá") {
			t.Fatalf("thanks: %d", status)
		}
		status, page, _ = postForm(t, ts.URL, u.Path, url.Values{"level": {"5"}})
		if status != http.StatusGone || !strings.Contains(page, "chỉ dùng được một lần") {
			t.Fatalf("second rating through the link: %d", status)
		}
		if status, _, _ := get(t, ts, u.Path); status != http.StatusGone {
			t.Fatalf("used link page: %d, want 410", status)
		}
		// Through the API as well: used.
		if status, b, _ := postRating(t, ts.URL, `{"link":"`+code+`","level":5}`, nil); status != http.StatusGone || !strings.Contains(b, "link_used") {
			t.Fatalf("API on a used link: %d %s", status, b)
		}
		if status, _, _ := get(t, ts, "/danh-gia/"+strings.Repeat("a", 26)); status != http.StatusNotFound {
			t.Fatalf("unknown code: %d", status)
		}
		if n := countRatings(t, d, ""); n != 1 {
			t.Fatalf("%d ratings, want 1", n)
		}
	})
}
