package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

// TestScheduledPublication approves a note for a time a few seconds ahead:
// it is not on the site before then, the background queue publishes it,
// and the job shows on the job page.
func TestScheduledPublication(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		createStaff(t, a, "bientap.sched", staff.RoleEditor, "UBND-01")
		createStaff(t, a, "duyet.sched", staff.RoleReviewer, "UBND-01")
		adminPW := createStaff(t, a, "dieuphoi.sched", staff.RoleAdmin, staff.National)
		editor, _ := a.Staff.UserByUsername(ctx, "bientap.sched")
		reviewer, _ := a.Staff.UserByUsername(ctx, "duyet.sched")

		var code string
		all, _ := a.Catalog.All(ctx)
		for _, s := range all {
			if s.Slug == "dang-ky-khai-tu" {
				code = s.Code
			}
		}
		note := "Hà Nội: nhận hồ sơ khai tử cả ngày Chủ nhật tại phường."
		rev, err := a.Catalog.Draft(ctx, editor, catalog.DraftInput{ServiceCode: code, Scope: "UBND-01", Body: catalog.Body{Note: note}, ChangeNote: "Lịch Chủ nhật"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Catalog.Submit(ctx, editor, rev.ID); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(6 * time.Second)
		if _, err := a.Catalog.Approve(ctx, reviewer, rev.ID, &at); err != nil {
			t.Fatal(err)
		}
		// The site reloads the catalogue every 2 s; wait past that, still before the time.
		time.Sleep(2500 * time.Millisecond)
		if _, page, _ := get(t, ts, "/dich-vu/dang-ky-khai-tu"); strings.Contains(page, note) {
			t.Fatal("scheduled note visible before its time")
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			if _, page, _ := get(t, ts, "/dich-vu/dang-ky-khai-tu"); strings.Contains(page, note) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("scheduled note not published by the queue")
			}
			time.Sleep(250 * time.Millisecond)
		}
		if time.Now().Before(at) {
			t.Fatal("published before its time")
		}
		c := newStaffClient(t, ts.URL)
		c.login("dieuphoi.sched", adminPW)
		status, body, _ := c.get("/quan-tri/tac-vu?trang-thai=completed")
		if status != http.StatusOK || !strings.Contains(body, "catalog.publish_due") {
			t.Fatalf("job page: %d, no completed publication job", status)
		}
	})
}
