package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

func TestAPITokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		pw := createStaff(t, a, "qt.hanoi", staff.RoleAgencyAdmin, "UBND-01")
		c := newStaffClient(t, ts.URL)
		c.login("qt.hanoi", pw)

		// The form offers the machine permissions only.
		status, body, _ := c.get("/quan-tri/api-token")
		if status != 200 {
			t.Fatalf("token page: %d", status)
		}
		for _, p := range staff.MachinePerms() {
			if !strings.Contains(body, `name="perm" value="`+string(p)+`"`) {
				t.Errorf("no checkbox for %s", p)
			}
		}
		if strings.Contains(body, `value="`+string(staff.PermUserManage)+`"`) {
			t.Error("a person's permission is offered to a token")
		}

		// Created: the plaintext is shown once, with a warning.
		status, body, _ = c.post("/quan-tri/api-token", url.Values{
			"name": {"Cổng số liệu Hà Nội"}, "agency": {"UBND-01"}, "perm": {string(staff.PermMeasureIngest)},
		})
		if status != http.StatusCreated {
			t.Fatalf("create: %d %.300s", status, body)
		}
		plain := secretOn(t, body)
		if !strings.HasPrefix(plain, staff.TokenPrefix) || !strings.Contains(body, "chỉ hiện một lần") {
			t.Fatalf("created token %q, or no warning", plain)
		}
		// The list never shows it again.
		_, body, _ = c.get("/quan-tri/api-token")
		if strings.Contains(body, plain) || !strings.Contains(body, "Cổng số liệu Hà Nội") || !strings.Contains(body, "Chưa dùng") {
			t.Fatalf("list after creation: shows the token, or lacks its row")
		}
		// Last use, in Vietnam's time.
		tok, err := a.Staff.AuthenticateToken(ctx, plain)
		if err != nil {
			t.Fatal(err)
		}
		used := tok.LastUsedAt.In(time.FixedZone("ICT", 7*3600)).Format("02/01/2006 15:04")
		if _, body, _ = c.get("/quan-tri/api-token"); !strings.Contains(body, used) {
			t.Fatalf("list lacks the last use %s", used)
		}

		// Refused: another province, no permission, no name.
		if status, _, _ := c.post("/quan-tri/api-token", url.Values{
			"name": {"Ngoài vùng"}, "agency": {"UBND-79"}, "perm": {string(staff.PermMeasureIngest)},
		}); status != http.StatusForbidden {
			t.Fatalf("token for UBND-79: %d, want 403", status)
		}
		if status, body, _ := c.post("/quan-tri/api-token", url.Values{"name": {"Không quyền"}, "agency": {"UBND-01"}}); status != http.StatusBadRequest ||
			!strings.Contains(body, "ít nhất một quyền") || !strings.Contains(body, "Không quyền") {
			t.Fatalf("token without permissions: %d", status)
		}
		if status, body, _ := c.post("/quan-tri/api-token", url.Values{"agency": {"UBND-01"}, "perm": {string(staff.PermCaseCreate)}}); status != http.StatusBadRequest ||
			!strings.Contains(body, "đặt tên") {
			t.Fatalf("token without a name: %d", status)
		}

		// Revoked by an outsider: refused; by the owner's admin: done, and the token stops working.
		id := strconv.FormatInt(tok.ID, 10)
		opw := createStaff(t, a, "qt.hcm", staff.RoleAgencyAdmin, "UBND-79")
		outsider := newStaffClient(t, ts.URL)
		outsider.login("qt.hcm", opw)
		if status, _, _ := outsider.post("/quan-tri/api-token/"+id+"/thu-hoi", url.Values{}); status != http.StatusForbidden {
			t.Fatalf("revoke by UBND-79: %d, want 403", status)
		}
		if _, body, _ := outsider.get("/quan-tri/api-token"); strings.Contains(body, "Cổng số liệu Hà Nội") {
			t.Fatal("UBND-79 sees UBND-01's token")
		}
		if _, err := a.Staff.AuthenticateToken(ctx, plain); err != nil {
			t.Fatalf("token after a refused revoke: %v", err)
		}
		status, _, hdr := c.post("/quan-tri/api-token/"+id+"/thu-hoi", url.Values{})
		if status != http.StatusSeeOther || hdr.Get("Location") != "/quan-tri/api-token?ok=token_revoked" {
			t.Fatalf("revoke: %d → %s", status, hdr.Get("Location"))
		}
		if _, err := a.Staff.AuthenticateToken(ctx, plain); !errors.Is(err, staff.ErrTokenRevoked) {
			t.Fatalf("revoked token authenticates: %v", err)
		}
		if _, body, _ := c.get("/quan-tri/api-token"); !strings.Contains(body, "Đã thu hồi") {
			t.Fatal("the list does not show the token as revoked")
		}
		if status, _, _ := c.post("/quan-tri/api-token/999999/thu-hoi", url.Values{}); status != http.StatusNotFound {
			t.Fatalf("revoke an unknown token: %d, want 404", status)
		}
	})
}
