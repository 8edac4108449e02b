package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

var newPassword = regexp.MustCompile(`<code class="plain">([^<]+)</code>`)

// createAccountHTTP creates an account through the accounts page, as an
// admin would, and returns the one-time password shown.
func createAccountHTTP(t *testing.T, c *staffClient, username string, role staff.Role, agency string) string {
	t.Helper()
	status, body, _ := c.post("/quan-tri/tai-khoan", url.Values{
		"username": {username}, "display_name": {username}, "role": {string(role)}, "agency": {agency},
	})
	m := newPassword.FindStringSubmatch(body)
	if status != http.StatusCreated || m == nil {
		t.Fatalf("create %s: %d %.300s", username, status, body)
	}
	return m[1]
}

// firstLogin signs in with a temporary password and sets a new one.
func firstLogin(t *testing.T, base, username, temp string) *staffClient {
	t.Helper()
	c := newStaffClient(t, base)
	c.login(username, temp)
	pw := "mat-khau-moi-cua-" + username
	if status, body, _ := c.post("/quan-tri/mat-khau", url.Values{"old": {temp}, "new": {pw}, "again": {pw}}); status != http.StatusSeeOther {
		t.Fatalf("%s: change password: %d %.300s", username, status, body)
	}
	return c
}

// TestEditorialJourney walks the acceptance path: an admin creates
// a province editor and reviewer, the editor drafts a change, cannot
// approve it, the reviewer approves it, it appears on the public site, and
// every step is in the audit log.
func TestEditorialJourney(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		admin := newStaffClient(t, ts.URL)
		admin.login("dieuphoi", createStaff(t, a, "dieuphoi", staff.RoleAdmin, staff.National))

		editor := firstLogin(t, ts.URL, "bientap.hn", createAccountHTTP(t, admin, "bientap.hn", staff.RoleEditor, "UBND-01"))
		reviewer := firstLogin(t, ts.URL, "duyet.hn", createAccountHTTP(t, admin, "duyet.hn", staff.RoleReviewer, "UBND-01"))

		svc := a.Catalog
		all, err := svc.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var code string
		for _, s := range all {
			if s.Slug == "dang-ky-khai-sinh" {
				code = s.Code
			}
		}
		doc := "/quan-tri/huong-dan/" + code + "/UBND-01"
		if status, body, _ := editor.get("/quan-tri/huong-dan"); status != 200 || !strings.Contains(body, doc) {
			t.Fatalf("editor's list: %d, missing %s", status, doc)
		}
		if status, _, _ := editor.get("/quan-tri/huong-dan/" + code + "/UBND-79"); status != http.StatusForbidden {
			t.Fatalf("editor opening another province's note: %d, want 403", status)
		}
		status, body, _ := editor.get(doc)
		if status != 200 || !strings.Contains(body, `name="note"`) {
			t.Fatalf("editor page: %d", status)
		}
		note := "Ở Hà Nội, bộ phận một cửa phường, xã nhận hồ sơ cả sáng thứ Bảy."
		status, body, _ = editor.post(doc, url.Values{"note": {note}, "change_note": {"Thêm giờ làm việc thứ Bảy"},
			"base_version": {"0"}, "draft_id": {"0"}, "saves": {"0"}, "action": {"submit"}})
		if status != http.StatusSeeOther {
			t.Fatalf("submit: %d %.300s", status, body)
		}

		// The editor cannot approve (no review permission), the reviewer sees it in "my tasks".
		_, body, _ = reviewer.get("/quan-tri")
		m := regexp.MustCompile(`/quan-tri/ban-thao/(\d+)`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("reviewer's tasks do not list the draft:\n%.2000s", body)
		}
		rev := m[0]
		if status, _, _ := editor.post(rev+"/duyet", url.Values{}); status != http.StatusForbidden {
			t.Fatalf("editor approving: %d, want 403", status)
		}
		if _, body, _ := admin.get("/"); strings.Contains(body, note) {
			t.Fatal("draft visible before approval")
		}
		if status, body, _ := reviewer.post(rev+"/duyet", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("reviewer approving: %d %.300s", status, body)
		}

		// The public page shows the note within the catalogue's refresh.
		deadline := time.Now().Add(5 * time.Second)
		for {
			_, page, _ := get(t, ts, "/dich-vu/dang-ky-khai-sinh")
			if strings.Contains(page, note) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("approved note not on the public page after 5 s")
			}
			time.Sleep(200 * time.Millisecond)
		}

		entries, err := a.Audit.List(ctx, audit.Filter{ObjectType: "guide"})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range entries {
			seen[e.Action] = true
		}
		for _, want := range []string{catalog.ActionDraftCreate, catalog.ActionSubmit, catalog.ActionApprove, catalog.ActionPublish} {
			if !seen[want] {
				t.Errorf("audit log lacks %s; has %v", want, seen)
			}
		}
		if status, body, _ := admin.get("/quan-tri/nhat-ky?loai=guide"); status != 200 || !strings.Contains(body, "bientap.hn") || !strings.Contains(body, "duyet.hn") {
			t.Errorf("audit page: %d, missing the editor or reviewer", status)
		}
	})
}
