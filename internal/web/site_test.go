package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// newSite runs the whole platform with the demo data on d.
func newSite(t *testing.T, d *db.DB) *httptest.Server {
	ts, _ := newSiteApp(t, d)
	return ts
}

// newSiteApp is newSite that also returns the application, for tests that
// create staff accounts or change data behind the site's back.
func newSiteApp(t *testing.T, d *db.DB) (*httptest.Server, *app.App) {
	t.Helper()
	return startSite(t, d, siteOptions{})
}

// siteOptions changes how startSite runs the platform.
type siteOptions struct {
	// web configures the server (base URL, channels).
	web app.WebOptions
	// noJobs leaves the background jobs off, for benchmarks.
	noJobs bool
}

// startSite runs the whole platform with the reference and demo data on d,
// as opts say, and stops it (jobs, then server) when tb ends.
func startSite(tb testing.TB, d *db.DB, opts siteOptions) (*httptest.Server, *app.App) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	a := app.FromDB(d)
	if err := a.SeedReference(ctx); err != nil {
		tb.Fatal(err)
	}
	if _, err := a.SeedDemo(ctx); err != nil {
		tb.Fatal(err)
	}
	srv, err := a.Web(ctx, opts.web)
	if err != nil {
		tb.Fatal(err)
	}
	if !opts.noJobs {
		if err := a.StartJobs(ctx); err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := a.StopJobs(stopCtx); err != nil {
				tb.Errorf("stop jobs: %v", err)
			}
		})
	}
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	return ts, a
}

func get(t *testing.T, ts *httptest.Server, path string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// post sends body to url with the content type and headers, and returns
// the answer's status, body and headers.
func post(t testing.TB, url, contentType string, body io.Reader, hdr map[string]string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("POST", url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

type apiList struct {
	Items []struct {
		Slug, Code, Name, Level string
	}
	Total int
}

func searchAPI(t *testing.T, ts *httptest.Server, q string) apiList {
	t.Helper()
	status, body, _ := get(t, ts, "/api/v1/services?q="+url.QueryEscape(q))
	if status != 200 {
		t.Fatalf("search %q: status %d: %s", q, status, body)
	}
	var out apiList
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return out
}

func TestSite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts := newSite(t, d)

		t.Run("pages", func(t *testing.T) {
			for _, tc := range []struct {
				path   string
				status int
				want   string
			}{
				{"/", 200, "Đăng ký khai sinh"},
				{"/dich-vu/dang-ky-khai-sinh", 200, "Nộp hồ sơ trực tuyến"},
				{"/dich-vu/dang-ky-khai-sinh/poster", 200, "<svg"},
				{"/tim-kiem?q=ho+chieu", 200, "Cấp hộ chiếu phổ thông"},
				{"/su-kien/sinh-con", 200, "Đăng ký khai sinh"},
				{"/co-quan", 200, "Bộ Công an"},
				{"/co-quan/BCA", 200, "Bộ Công an"},
				{"/tinh/01", 200, "Phường Ba Đình"},
				{"/tinh/01", 200, `href="/so-lieu/don-vi/01"`},
				{"/dich-vu/khong-co-thu-tuc-nay", 404, "Không tìm thấy"},
				{"/trang-khong-ton-tai", 404, "Không tìm thấy trang"},
				{"/tinh/99", 404, "Không tìm thấy"},
				{"/tim-kiem?page=abc", 400, "page"},
				{"/tim-kiem?level=huyen", 400, "level"},
				{"/static/site.css", 200, "--brand"},
				{"/healthz", 200, "ok"},
				{"/readyz", 200, "ready"},
				{"/metrics", 200, "loa_http_requests_total"},
			} {
				status, body, _ := get(t, ts, tc.path)
				if status != tc.status || !strings.Contains(body, tc.want) {
					t.Errorf("GET %s = %d, want %d containing %q; body starts %.300s", tc.path, status, tc.status, tc.want, body)
				}
			}
		})

		t.Run("every page leads to the assistant, reports and statistics", func(t *testing.T) {
			for _, p := range []string{"/", "/dich-vu/dang-ky-khai-sinh", "/tim-kiem?q=khai+sinh", "/co-quan"} {
				_, body, _ := get(t, ts, p)
				for _, link := range []string{`href="/tro-ly"`, `href="/phan-anh"`, `href="/so-lieu"`} {
					if !strings.Contains(body, link) {
						t.Errorf("%s has no link %s", p, link)
					}
				}
			}
			// A service page offers a report about that service, and the
			// form it opens has the service chosen.
			_, body, _ := get(t, ts, "/dich-vu/dang-ky-khai-sinh")
			const report = "/phan-anh?dich-vu=dang-ky-khai-sinh"
			if !strings.Contains(body, `href="`+report+`"`) {
				t.Fatalf("service page has no link to %s", report)
			}
			// The poster sends whoever has a question to the assistant.
			if _, poster, _ := get(t, ts, "/dich-vu/dang-ky-khai-sinh/poster"); !strings.Contains(poster, ts.URL+"/tro-ly") {
				t.Errorf("poster does not give the assistant's address")
			}
			status, form, _ := get(t, ts, report)
			if status != 200 || !strings.Contains(form, `name="service" value="dang-ky-khai-sinh"`) || !strings.Contains(form, `value="Đăng ký khai sinh"`) {
				t.Errorf("GET %s = %d, want the form with the service chosen; body starts %.300s", report, status, form)
			}
		})

		t.Run("page weight", func(t *testing.T) {
			for _, p := range []string{"/", "/dich-vu/dang-ky-khai-sinh", "/tim-kiem?q=khai+sinh", "/dich-vu/cap-ho-chieu-pho-thong/poster", "/static/site.css"} {
				_, body, _ := get(t, ts, p)
				if len(body) > 100*1024 {
					t.Errorf("%s weighs %d bytes, over 100 KB", p, len(body))
				}
			}
		})

		t.Run("search without diacritics finds the right service first", func(t *testing.T) {
			for q, want := range map[string]string{
				"dang ky khai sinh": "dang-ky-khai-sinh",
				"ho chieu":          "cap-ho-chieu-pho-thong",
				"so do":             "cap-giay-chung-nhan-quyen-su-dung-dat",
				"nhap ho khau":      "dang-ky-thuong-tru",
				"lam can cuoc":      "cap-the-can-cuoc",
			} {
				got := searchAPI(t, ts, q)
				if len(got.Items) == 0 || got.Items[0].Slug != want {
					t.Errorf("search %q: first = %+v, want %s", q, got.Items, want)
				}
			}
			// A search lists what is relevant, not every service sharing a syllable.
			if got := searchAPI(t, ts, "ho chieu"); got.Total == 0 || got.Total > 20 {
				t.Errorf("search ho chieu: %d results, want a short list", got.Total)
			}
			got := searchAPI(t, ts, "gplx")
			if len(got.Items) == 0 || !strings.Contains(got.Items[0].Slug, "giay-phep-lai-xe") {
				t.Errorf("search gplx: first = %+v, want a driving licence service", got.Items)
			}
		})

		t.Run("api", func(t *testing.T) {
			all := searchAPI(t, ts, "")
			if all.Total < 45 || len(all.Items) != 20 {
				t.Errorf("list all: total %d, items %d", all.Total, len(all.Items))
			}
			status, body, hdr := get(t, ts, "/api/v1/services?page=0")
			if status != 400 || !strings.Contains(hdr.Get("Content-Type"), "json") || !strings.Contains(body, `"code":"invalid_page"`) {
				t.Errorf("bad page: %d %s", status, body)
			}
			status, body, _ = get(t, ts, "/api/v1/services/khong-co")
			if status != 404 || !strings.Contains(body, `"error"`) {
				t.Errorf("unknown slug: %d %s", status, body)
			}
			status, body, _ = get(t, ts, "/api/v1/services?life_event=sinh-con&level=xa")
			if status != 200 || !strings.Contains(body, "dang-ky-khai-sinh") {
				t.Errorf("filter: %d %.300s", status, body)
			}
			status, body, _ = get(t, ts, "/api/v1/services/dang-ky-khai-sinh")
			if status != 200 || !strings.Contains(body, `"faqs"`) || !strings.Contains(body, `"guide"`) {
				t.Errorf("service: %d %.300s", status, body)
			}
			var units struct{ Total int }
			_, body, _ = get(t, ts, "/api/v1/units")
			if err := json.Unmarshal([]byte(body), &units); err != nil || units.Total != 34 {
				t.Errorf("provinces: %v total %d", err, units.Total)
			}
			_, body, _ = get(t, ts, "/api/v1/units?parent=01")
			if err := json.Unmarshal([]byte(body), &units); err != nil || units.Total < 100 {
				t.Errorf("communes of Hà Nội: %v total %d", err, units.Total)
			}
			status, _, _ = get(t, ts, "/api/v1/units?parent=x'")
			if status != 400 {
				t.Errorf("bad parent: %d", status)
			}
			status, body, _ = get(t, ts, "/api/openapi.json")
			if status != 200 || !json.Valid([]byte(body)) || !strings.Contains(body, "/api/v1/services") {
				t.Errorf("openapi: %d", status)
			}
		})

		t.Run("feedback", func(t *testing.T) {
			resp, err := http.PostForm(ts.URL+"/dich-vu/dang-ky-khai-sinh/phan-hoi", url.Values{"helpful": {"yes"}})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(b), "Cảm ơn") {
				t.Errorf("feedback: %d", resp.StatusCode)
			}
			req, _ := http.NewRequest("POST", ts.URL+"/dich-vu/dang-ky-khai-sinh/phan-hoi", strings.NewReader("helpful=yes"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", "https://evil.example")
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			resp, err = http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 403 {
				t.Errorf("cross-origin feedback: %d, want 403", resp.StatusCode)
			}
			resp, err = http.PostForm(ts.URL+"/dich-vu/dang-ky-khai-sinh/phan-hoi", url.Values{"helpful": {"maybe"}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 400 {
				t.Errorf("invalid feedback: %d, want 400", resp.StatusCode)
			}
		})
	})
}
