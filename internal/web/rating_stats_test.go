package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestRatingStats publishes counts, never comments.
func TestRatingStats(t *testing.T) {
	d := dbtest.SQLite(t)
	ts, _ := newSiteApp(t, d)
	if status, page, _ := get(t, ts, "/danh-gia/thong-ke"); status != 200 || !strings.Contains(page, "Chưa có đánh giá") {
		t.Fatalf("empty results: %d", status)
	}
	for _, body := range []string{
		`{"service":"dang-ky-khai-sinh","level":5,"went_well":["speed"]}`,
		`{"service":"dang-ky-khai-sinh","level":4,"did_not":["cost"],"comment":"Bí mật riêng tư"}`,
		`{"service":"dang-ky-khai-sinh","level":1,"did_not":["cost","technical"]}`,
	} {
		if status, b, _ := postRating(t, ts.URL, body, nil); status != http.StatusCreated {
			t.Fatalf("rate: %d %s", status, b)
		}
	}
	// The results are counted at most once a minute; a new server counts
	// afresh.
	ts2 := newSite(t, d)
	status, page, _ := get(t, ts2, "/danh-gia/thong-ke")
	if status != 200 || !strings.Contains(page, "Đăng ký khai sinh") || !strings.Contains(page, "66,7%") ||
		!strings.Contains(page, "Chi phí cao hoặc phát sinh (2)") || strings.Contains(page, "Bí mật") {
		t.Fatalf("results page: %d %.3000s", status, page)
	}
	status, body, hdr := get(t, ts2, "/danh-gia/thong-ke.json")
	var out struct {
		Overall struct {
			Total          int            `json:"total"`
			Levels         map[string]int `json:"levels"`
			Mean           float64        `json:"mean"`
			SatisfiedShare float64        `json:"satisfied_share"`
		} `json:"overall"`
		ByService []struct {
			Key, Name string
			Total     int
		} `json:"by_service"`
	}
	if err := json.Unmarshal([]byte(body), &out); status != 200 || err != nil || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		t.Fatalf("json: %d %v", status, err)
	}
	if out.Overall.Total != 3 || out.Overall.Levels["5"] != 1 || out.Overall.Mean != 3.333 || out.Overall.SatisfiedShare != 0.667 ||
		len(out.ByService) != 1 || out.ByService[0].Key != "1.001193" || out.ByService[0].Name != "Đăng ký khai sinh" {
		t.Fatalf("json results %+v", out)
	}
	if strings.Contains(body, "Bí mật") {
		t.Fatal("a comment is published")
	}
}
