package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

func TestAuditLog(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		// The username starts with @, which a spreadsheet would take for a formula.
		pw := createStaff(t, a, "@qt.hanoi", staff.RoleAgencyAdmin, "UBND-01")
		c := newStaffClient(t, ts.URL)
		c.login("@qt.hanoi", pw)

		// Create, reset, change role; create and revoke a token.
		status, body, _ := c.post("/quan-tri/tai-khoan", url.Values{
			"username": {"bientap.hn"}, "display_name": {"Biên tập Hà Nội"}, "role": {"editor"}, "agency": {"UBND-01"},
		})
		if status != http.StatusCreated {
			t.Fatalf("create: %d", status)
		}
		id := strconv.FormatInt(userID(t, a, "bientap.hn"), 10)
		if status, _, _ := c.post("/quan-tri/tai-khoan/"+id+"/mat-khau", url.Values{}); status != http.StatusOK {
			t.Fatalf("reset: %d", status)
		}
		_, body, _ = c.get("/quan-tri/tai-khoan/" + id)
		if status, _, _ := c.post("/quan-tri/tai-khoan/"+id, url.Values{
			"version": {versionOn(t, body)}, "display_name": {"Biên tập Hà Nội"}, "role": {"reviewer"}, "agency": {"UBND-01"},
		}); status != http.StatusSeeOther {
			t.Fatalf("role change: %d", status)
		}
		_, tok, err := a.Staff.CreateToken(ctx, mustUser(t, a, "@qt.hanoi"), "UBND-01", "Cổng số liệu", []staff.Perm{staff.PermMeasureIngest})
		if err != nil {
			t.Fatal(err)
		}
		if status, _, _ := c.post("/quan-tri/api-token/"+strconv.FormatInt(tok.ID, 10)+"/thu-hoi", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("revoke: %d", status)
		}
		// Another province's change, and a note that looks like a formula.
		opw := createStaff(t, a, "qt.hcm", staff.RoleAgencyAdmin, "UBND-79")
		if _, _, err := a.Staff.CreateUser(ctx, mustUser(t, a, "qt.hcm"), staff.NewUser{
			Username: "bientap.hcm", DisplayName: "Biên tập Sài Gòn", Role: staff.RoleEditor, Agency: "UBND-79",
		}); err != nil {
			t.Fatal(err)
		}
		if err := audit.Record(ctx, a.DB, audit.Entry{
			Actor: audit.System, Action: "guide.publish", ObjectType: "guide", ObjectID: "1.000001",
			Agency: "UBND-01", Note: "=HYPERLINK(\"http://evil.example\")",
		}); err != nil {
			t.Fatal(err)
		}

		status, body, _ = c.get("/quan-tri/nhat-ky")
		if status != 200 {
			t.Fatalf("audit page: %d", status)
		}
		for _, want := range []string{"Tạo tài khoản", "Đặt lại mật khẩu", "Sửa tài khoản", "Cấp mã truy cập", "Thu hồi mã truy cập",
			"role: editor → reviewer", "@qt.hanoi", "guide.publish"} {
			if !strings.Contains(body, want) {
				t.Errorf("audit page lacks %q", want)
			}
		}
		// Scope: nothing of UBND-79.
		if strings.Contains(body, "Biên tập Sài Gòn") || strings.Contains(body, "bientap.hcm") {
			t.Error("UBND-01's admin sees UBND-79's changes")
		}
		if status, _, _ := c.get("/quan-tri/nhat-ky?co_quan=UBND-79"); status != http.StatusForbidden {
			t.Errorf("filter on UBND-79 by UBND-01: %d, want 403", status)
		}
		if strings.Contains(body, "$argon2id") || strings.Contains(body, "password_hash") {
			t.Error("the audit page shows a password hash")
		}
		// Times are Vietnam's.
		now := time.Now().In(time.FixedZone("ICT", 7*3600))
		if !strings.Contains(body, now.Format("02/01/2006")) {
			t.Error("no entry dated today in Vietnam")
		}

		// Filters.
		_, body, _ = c.get("/quan-tri/nhat-ky?loai=api_token")
		if !strings.Contains(body, "Thu hồi mã truy cập") || strings.Contains(body, "Đặt lại mật khẩu") {
			t.Error("object type filter")
		}
		_, body, _ = c.get("/quan-tri/nhat-ky?loai=staff_user&doi_tuong=" + id)
		if !strings.Contains(body, "Đặt lại mật khẩu") || !strings.Contains(body, "3 mục") {
			t.Errorf("object filter: want the 3 changes of account %s", id)
		}
		if _, body, _ = c.get("/quan-tri/nhat-ky?nguoi=nobody"); !strings.Contains(body, "Không có mục nào") {
			t.Error("person filter: an unknown person has entries")
		}
		if _, body, _ = c.get("/quan-tri/nhat-ky?nguoi=%40QT.hanoi"); !strings.Contains(body, "Đặt lại mật khẩu") || strings.Contains(body, "guide.publish") {
			t.Error("person filter (any case)")
		}
		today := now.Format("2006-01-02")
		if _, body, _ = c.get("/quan-tri/nhat-ky?tu_ngay=" + today + "&den_ngay=" + today); !strings.Contains(body, "Đặt lại mật khẩu") {
			t.Error("date filter: today's entries missing")
		}
		if _, body, _ = c.get("/quan-tri/nhat-ky?den_ngay=2020-01-01"); !strings.Contains(body, "Không có mục nào") {
			t.Error("date filter: entries before 2020")
		}
		if status, body, _ := c.get("/quan-tri/nhat-ky?tu_ngay=31/12/2025"); status != http.StatusBadRequest || !strings.Contains(body, "không hợp lệ") {
			t.Errorf("bad date: %d", status)
		}
		if status, _, _ := c.get("/quan-tri/nhat-ky?tu_ngay=2026-02-01&den_ngay=2026-01-01"); status != http.StatusBadRequest {
			t.Errorf("reversed dates: %d", status)
		}

		// CSV: a header row, the same scope, formulas neutralised.
		status, body, hdr := c.get("/quan-tri/nhat-ky.csv")
		if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") ||
			!strings.HasPrefix(hdr.Get("Content-Disposition"), "attachment;") {
			t.Fatalf("csv: %d %s %s", status, hdr.Get("Content-Type"), hdr.Get("Content-Disposition"))
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, audit.ExcelBOM))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 || !slices.Equal(rows[0], audit.CSVHeader) {
			t.Fatalf("csv header %v, %d rows", rows[0], len(rows))
		}
		col := slices.Index(audit.CSVHeader, "actor_name")
		note := slices.Index(audit.CSVHeader, "note")
		var escapedActor, escapedNote bool
		for _, r := range rows[1:] {
			escapedActor = escapedActor || r[col] == "'@qt.hanoi"
			escapedNote = escapedNote || strings.HasPrefix(r[note], "'=HYPERLINK")
			if r[col] == "@qt.hanoi" || strings.HasPrefix(r[note], "=") {
				t.Errorf("unescaped formula in csv: %v", r)
			}
			if strings.Contains(strings.Join(r, ","), "bientap.hcm") {
				t.Error("csv holds UBND-79's changes")
			}
		}
		if !escapedActor || !escapedNote {
			t.Errorf("csv: escaped actor %v, escaped note %v", escapedActor, escapedNote)
		}
		// The same filter as the page.
		_, body, _ = c.get("/quan-tri/nhat-ky.csv?loai=api_token")
		if n := strings.Count(body, "\n"); n != 3 { // header, token.create, token.revoke
			t.Errorf("filtered csv has %d lines, want 3: %s", n, body)
		}

		// The other province's admin sees its own change, not UBND-01's.
		other := newStaffClient(t, ts.URL)
		other.login("qt.hcm", opw)
		if _, body, _ = other.get("/quan-tri/nhat-ky"); !strings.Contains(body, "bientap.hcm") || strings.Contains(body, "@qt.hanoi") {
			t.Error("UBND-79's admin: wrong scope")
		}
		// Roles without audit.read are refused.
		epw := createStaff(t, a, "bientap2.hn", staff.RoleEditor, "UBND-01")
		editor := newStaffClient(t, ts.URL)
		editor.login("bientap2.hn", epw)
		if status, _, _ := editor.get("/quan-tri/nhat-ky.csv"); status != http.StatusForbidden {
			t.Errorf("editor downloads the audit log: %d", status)
		}
	})
}

func TestAuditLogPaging(t *testing.T) {
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	ctx := context.Background()
	pw := createStaff(t, a, "dieuphoi", staff.RoleAdmin, staff.National)
	for i := range 120 {
		if err := audit.Record(ctx, a.DB, audit.Entry{
			At: time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC), Actor: audit.System, Action: "test.step",
			ObjectType: "test", ObjectID: fmt.Sprintf("muc-%03d", i), Agency: "UBND-01",
		}); err != nil {
			t.Fatal(err)
		}
	}
	c := newStaffClient(t, ts.URL)
	c.login("dieuphoi", pw)
	_, body, _ := c.get("/quan-tri/nhat-ky?loai=test")
	if !strings.Contains(body, "Trang 1 / 3") || !strings.Contains(body, "muc-119") || strings.Contains(body, "muc-069") {
		t.Fatalf("page 1: %.2000s", body)
	}
	if !strings.Contains(body, `href="/quan-tri/nhat-ky?loai=test&amp;trang=2"`) {
		t.Fatal("page 1: no link to page 2 keeping the filter")
	}
	_, body, _ = c.get("/quan-tri/nhat-ky?loai=test&trang=3")
	if !strings.Contains(body, "Trang 3 / 3") || !strings.Contains(body, "muc-000") || strings.Contains(body, "muc-020") {
		t.Fatal("page 3")
	}
	// muc-019 was at 00:19 UTC, 07:19 in Vietnam.
	if !strings.Contains(body, "01/01/2026 07:19") {
		t.Error("times not in Vietnam's zone")
	}
	if _, body, _ = c.get("/quan-tri/nhat-ky?loai=test&trang=99"); !strings.Contains(body, "Trang 3 / 3") {
		t.Error("a page past the end shows the last")
	}
}

func mustUser(t *testing.T, a *app.App, username string) *staff.User {
	t.Helper()
	u, err := a.Staff.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
