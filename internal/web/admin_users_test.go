package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/units"
)

// shownSecret finds the password or token a page shows once.
var shownSecret = regexp.MustCompile(`<code class="plain">([^<]+)</code>`)

func secretOn(t *testing.T, body string) string {
	t.Helper()
	m := shownSecret.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no password or token shown on the page: %.500s", body)
	}
	return html.UnescapeString(m[1])
}

// versionOn reads the account version a page's forms carry.
var versionField = regexp.MustCompile(`name="version" value="(\d+)"`)

func versionOn(t *testing.T, body string) string {
	t.Helper()
	m := versionField.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no version field on the page: %.500s", body)
	}
	return m[1]
}

// firstCommune returns the agency code of a commune committee of province.
func firstCommune(t *testing.T, a *app.App, province string) string {
	t.Helper()
	communes, err := a.Units.Communes(context.Background(), province)
	if err != nil || len(communes) == 0 {
		t.Fatalf("communes of %s: %v (%d)", province, err, len(communes))
	}
	return units.CommitteeCode(communes[0].Code)
}

func userID(t *testing.T, a *app.App, username string) int64 {
	t.Helper()
	u, err := a.Staff.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestAccountsCreateWithinScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		pw := createStaff(t, a, "qt.hanoi", staff.RoleAgencyAdmin, "UBND-01")
		createStaff(t, a, "bt.hcm", staff.RoleEditor, "UBND-79")
		commune := firstCommune(t, a, "01")
		c := newStaffClient(t, ts.URL)
		c.login("qt.hanoi", pw)

		// The menu offers the section; the list holds the user's agency, not another province's.
		status, body, _ := c.get("/quan-tri")
		if status != 200 || !strings.Contains(body, `href="/quan-tri/tai-khoan"`) {
			t.Fatalf("dashboard: %d, no link to accounts", status)
		}
		status, body, _ = c.get("/quan-tri/tai-khoan")
		if status != 200 || !strings.Contains(body, "qt.hanoi") || strings.Contains(body, "bt.hcm") {
			t.Fatalf("account list: %d, want own account and not UBND-79's: %.300s", status, body)
		}
		// The agency picker: the province committee and its communes, nothing else.
		status, body, _ = c.get("/quan-tri/tai-khoan/moi")
		if status != 200 || !strings.Contains(body, `value="UBND-01"`) || !strings.Contains(body, `value="`+commune+`"`) {
			t.Fatalf("new account form: %d, agency picker lacks UBND-01 or %s", status, commune)
		}
		if strings.Contains(body, `value="UBND-79"`) || strings.Contains(body, `value="BCA"`) {
			t.Fatal("new account form offers an agency outside the province")
		}
		if strings.Contains(body, `value="admin"`) {
			t.Fatal("an agency admin is offered the national coordinator role")
		}

		// Within scope: a commune of the province.
		status, body, _ = c.post("/quan-tri/tai-khoan", url.Values{
			"username": {"bientap.xa"}, "display_name": {"Nguyễn Văn Xã"}, "role": {"editor"}, "agency": {commune},
		})
		if status != http.StatusCreated {
			t.Fatalf("create in scope: %d %.500s", status, body)
		}
		first := secretOn(t, body)
		if strings.Contains(body, "$argon2id") {
			t.Fatal("the account page shows a password hash")
		}
		// The new account signs in with the password shown, and must change it first.
		nc := newStaffClient(t, ts.URL)
		nc.login("bientap.xa", first)
		if status, _, hdr := nc.get("/quan-tri"); status != http.StatusSeeOther || hdr.Get("Location") != "/quan-tri/mat-khau" {
			t.Fatalf("first sign-in of the new account: %d → %s", status, hdr.Get("Location"))
		}

		// Outside scope: another province, or a role above one's own.
		status, _, _ = c.post("/quan-tri/tai-khoan", url.Values{
			"username": {"ngoai.vung"}, "display_name": {"Ngoài vùng"}, "role": {"editor"}, "agency": {"UBND-79"},
		})
		if status != http.StatusForbidden {
			t.Fatalf("create in UBND-79: %d, want 403", status)
		}
		status, _, _ = c.post("/quan-tri/tai-khoan", url.Values{
			"username": {"sieu.quyen"}, "display_name": {"Siêu quyền"}, "role": {"admin"}, "agency": {"UBND-01"},
		})
		if status != http.StatusForbidden {
			t.Fatalf("create an admin: %d, want 403", status)
		}
		if _, err := a.Staff.UserByUsername(context.Background(), "ngoai.vung"); err == nil {
			t.Fatal("the refused account was created")
		}

		// Bad input: the form again, with the store's message, and what was typed.
		status, body, _ = c.post("/quan-tri/tai-khoan", url.Values{
			"username": {"a"}, "display_name": {"Tên ngắn"}, "role": {"editor"}, "agency": {"UBND-01"},
		})
		if status != http.StatusBadRequest || !strings.Contains(body, "Tên đăng nhập dài 3–64 ký tự") || !strings.Contains(body, "Tên ngắn") {
			t.Fatalf("bad username: %d %.300s", status, body)
		}
		status, body, _ = c.post("/quan-tri/tai-khoan", url.Values{
			"username": {"BienTap.Xa"}, "display_name": {"Trùng tên"}, "role": {"editor"}, "agency": {"UBND-01"},
		})
		if status != http.StatusBadRequest || !strings.Contains(body, "đã có người dùng") {
			t.Fatalf("taken username: %d", status)
		}

		// Another province's account page is out of reach.
		if status, _, _ := c.get("/quan-tri/tai-khoan/" + strconv.FormatInt(userID(t, a, "bt.hcm"), 10)); status != http.StatusForbidden {
			t.Fatalf("account page in UBND-79: %d, want 403", status)
		}
		if status, _, _ := c.get("/quan-tri/tai-khoan/999999"); status != http.StatusNotFound {
			t.Fatalf("unknown account: %d, want 404", status)
		}
	})
}

func TestAccountsResetPassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		pw := createStaff(t, a, "qt.hanoi", staff.RoleAgencyAdmin, "UBND-01")
		old := createStaff(t, a, "duyet.hn", staff.RoleReviewer, "UBND-01")
		id := strconv.FormatInt(userID(t, a, "duyet.hn"), 10)
		c := newStaffClient(t, ts.URL)
		c.login("qt.hanoi", pw)

		status, body, _ := c.post("/quan-tri/tai-khoan/"+id+"/mat-khau", url.Values{})
		if status != http.StatusOK {
			t.Fatalf("reset: %d %.300s", status, body)
		}
		fresh := secretOn(t, body)
		if fresh == old || len(fresh) < staff.MinPasswordLen {
			t.Fatalf("reset showed %q", fresh)
		}
		// The page shown later no longer holds it.
		if _, body, _ := c.get("/quan-tri/tai-khoan/" + id); strings.Contains(body, fresh) {
			t.Fatal("the temporary password is shown again")
		}
		// The old password is refused, the new one works.
		other := newStaffClient(t, ts.URL)
		if status, _, _ := other.post("/quan-tri/dang-nhap", url.Values{"username": {"duyet.hn"}, "password": {old}}); status != http.StatusUnauthorized {
			t.Fatalf("old password after reset: %d, want 401", status)
		}
		other.login("duyet.hn", fresh)
	})
}

func TestAccountsStaleEdit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		pw := createStaff(t, a, "qt.hanoi", staff.RoleAgencyAdmin, "UBND-01")
		createStaff(t, a, "bientap.hn", staff.RoleEditor, "UBND-01")
		uid := userID(t, a, "bientap.hn")
		id := strconv.FormatInt(uid, 10)
		c := newStaffClient(t, ts.URL)
		c.login("qt.hanoi", pw)

		// Two tabs open the same account.
		_, body, _ := c.get("/quan-tri/tai-khoan/" + id)
		version := versionOn(t, body)
		status, _, hdr := c.post("/quan-tri/tai-khoan/"+id, url.Values{
			"version": {version}, "display_name": {"Biên tập Hà Nội"}, "role": {"reviewer"}, "agency": {"UBND-01"},
		})
		if status != http.StatusSeeOther || !strings.Contains(hdr.Get("Location"), "ok=user_saved") {
			t.Fatalf("first edit: %d → %s", status, hdr.Get("Location"))
		}
		// The second tab's edit is stale: refused with a clear message, nothing overwritten.
		status, body, _ = c.post("/quan-tri/tai-khoan/"+id, url.Values{
			"version": {version}, "display_name": {"Tên khác"}, "role": {"analyst"}, "agency": {"UBND-01"},
		})
		if status != http.StatusConflict || !strings.Contains(body, "vừa được người khác thay đổi") {
			t.Fatalf("stale edit: %d %.500s", status, body)
		}
		u, err := a.Staff.GetUser(context.Background(), uid)
		if err != nil {
			t.Fatal(err)
		}
		if u.Role != staff.RoleReviewer || u.DisplayName != "Biên tập Hà Nội" {
			t.Fatalf("after the stale edit: %s %q", u.Role, u.DisplayName)
		}
		// The conflict page carries the latest version, so the edit can be redone.
		if versionOn(t, body) != strconv.FormatInt(u.Version, 10) {
			t.Fatalf("conflict page version %s, stored %d", versionOn(t, body), u.Version)
		}

		// Disabling with a stale version is refused too; with the current one it works.
		if status, _, _ := c.post("/quan-tri/tai-khoan/"+id+"/trang-thai", url.Values{"version": {version}, "disabled": {"1"}}); status != http.StatusConflict {
			t.Fatalf("stale disable: %d, want 409", status)
		}
		cur := strconv.FormatInt(u.Version, 10)
		if status, _, _ := c.post("/quan-tri/tai-khoan/"+id+"/trang-thai", url.Values{"version": {cur}, "disabled": {"1"}}); status != http.StatusSeeOther {
			t.Fatalf("disable: %d", status)
		}
		other := newStaffClient(t, ts.URL)
		status, body, _ = other.post("/quan-tri/dang-nhap", url.Values{"username": {"bientap.hn"}, "password": {"mat-khau-thu-nghiem-1"}})
		if status != http.StatusUnauthorized || !strings.Contains(body, "vô hiệu hóa") {
			t.Fatalf("sign-in of a disabled account: %d", status)
		}
		_, body, _ = c.get("/quan-tri/tai-khoan/" + id)
		if status, _, _ := c.post("/quan-tri/tai-khoan/"+id+"/trang-thai", url.Values{"version": {versionOn(t, body)}, "disabled": {"0"}}); status != http.StatusSeeOther {
			t.Fatalf("enable: %d", status)
		}
		other.login("bientap.hn", "mat-khau-thu-nghiem-1")

		// Nobody changes their own role.
		self := strconv.FormatInt(userID(t, a, "qt.hanoi"), 10)
		_, body, _ = c.get("/quan-tri/tai-khoan/" + self)
		status, body, _ = c.post("/quan-tri/tai-khoan/"+self, url.Values{
			"version": {versionOn(t, body)}, "display_name": {"Quản trị"}, "role": {"editor"}, "agency": {"UBND-01"},
		})
		if status != http.StatusBadRequest || !strings.Contains(body, "không thể tự đổi vai trò") {
			t.Fatalf("own role change: %d", status)
		}
	})
}

func TestAccountsAgencyPickerForAdmin(t *testing.T) {
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	pw := createStaff(t, a, "dieuphoi", staff.RoleAdmin, staff.National)
	commune := firstCommune(t, a, "01")
	c := newStaffClient(t, ts.URL)
	c.login("dieuphoi", pw)

	// The nation, ministries and provinces; communes only once a province is chosen.
	_, body, _ := c.get("/quan-tri/tai-khoan/moi")
	for _, code := range []string{staff.National, "BCA", "UBND-01", "UBND-79"} {
		if !strings.Contains(body, `value="`+code+`"`) {
			t.Errorf("admin's picker lacks %s", code)
		}
	}
	if strings.Contains(body, `value="`+commune+`"`) {
		t.Error("admin's picker lists communes before a province is chosen")
	}
	// "Show the communes" sends the form back by GET: what was typed stays.
	_, body, _ = c.get("/quan-tri/tai-khoan/moi?username=moi.xa&display_name=C%C3%A1n+b%E1%BB%99&role=reviewer&agency=UBND-01")
	if !strings.Contains(body, `value="`+commune+`"`) || !strings.Contains(body, `value="moi.xa"`) ||
		!strings.Contains(body, `<option value="reviewer" selected>`) || !strings.Contains(body, `<option value="UBND-01" selected>`) {
		t.Fatalf("picker after choosing UBND-01: %.1000s", body)
	}
	if strings.Contains(body, `value="`+firstCommune(t, a, "79")+`"`) {
		t.Error("communes of another province listed")
	}
}
