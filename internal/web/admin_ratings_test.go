package web_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

// TestAdminRatings shows staff the results of their scope only, comments
// escaped, and exports them as CSV.
func TestAdminRatings(t *testing.T) {
	d := dbtest.SQLite(t)
	ts, a := newSiteApp(t, d)
	commune := firstCommune(t, a, "01")
	// One rating under BTP (the only responsible agency of the birth
	// registration), one under a commune of Hà Nội.
	if status, b, _ := postRating(t, ts.URL, `{"service":"dang-ky-khai-sinh","level":2,"comment":"<b>Chậm</b> quá"}`, nil); status != 201 {
		t.Fatalf("rate: %d %s", status, b)
	}
	if status, b, _ := postRating(t, ts.URL, `{"service":"dang-ky-khai-sinh","agency":"`+commune+`","level":5,"comment":"=1+1 tốt"}`, nil); status != 201 {
		t.Fatalf("rate: %d %s", status, b)
	}

	admin := newStaffClient(t, ts.URL)
	admin.login("dg.admin", createStaff(t, a, "dg.admin", staff.RoleAdmin, staff.National))
	status, page, _ := admin.get("/quan-tri/danh-gia")
	if status != 200 || !strings.Contains(page, "2 đánh giá") || !strings.Contains(page, "&lt;b&gt;Chậm&lt;/b&gt; quá") || strings.Contains(page, "<b>Chậm") {
		t.Fatalf("coordinator's page: %d %.3000s", status, page)
	}
	if !strings.Contains(page, `href="/quan-tri/danh-gia"`) {
		t.Error("the menu has no link to the ratings")
	}

	// An agency admin of Hà Nội sees the commune's rating only.
	hn := newStaffClient(t, ts.URL)
	hn.login("dg.hanoi", createStaff(t, a, "dg.hanoi", staff.RoleAgencyAdmin, "UBND-01"))
	status, page, _ = hn.get("/quan-tri/danh-gia")
	if status != 200 || !strings.Contains(page, "1 đánh giá") || strings.Contains(page, "Chậm") {
		t.Fatalf("Hà Nội's page: %d", status)
	}
	if status, _, _ := hn.get("/quan-tri/danh-gia?co_quan=BTP"); status != http.StatusForbidden {
		t.Fatalf("another agency's filter: %d, want 403", status)
	}
	if status, page, _ := hn.get("/quan-tri/danh-gia?tu_thang=2026-13"); status != http.StatusBadRequest || !strings.Contains(page, "năm-tháng") {
		t.Fatalf("bad month: %d", status)
	}
	status, body, hdr := hn.get("/quan-tri/danh-gia.csv?dich_vu=dang-ky-khai-sinh")
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %v", status, hdr)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][9] != "'=1+1 tốt" || recs[1][4] != commune {
		t.Fatalf("csv rows %v, %v", recs, err)
	}
}
